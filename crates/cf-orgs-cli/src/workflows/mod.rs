//! The hand-written commands beside the generated ones: what an operator does
//! in several requests (a tree, an import, an export) and the checks before a
//! delete.

pub(crate) mod delete;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod tree;

use clap::Command;

/// The hand-written commands of a resource group.
pub(crate) fn commands(group: &str) -> Vec<Command> {
    match group {
        "org" => vec![tree::command()],
        "member" => vec![import::command(), export::member_command()],
        "audit" => vec![export::audit_command()],
        _ => Vec::new(),
    }
}
