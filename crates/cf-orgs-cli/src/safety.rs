//! What keeps a command from doing harm by accident: deletes and removals ask
//! first (`--yes` answers for you; with no terminal to ask on, they refuse),
//! and `--dry-run` on a write prints the request (credentials as `***`) and
//! sends nothing.

use std::io::IsTerminal;

use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::exit::{self, Failure};

pub(crate) const YES: &str = "cli-yes";
pub(crate) const DRY_RUN: &str = "cli-dry-run";

/// `--yes`, for a command that deletes.
pub(crate) fn with_yes(command: Command) -> Command {
    command.arg(
        Arg::new(YES)
            .long("yes")
            .short('y')
            .action(ArgAction::SetTrue)
            .help("Do it without asking (needed where no terminal can ask)"),
    )
}

/// `--dry-run`, for a command that writes.
pub(crate) fn with_dry_run(command: Command) -> Command {
    command.arg(
        Arg::new(DRY_RUN)
            .long("dry-run")
            .action(ArgAction::SetTrue)
            .help("Print the request (method, URL, body; credentials as ***) and send nothing"),
    )
}

pub(crate) fn dry_run(m: &ArgMatches) -> bool {
    m.try_get_one::<bool>(DRY_RUN).ok().flatten().copied().unwrap_or(false)
}

/// Asks before `what` (`delete organization X`) unless `--yes`; with no terminal to ask on, refuses.
pub(crate) fn confirm(m: &ArgMatches, what: &str) -> Result<(), Failure> {
    if m.try_get_one::<bool>(YES).ok().flatten().copied().unwrap_or(false) {
        return Ok(());
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Failure::usage(format!(
            "refusing to {what} without confirmation: no terminal to ask on; pass --yes"
        )));
    }
    let yes = dialoguer::Confirm::new()
        .with_prompt(format!("{what}?"))
        .default(false)
        .interact()
        .map_err(|e| Failure::usage(format!("no answer: {e}")))?;
    if yes { Ok(()) } else { Err(Failure::new(exit::USAGE, format!("did not {what}: not confirmed"))) }
}

/// Asks before `what` on a terminal unless `--yes`; with no terminal, goes on (for a change that
/// can be undone, as a move: a script has no one to ask).
pub(crate) fn confirm_on_terminal(m: &ArgMatches, what: &str) -> Result<(), Failure> {
    if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() { confirm(m, what) } else { Ok(()) }
}

/// Prints what a dry run would send, to standard output.
pub(crate) fn print_preview(preview: &cf_orgs::Result<cf_orgs::RequestPreview>) -> Result<(), Failure> {
    match preview {
        Ok(preview) => {
            print!("{preview}");
            Ok(())
        }
        Err(e) => Err(Failure::api(e, false)),
    }
}
