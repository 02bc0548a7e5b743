//! The generated operation commands in the tree, in `gh`'s resource-verb shape (`cf-orgs org
//! list`, `cf-orgs member add`), each where the surface map (`spec/surface-map.toml`) places it,
//! with the CLI's own touches: list paging and write guards (the map's presets, as
//! `org list --roots`, are generated).

use cf_orgs::generated::operations::Operation;
use cf_orgs::generated::runtime::Method;
use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};

use crate::generated::{GROUPS, OPERATIONS};
use crate::runtime::OperationCommand;
use crate::{fields, safety, windows};

/// A table's columns for each resource, when `--fields` names none: fields of the spec's answers
/// (`the_columns_are_the_specs_fields` holds each to being one). An answer with none of them
/// shows its first item's fields.
const COLUMNS: [(&str, &[&str]); 7] = [
    ("org", &["id", "name", "parent.id", "create_time"]),
    ("account", &["id", "name", "type", "created_on"]),
    ("member", &["id", "user.email", "status", "create_time"]),
    ("audit", &["id", "action.time", "action.type", "action.result", "actor.email", "resource.type"]),
    (
        "usage",
        &[
            "ChargePeriodStart",
            "ServiceProviderName",
            "ChargeDescription",
            "ConsumedQuantity",
            "ConsumedUnit",
            "BilledCost",
            "BillingCurrency",
        ],
    ),
    ("profile", &["business_name", "business_email", "business_phone", "business_address", "external_metadata"]),
    ("share", &["id", "name", "kind", "status", "account_name", "created"]),
];

/// The table columns of an operation's answer: its resource's that its answer has by the spec.
pub(crate) fn columns(operation: Operation) -> Vec<&'static str> {
    let resource = self::operation(operation).place[0];
    let spec = fields::spec_fields(operation);
    let all = COLUMNS.iter().find(|(r, _)| *r == resource).map(|(_, c)| *c).unwrap_or_default();
    all.iter().copied().filter(|c| spec.iter().any(|f| f == c)).collect()
}

/// The generated commands in their places, under `root`, and `extra` (hand-written commands, each
/// with its group); each group's help lists its commands.
pub(crate) fn attach(mut root: Command, extra: Vec<(&str, Command)>) -> Command {
    let mut groups: Vec<Command> = GROUPS
        .iter()
        .map(|(name, _)| Command::new(*name).subcommand_required(true).arg_required_else_help(true))
        .collect();
    for op in OPERATIONS {
        let leaf = op.place[op.place.len() - 1];
        // A workflow in the same place takes it (and sends the operation itself).
        if extra.iter().any(|(group, command)| op.place == [*group, command.get_name()]) {
            continue;
        }
        let command = guarded(paged(windows::defaulted((op.command)().name(leaf), op.operation), op), op.operation);
        match op.place {
            [group, _] => {
                if let Some(g) = groups.iter_mut().find(|g| g.get_name() == *group) {
                    *g = std::mem::take(g).subcommand(command);
                }
            }
            _ => root = root.subcommand(command),
        }
    }
    for (group, (name, about)) in groups.into_iter().zip(GROUPS) {
        let own = extra.iter().filter(|(g, _)| *g == name).map(|(_, command)| command.clone());
        let group = own.fold(group, Command::subcommand);
        let verbs: Vec<String> = group.get_subcommands().map(|c| c.get_name().to_string()).collect();
        root = root.subcommand(group.about(format!("{about}: {}", verbs.join(", "))));
    }
    root
}

/// A write gets `--dry-run`; a delete `--yes` too (it asks first).
fn guarded(command: Command, operation: Operation) -> Command {
    match operation.method() {
        Method::Get | Method::Head | Method::Options => command,
        Method::Delete => safety::with_yes(safety::with_dry_run(command)),
        _ => safety::with_dry_run(command),
    }
}

/// The arg ids of a list's own flags.
pub(crate) const LIMIT: &str = "cli-limit";
pub(crate) const NO_PAGINATE: &str = "cli-no-paginate";

