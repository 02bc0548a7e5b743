//! `cf-orgs auth login|status|logout`: a profile's credentials. The secret is
//! read from a no-echo prompt (or standard input when piped), never from a
//! flag, where it would stay in the shell's history and the process list.

use std::io::{IsTerminal, Read};

use cf_orgs::generated::operations::Operation;
use clap::{Arg, ArgMatches, Command};
use serde_json::json;

use crate::context::Context;
use crate::exit::Failure;
use crate::output::Format;
use crate::profiles::{self, Mode, Profile};

pub(crate) fn command() -> Command {
    Command::new("auth")
        .about("Credentials: log in to a profile, show which is used, log out")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("login")
                .about("Save credentials as a profile (--profile NAME, else \"default\"); the secret is prompted for, or read from standard input")
                .arg(
                    Arg::new("mode")
                        .long("mode")
                        .value_name("MODE")
                        .value_parser(["api-token", "api-key", "user-service-key"])
                        .default_value("api-token")
                        .help("api-token (Authorization: Bearer), api-key (with --email), user-service-key"),
                )
                .arg(Arg::new("email").long("email").value_name("EMAIL").help("The account's email (for --mode api-key)")),
        )
        .subcommand(Command::new("status").about("Which credentials are used, their mode and email (never the secret), and what they can call"))
        .subcommand(Command::new("logout").about("Remove the profile (--profile NAME, else \"default\")"))
}

/// `verb` is `login`, `status` or `logout`; `m` its matches (the global flags with them).
pub(crate) fn run(ctx: &Context, verb: &str, m: &ArgMatches) -> Result<(), Failure> {
    let name = m.get_one::<String>("profile").cloned().unwrap_or_else(|| profiles::DEFAULT.into());
    match verb {
        "login" => login(&name, m, m.get_one::<String>("base-url").cloned()),
        "logout" => logout(&name),
        "status" => status(ctx),
        _ => Err(Failure::usage("no such auth command")),
    }
}

fn login(name: &str, m: &ArgMatches, base_url: Option<String>) -> Result<(), Failure> {
    let mode = match m.get_one::<String>("mode").map(String::as_str) {
        Some("api-key") => Mode::GlobalApiKey,
        Some("user-service-key") => Mode::UserServiceKey,
        _ => Mode::ApiToken,
    };
    let email = m.get_one::<String>("email").cloned();
    if mode == Mode::GlobalApiKey && email.is_none() {
        return Err(Failure::usage("--mode api-key needs --email"));
    }
    let what = match mode {
        Mode::ApiToken => "API token",
        Mode::GlobalApiKey => "API key",
        Mode::UserServiceKey => "user service key",
    };
    let secret = if std::io::stdin().is_terminal() {
        dialoguer::Password::new()
            .with_prompt(what)
            .interact()
            .map_err(|e| Failure::usage(format!("no {what}: {e}")))?
    } else {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| Failure::usage(format!("standard input: {e}")))?;
        text.trim().to_string()
    };
    if secret.is_empty() {
        return Err(Failure::usage(format!("no {what} given")));
    }
    let profile = Profile { mode, email, secret, base_url };
    let shown = profile.credentials(name)?.mode();
    let mut file = profiles::load()?;
    file.profiles.insert(name.to_string(), profile);
    let path = profiles::save(&file)?;
    eprintln!("saved profile {name} ({shown}) in {}", path.display());
    Ok(())
}

fn logout(name: &str) -> Result<(), Failure> {
    let mut file = profiles::load()?;
    if file.profiles.remove(name).is_none() {
        return Err(Failure::usage(format!("no profile {name:?} to log out of")));
    }
    let path = profiles::save(&file)?;
    eprintln!("removed profile {name} from {}", path.display());
    Ok(())
}

fn status(ctx: &Context) -> Result<(), Failure> {
    let identity = ctx.identity()?;
    let credentials = &identity.credentials;
    let base_url = ctx.base_url(&identity).unwrap_or_else(|| "https://api.cloudflare.com/client/v4".into());
    let operations: Vec<serde_json::Value> = Operation::ALL
        .iter()
        .map(|op| {
            json!({
                "operation": op.operation_id(),
                "request": format!("{} {}", op.method(), op.path_template()),
                "callable": credentials.can_call(*op),
            })
        })
        .collect();
    let callable = operations.iter().filter(|o| o["callable"] == true).count();
    let shape = ctx.shape(Format::Table);
    if shape.format == Format::Table {
        println!("source:   {}", identity.source);
        println!("mode:     {} ({})", credentials.mode(), credentials.schemes().join(" + "));
        if let Some(email) = &identity.email {
            println!("email:    {email}");
        }
        println!("base URL: {base_url}");
        println!("can call: {callable} of {} operations", operations.len());
        for op in operations.iter().filter(|o| o["callable"] != true) {
            println!(
                "  not {} ({}): the spec does not take this mode",
                op["operation"].as_str().unwrap_or(""),
                op["request"].as_str().unwrap_or("")
            );
        }
        return Ok(());
    }
    let value = json!({
        "source": identity.source,
        "mode": credentials.mode(),
        "email": identity.email,
        "base_url": base_url,
        "operations": operations,
    });
    ctx.printer(&[]).one(&value).map_err(Failure::stdout)
}
