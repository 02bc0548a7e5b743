//! `cf-orgs`: the command line for Cloudflare Organizations. Every operation
//! of the spec is a command (generated from it, `generated.rs`), placed in a
//! `gh`-shaped tree (`commands.rs`) and sent through cf-orgs; beside them, the
//! hand-written workflows (`workflows/`), `cf-orgs api` for any path, `auth`
//! for profiles, and completions and a man page.

mod api;
mod auth;
mod commands;
mod completion;
mod context;
mod dates;
mod exit;
mod fields;
mod files;
// Written by `cargo xtask regenerate` as prettyplease formats it; `--check` compares it byte for byte.
#[rustfmt::skip]
mod generated;
mod jq;
mod lists;
mod output;
mod profiles;
mod runtime;
mod safety;
mod windows;
mod words;
mod workflows;

use std::io::IsTerminal;
use std::process::ExitCode;

use cf_orgs::generated::operations::Operation;
use cf_orgs::generated::runtime::Method;
use clap::{ArgMatches, Command};

use crate::context::Context;
use crate::exit::Failure;
use crate::lists::Pages;

const AFTER_HELP: &str = "AUTH
  CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL with CLOUDFLARE_API_KEY (the modes each command's help
  names), or a profile (`cf-orgs auth login`, then --profile NAME; \"default\" when none is named
  and the environment has no credentials). CLOUDFLARE_BASE_URL, --base-url or the profile's base
  URL points it elsewhere (cf-orgs-mock, for one).

OUTPUT
  A table on a terminal, tab-separated values when piped; -o json|jsonl|csv|yaml; --fields a,b.c
  chooses fields (--fields alone lists them); -q prints ids. Lists fetch every page, streaming;
  --limit N caps the items, --page-size the page. --jq EXPR filters what is printed, each item as it
  comes (--slurp: the whole list at once). Colour only on a terminal, never with NO_COLOR.";

fn cli() -> Command {
    let root = Command::new("cf-orgs")
        .version(env!("CARGO_PKG_VERSION"))
        .about("The command line for Cloudflare Organizations")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .after_help(format!("{AFTER_HELP}\n\n{}\n\n{}", windows::help(), exit::HELP))
        .subcommand(api::command())
        .subcommand(auth::command());
    let root = commands::attach(context::global_args(root), workflows::commands());
    completion::commands().into_iter().fold(root, Command::subcommand)
}

/// The operation whose answer a command prints, for `--fields` with no value.
fn answered_by(path: &[&str]) -> Option<Operation> {
    match workflows::at(path) {
        Some(workflow) => Some(workflow.answers),
        None => commands::operation_at(path).map(|op| op.operation),
    }
}

async fn run(m: &ArgMatches) -> Result<(), Failure> {
    let (path, leaf) = commands::route(m);
    let ctx = Context::new(leaf)?;
    if ctx.lists_fields() {
        let op = answered_by(&path).ok_or_else(|| Failure::usage("this command has no fields to choose"))?;
        fields::spec_fields(op).iter().for_each(|f| println!("{f}"));
        return Ok(());
    }
    match path.as_slice() {
        ["api"] => api::run(&ctx, leaf).await,
        ["auth", verb] => auth::run(&ctx, verb, leaf),
        ["completion"] => completion::completion(leaf, cli()),
        ["man"] => completion::man(cli()),
        _ => match workflows::at(&path) {
            Some(workflow) => (workflow.run)(&ctx, leaf).await,
            None => generated(&ctx, &path, leaf).await,
        },
    }
}

