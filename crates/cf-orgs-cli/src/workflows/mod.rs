//! The hand-written commands beside the generated ones: what an operator does
//! in several requests (a tree, an import, an export) and the checks before a
//! delete. Each is a [`Workflow`], registered once in [`WORKFLOWS`]: the tree
//! takes its command from there, and `run` its run.

pub(crate) mod delete;
pub(crate) mod export;
pub(crate) mod import;
mod input;
pub(crate) mod move_accounts;
mod results;
pub(crate) mod tree;

use std::future::Future;
use std::pin::Pin;

use cf_orgs::generated::operations::Operation;
use clap::{ArgMatches, Command};

use crate::context::Context;
use crate::exit::Failure;

/// A workflow's run, on its way.
pub(crate) type Running<'a> = Pin<Box<dyn Future<Output = Result<(), Failure>> + 'a>>;

/// A hand-written command: where it goes, what it is, what it prints, and its run.
#[derive(Clone, Copy)]
pub(crate) struct Workflow {
    /// Its group (one of the surface map's) and its name: `["org", "tree"]`.
    pub place: [&'static str; 2],
    /// Its command, named as its place says.
    pub command: fn() -> Command,
    /// The operation whose answer it prints: the fields `--fields` alone lists.
    pub answers: Operation,
    pub run: for<'a> fn(&'a Context, &'a ArgMatches) -> Running<'a>,
}

/// Every workflow, each registered here once.
pub(crate) const WORKFLOWS: [Workflow; 5] = [
    Workflow {
        place: ["org", "tree"],
        command: tree::command,
        answers: Operation::OrganizationListOrganizations,
        run: |ctx, m| Box::pin(tree::run(ctx, m)),
    },
    Workflow {
        place: ["member", "import"],
        command: import::command,
        answers: Operation::MembersList,
        run: |ctx, m| Box::pin(import::run(ctx, m)),
    },
    Workflow {
        place: ["member", "export"],
        command: export::member_command,
        answers: export::MEMBERS,
        run: |ctx, m| Box::pin(export::members(ctx, m)),
    },
    Workflow {
        place: move_accounts::PLACE,
        command: move_accounts::command,
        answers: move_accounts::MOVE,
        run: |ctx, m| Box::pin(move_accounts::run(ctx, m)),
    },
    Workflow {
        place: ["audit", "export"],
        command: export::audit_command,
        answers: export::AUDIT,
        run: |ctx, m| Box::pin(export::audit(ctx, m)),
    },
];

/// The workflow at `path`.
pub(crate) fn at(path: &[&str]) -> Option<Workflow> {
    WORKFLOWS.into_iter().find(|w| w.place == path)
}

/// The workflows' commands, each with its group, for the tree.
pub(crate) fn commands() -> Vec<(&'static str, Command)> {
    WORKFLOWS.iter().map(|w| (w.place[0], (w.command)())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_workflow_is_named_as_its_place_and_in_its_own() {
        for w in WORKFLOWS {
            assert_eq!((w.command)().get_name(), w.place[1], "{:?}", w.place);
            assert!(crate::generated::GROUPS.iter().any(|(g, _)| *g == w.place[0]), "{:?}: no such group", w.place);
            // It takes a generated command's place only to send that command's operation itself.
            let generated = crate::commands::operation_at(&w.place);
            assert!(
                generated.is_none_or(|op| op.operation == w.answers),
                "{:?} is a generated command's place too",
                w.place
            );
        }
    }
}
