//! `cf-orgs`: the command line for Cloudflare Organizations. Every operation
//! of the spec is a command (generated from it, `generated.rs`), placed in a
//! `gh`-shaped tree (`commands.rs`), and sent through cf-orgs; `cf-orgs api`
//! sends any path.

mod api;
mod commands;
mod exit;
// Written by `cargo xtask regenerate` as prettyplease formats it; `--check` compares it byte for byte.
#[rustfmt::skip]
mod generated;
mod output;
mod runtime;

use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command};
use serde_json::Value;

use crate::output::Format;

const AFTER_HELP: &str = "AUTH
  CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL with CLOUDFLARE_API_KEY (the modes each command's help
  names); CLOUDFLARE_BASE_URL or --base-url points it elsewhere (cf-orgs-mock, for one).";

fn cli() -> Command {
    let root = Command::new("cf-orgs")
        .version(env!("CARGO_PKG_VERSION"))
        .about("The command line for Cloudflare Organizations")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .after_help(format!("{AFTER_HELP}\n\n{}", exit::HELP))
        .arg(
            Arg::new("base-url")
                .long("base-url")
                .global(true)
                .help_heading("Global options")
                .value_name("URL")
                .env(cf_orgs::env::BASE_URL)
                .hide_env_values(true)
                .help("The API's base URL (default: Cloudflare's)"),
        )
        .arg(
            Arg::new("output")
                .short('o')
                .long("output")
                .global(true)
                .help_heading("Global options")
                .value_name("FORMAT")
                .default_value("json")
                .value_parser(|s: &str| s.parse::<Format>())
                .help("json (indented on a terminal) or jsonl (a list's items, one per line)"),
        )
        .arg(
            Arg::new("verbose")
                .long("verbose")
                .global(true)
                .help_heading("Global options")
                .action(ArgAction::SetTrue)
                .help("Errors name the request too"),
        )
        .subcommand(api::command());
    commands::attach(root)
}

/// A failure: its line and exit code.
struct Failure(String, u8);

impl From<runtime::Invalid> for Failure {
    fn from(invalid: runtime::Invalid) -> Self {
        Failure(format!("error: {invalid}"), exit::USAGE)
    }
}

fn client(m: &ArgMatches) -> Result<cf_orgs::Client, Failure> {
    let usage = |e: cf_orgs::Error| Failure(format!("error: {e}"), exit::USAGE);
    let mut builder = cf_orgs::Client::builder().credentials(cf_orgs::Credentials::from_env().map_err(usage)?);
    if let Some(url) = m.get_one::<String>("base-url") {
        builder = builder.base_url(url);
    }
    builder.build().map_err(usage)
}

async fn run(m: ArgMatches) -> Result<(), Failure> {
    let verbose = m.get_flag("verbose");
    let format = m.get_one::<Format>("output").copied().unwrap_or(Format::Json);
    let failed = |e: cf_orgs::Error| Failure(exit::line(&e, verbose), exit::code(&e));
    let print =
        |value: &Value| output::print(format, value).map_err(|e| Failure(format!("error: stdout: {e}"), exit::ERROR));
    if let Some(("api", sub)) = m.subcommand() {
        let client = client(&m)?;
        let (request, paginate) = api::request(&client, sub)?;
        let mut answer = request.clone().await.map_err(failed)?;
        print(&answer.value)?;
        // Each next page is asked with the first request's fields and the page's token.
        while let Some(next) = paginate.then(|| answer.next_page()).flatten() {
            answer = request.clone().query(next.param, next.token).await.map_err(failed)?;
            if answer.value.as_array().is_some_and(Vec::is_empty) {
                break;
            }
            print(&answer.value)?;
        }
        return Ok(());
    }
    let Some((op, sub)) = commands::chosen(&m) else {
        return Err(Failure("error: no such command".into(), exit::USAGE));
    };
    let client = client(&m)?;
    let Some(paging) = op.paging else {
        let answer = (op.send)(&client, sub, None)?.await.map_err(failed)?;
        return print(&answer.value);
    };
    // A list: every page, printed as it comes, until --limit or the last page.
    let limit = sub.get_one::<u64>(commands::LIMIT).copied();
    let follow = !sub.get_flag(commands::NO_PAGINATE);
    let stdout = |e: std::io::Error| Failure(format!("error: stdout: {e}"), exit::ERROR);
    let mut items = output::Items::new(format);
    let mut next: Option<String> = None;
    'pages: loop {
        let answer = (op.send)(&client, sub, next.as_deref())?.await.map_err(failed)?;
        let Value::Array(page) = &answer.value else {
            return print(&answer.value);
        };
        for item in page {
            if limit.is_some_and(|limit| items.count() >= limit) {
                break 'pages;
            }
            items.item(item).map_err(stdout)?;
        }
        if limit.is_some_and(|limit| items.count() >= limit) {
            break;
        }
        next = match answer.next_page() {
            Some(next) if follow && next.param == paging && !page.is_empty() => Some(next.token),
            _ => break,
        };
    }
    items.end().map_err(stdout)
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
    match runtime.block_on(run(matches)) {
        Ok(()) => ExitCode::from(exit::OK),
        Err(Failure(line, code)) => {
            eprintln!("{line}");
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