/// A generated command: one request, or a list's pages.
async fn generated(ctx: &Context, path: &[&str], m: &ArgMatches) -> Result<(), Failure> {
    let op = commands::operation_at(path).ok_or_else(|| Failure::usage("no such command"))?;
    let client = ctx.client()?;
    let columns = commands::columns(op.operation);
    windows::say(m, op.operation);
    if op.paging.is_none() {
        return single(ctx, &client, op, path, m, &columns).await;
    }
    // A list: every page, printed as it comes, until --limit or the last page.
    let limit = m.get_one::<u64>(commands::LIMIT).copied();
    let follow = !m.get_flag(commands::NO_PAGINATE);
    let mut printer = ctx.printer(&columns);
    let mut pages = Pages::new(&client, op, m, ctx.verbose, None);
    let full = |printer: &output::Printer<_>| limit.is_some_and(|limit| printer.count() >= limit);
    'pages: while let Some(page) = pages.next().await? {
        for item in &page.items {
            if full(&printer) {
                break 'pages;
            }
            printer.item(item).map_err(Failure::stdout)?;
        }
        printer.flush().map_err(Failure::stdout)?;
        if !follow || full(&printer) {
            break;
        }
    }
    printer.end().map_err(Failure::stdout)
}

/// A generated command of one request: what blocks a delete, a dry run, the confirmation, and
/// the answer.
async fn single(
    ctx: &Context,
    client: &cf_orgs::Client,
    op: runtime::OperationCommand,
    path: &[&str],
    m: &ArgMatches,
    columns: &[&str],
) -> Result<(), Failure> {
    let prepared = (op.send)(client, m, None)?;
    // An organization with anything under it cannot be deleted: say what, before asking.
    if op.operation == Operation::OrganizationsDelete {
        let org = m.get_one::<String>(Operation::OrganizationsDelete.path_params()[0]).cloned().unwrap_or_default();
        let blockers = workflows::delete::blockers(client, &org, ctx.verbose).await?;
        if !blockers.is_empty() {
            let why = format!("organization {org} cannot be deleted: it has {}", blockers.join("; "));
            if safety::dry_run(m) {
                eprintln!("dry run: {why}");
            } else {
                return Err(Failure::new(exit::ERROR, why));
            }
        }
    }
    if safety::dry_run(m) {
        return safety::print_preview(&prepared.preview);
    }
    if op.operation.method() == Method::Delete {
        let what = match &prepared.preview {
            Ok(preview) => format!("send {} {}", preview.method, preview.url),
            Err(_) => format!("run {}", path.join(" ")),
        };
        safety::confirm(m, &what)?;
    }
    let answer = prepared.sent.await.map_err(|e| Failure::api(&e, ctx.verbose))?;
    ctx.printer(columns).one(&answer.value).map_err(Failure::stdout)
}

fn main() -> ExitCode {
    let matches = cli().get_matches();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::from(exit::ERROR);
        }
    };
    // Ctrl-C ends the command at its next wait: what was written (a page, a result line, a
    // checkpoint) is whole, so that a run again goes on from there.
    let result = runtime.block_on(async {
        tokio::select! {
            result = run(&matches) => result,
            _ = tokio::signal::ctrl_c() => Err(Failure::new(exit::INTERRUPTED, "interrupted")),
        }
    });
    match result {
        Ok(()) => ExitCode::from(exit::OK),
        Err(Failure { line, code }) => {
            let color = output::Shape::color_on(std::io::stderr().is_terminal());
            match line.strip_prefix("error:") {
                _ if line.is_empty() => {}
                Some(rest) if color => eprintln!("{}{rest}", console::style("error:").red().bold().force_styling(true)),
                _ => eprintln!("{line}"),
            }
            ExitCode::from(code)
        }
    }
}

#[cfg(test)]
mod tests {
    /// Every command's full help, in tree order: the CLI as a reviewer reads it, so that a spec
    /// change shows in the snapshot as the commands it moves.
    #[test]
    fn the_help_tree() {
        fn walk(command: &mut clap::Command, path: &str, out: &mut String) {
            let help = command.render_long_help().to_string();
            out.push_str(&format!("$ {path} --help\n{help}\n"));
            // clap's own `help` subcommands repeat what is already here.
            let mut subs: Vec<clap::Command> =
                command.get_subcommands().filter(|c| c.get_name() != "help").cloned().collect();
            for sub in &mut subs {
                let name = sub.get_name().to_string();
                walk(sub, &format!("{path} {name}"), out);
            }
        }
        let mut cli = super::cli().term_width(100);
        cli.build();
        let mut out = String::new();
        walk(&mut cli, "cf-orgs", &mut out);
        insta::assert_snapshot!("help_tree", out);
    }
}
