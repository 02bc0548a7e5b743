//! The dates a command takes when its flags give none, said on standard error: the audit log's
//! lists take cf-orgs's window (`cf_orgs::audit_window`: the last 30 days, today included) where
//! the spec requires one, and the billable usage the spec's default (month to date, which the
//! server applies when neither date is sent).

use cf_orgs::generated::operations::Operation;
use chrono::{Datelike, Utc};
use clap::parser::ValueSource;
use clap::{ArgMatches, Command};

/// The operations whose required `since` and `before` take the audit window.
const AUDIT: [Operation; 2] =
    [Operation::AuditLogsV2GetOrganizationAuditLogs, Operation::AuditLogsV2GetOrganizationAuditLogHistory];

/// The billable usage, whose `from` and `to` the server defaults.
const USAGE: Operation = Operation::BillableUsageV2GetOrganizationUsage;

/// What `--help` says of dates.
pub(crate) fn help() -> String {
    format!(
        "DATES\n  Every date flag reads {}.\n  Without dates, `audit list` and `audit history` take the last {} days and `usage` the month to\n  date; each says so on stderr.",
        crate::dates::FORMS,
        cf_orgs::DEFAULT_WINDOW_DAYS
    )
}

/// The command with its window's defaults: `since` and `before` no longer required.
pub(crate) fn defaulted(command: Command, operation: Operation) -> Command {
    if !AUDIT.contains(&operation) {
        return command;
    }
    let (since, before) = cf_orgs::audit_window();
    let days = cf_orgs::DEFAULT_WINDOW_DAYS;
    command
        .mut_arg("since", |a| with_default(a, since.to_string(), &format!("{days} days before today")))
        .mut_arg("before", |a| with_default(a, before.to_string(), "tomorrow, so today is in"))
}

/// A required flag made optional, with its default (hidden: it changes by the day) said in words.
fn with_default(arg: clap::Arg, value: String, said: &str) -> clap::Arg {
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    arg.required(false).default_value(value).hide_default_value(true).help(format!("{help} [default: {said}]"))
}

/// Says on standard error the window a command took by default, before it sends.
pub(crate) fn say(m: &ArgMatches, operation: Operation) {
    let defaulted = |id: &str| m.value_source(id) == Some(ValueSource::DefaultValue);
    if AUDIT.contains(&operation) && (defaulted("since") || defaulted("before")) {
        let (since, before) = (m.get_one::<String>("since"), m.get_one::<String>("before"));
        if let (Some(since), Some(before)) = (since, before) {
            eprintln!(
                "audit log from {since} to {before} (not including it): the default window where --since or --before is not given"
            );
        }
    }
    let given = |id: &str| m.try_get_one::<String>(id).ok().flatten().is_some();
    if operation == USAGE && !given("from") && !given("to") {
        let today = Utc::now().date_naive();
        let first = today.with_day(1).unwrap_or(today);
        eprintln!(
            "usage from {first} to {today}: month to date, the spec's default where neither --from nor --to is given"
        );
    }
}