/// A list follows its pages by default: `--limit N` caps the items, `--no-paginate` asks one page.
/// Where the spec's own page size is called `limit` (the audit log), its flag is `--page-size`,
/// as on the other lists, and `--limit` is the total's, as on every list.
fn paged(command: Command, op: OperationCommand) -> Command {
    if op.paging.is_none() {
        return command;
    }
    let command = if command.get_arguments().any(|a| a.get_id() == "limit") {
        command.mut_arg("limit", |a| a.long("page-size").value_name("N"))
    } else {
        command
    };
    command
        .arg(
            Arg::new(LIMIT)
                .long("limit")
                .value_name("N")
                .value_parser(value_parser!(u64))
                .help("At most N items in all (every page is fetched until then; --page-size is the page's)"),
        )
        .arg(
            Arg::new(NO_PAGINATE)
                .long("no-paginate")
                .action(ArgAction::SetTrue)
                .help("Only the first page (or the page --page-token, --cursor or --page names)"),
        )
}

/// The command path the matches chose (`["org", "list"]`), with the chosen command's matches.
pub(crate) fn route(matches: &ArgMatches) -> (Vec<&str>, &ArgMatches) {
    let mut path = Vec::new();
    let mut at = matches;
    while let Some((name, sub)) = at.subcommand() {
        path.push(name);
        at = sub;
    }
    (path, at)
}

/// The generated command at `path`.
pub(crate) fn operation_at(path: &[&str]) -> Option<OperationCommand> {
    OPERATIONS.into_iter().find(|op| op.place == path)
}

/// The generated command of an operation.
pub(crate) fn operation(operation: Operation) -> OperationCommand {
    OPERATIONS.into_iter().find(|op| op.operation == operation).expect("OPERATIONS holds every operation")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The operations whose `result` is an array the spec gives no paging: answered whole.
    const ANSWERED_WHOLE: [Operation; 7] = [
        Operation::BillableUsageV2GetOrganizationUsage,
        Operation::MembersBatchCreate,
        Operation::AccountsListAccountOrganizations,
        Operation::TenantsValidAccountTypes,
        Operation::TenantsListAccounts,
        Operation::TenantsListMemberships,
        Operation::UserListUserTenants,
    ];

    /// An operation that answers an array follows its pages (the generator found its page
    /// parameter), or is named as answered whole: a new list without paging fails here, by name.
    #[test]
    fn every_list_pages() {
        for op in OPERATIONS {
            let id = op.operation.operation_id();
            let array = fields::answers_array(op.operation);
            let whole = ANSWERED_WHOLE.contains(&op.operation);
            assert_eq!(
                op.paging.is_some(),
                array && !whole,
                "{id}: answers an array: {array}, paging: {:?}, named whole: {whole}",
                op.paging
            );
            assert!(!whole || array, "{id} is named as answered whole but answers no array");
        }
    }

    #[test]
    fn the_columns_are_the_specs_fields() {
        for (resource, columns) in COLUMNS {
            let ops: Vec<Operation> =
                OPERATIONS.into_iter().filter(|op| op.place[0] == resource).map(|op| op.operation).collect();
            assert!(!ops.is_empty(), "COLUMNS names {resource}, which no command is under");
            for column in columns {
                assert!(
                    ops.iter().any(|op| fields::spec_fields(*op).iter().any(|f| f == column)),
                    "{resource}'s column {column} is in no answer of the spec: change COLUMNS"
                );
            }
        }
        assert_eq!(columns(Operation::OrganizationsDelete), ["id"], "a delete answers the id only");
    }

    /// The xtask refuses two operations in one place; this holds the tree to what it generated.
    #[test]
    fn every_operation_is_in_its_place_once() {
        let tree = attach(Command::new("cf-orgs"), Vec::new());
        for op in OPERATIONS {
            let (mut at, path) = (&tree, op.place);
            for name in path {
                at = at.find_subcommand(name).unwrap_or_else(|| panic!("{path:?} is not in the tree"));
            }
            assert_eq!(operation_at(path).map(|o| o.operation), Some(op.operation), "{path:?}");
        }
        assert_eq!(OPERATIONS.len(), Operation::ALL.len(), "every operation has a command");
    }
}
