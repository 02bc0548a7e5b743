//! `cf-orgs completion bash|zsh|fish|…` and `cf-orgs man`: generated from the
//! command tree by clap's companion crates.

use std::io::Write;

use clap::{Arg, ArgMatches, Command, value_parser};
use clap_complete::Shell;

use crate::exit::Failure;

pub(crate) fn commands() -> [Command; 2] {
    [
        Command::new("completion")
            .about("The shell completion script (source it, or save it where your shell looks)")
            .arg(Arg::new("shell").value_name("SHELL").required(true).value_parser(value_parser!(Shell))),
        Command::new("man").about("The man page, as roff (cf-orgs man > cf-orgs.1)"),
    ]
}

pub(crate) fn completion(m: &ArgMatches, mut cli: Command) -> Result<(), Failure> {
    let shell = m.get_one::<Shell>("shell").copied().unwrap_or(Shell::Bash);
    // Into memory first: clap_complete panics where a write fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cli, "cf-orgs", &mut script);
    std::io::stdout().write_all(&script).map_err(Failure::stdout)
}

pub(crate) fn man(cli: Command) -> Result<(), Failure> {
    let mut page = Vec::new();
    clap_mangen::Man::new(cli).render(&mut page).map_err(Failure::stdout)?;
    std::io::stdout().write_all(&page).map_err(Failure::stdout)
}
