//! `member export ORG` (every member, CSV unless `-o` says otherwise) and
//! `audit export ORG --since 7d|DATE [--until DATE] [filters]` (JSON lines
//! unless `-o` says otherwise): every page streamed to standard output, one in
//! memory. `--checkpoint FILE` records the cursor after each page is written,
//! so that an interrupted export, run again, goes on where it stopped: nothing
//! lost, nothing repeated.

use std::path::{Path, PathBuf};

use cf_orgs::generated::operations::Operation;
use chrono::{Days, NaiveDate, Utc};
use clap::{Arg, ArgMatches, Command, value_parser};
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::exit::{self, Failure};
use crate::lists::Pages;
use crate::output::{Format, Printer};
use crate::{commands, context, dates};

/// The audit log list the export pages through, and the member list.
pub(crate) const AUDIT: Operation = Operation::AuditLogsV2GetOrganizationAuditLogs;
pub(crate) const MEMBERS: Operation = Operation::MembersList;

/// `member export`: the member list's own flags (its filters), every page.
pub(crate) fn member_command() -> Command {
    (commands::operation(MEMBERS).command)()
        .name("export")
        .about("Every member of an organization, in any format (CSV unless -o says otherwise)")
        .long_about(None)
}

/// `audit export`: the audit list's own flags (its filters); `--since` takes `7d` too, `--until`
/// is `--before` and defaults to tomorrow (today included).
pub(crate) fn audit_command() -> Command {
    let tomorrow = Utc::now().date_naive().checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX);
    (commands::operation(AUDIT).command)()
        .name("export")
        .about("Every audit log entry of a date range, streamed (JSON lines unless -o says otherwise)")
        .long_about(None)
        .mut_arg("limit", |a| a.long("page-size").value_name("N"))
        .mut_arg("since", |a| a.help(format!("From this date on: {}", dates::FORMS)))
        .mut_arg("before", |a| {
            a.long("until")
                .visible_alias("before")
                .required(false)
                .default_value(tomorrow.to_string())
                .hide_default_value(true)
                .help(format!("Up to (not including) this date: {} (default: tomorrow)", dates::FORMS))
        })
        .arg(
            Arg::new("checkpoint")
                .long("checkpoint")
                .value_name("FILE")
                .value_parser(value_parser!(PathBuf))
                .help("Record the cursor after each page here; run again with it to resume where it stopped"),
        )
}

pub(crate) async fn members(ctx: &Context, m: &ArgMatches) -> Result<(), Failure> {
    let client = ctx.client()?;
    let op = commands::operation(MEMBERS);
    let mut printer = ctx.printer_as(Format::Csv, &commands::columns(MEMBERS));
    let mut pages = Pages::new(&client, op, m, ctx.verbose, None).prefetch();
    while let Some(page) = pages.next().await? {
        printer.page(&page.items).map_err(Failure::stdout)?;
    }
    printer.end().map_err(Failure::stdout)
}

/// Where an export stands, after the pages it has written.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Checkpoint {
    /// The export's flags (organization, dates, filters): a checkpoint resumes only its own export.
    export: Vec<String>,
    /// The next page's cursor (`None` before the first page and after the last).
    cursor: Option<String>,
    /// Entries written so far.
    entries: u64,
    done: bool,
}

impl Checkpoint {
    fn load(path: &Path) -> Result<Option<Self>, Failure> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| Failure::usage(format!("{}: not a checkpoint: {e}", path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Failure::usage(format!("{}: cannot read: {e}", path.display()))),
        }
    }

    /// Replaces the file whole, so that it is never half written.
    fn save(&self, path: &Path) -> Result<(), Failure> {
        let failed = |e: std::io::Error| Failure::new(exit::ERROR, format!("{}: cannot write: {e}", path.display()));
        let text = serde_json::to_vec(self).map_err(|e| failed(e.into()))?;
        crate::files::replace(path, &text, false).map_err(failed)
    }
}

/// The export's identity: every flag of the audit list that was given or defaulted, by value
/// (the dates as resolved), but the cursor, which the checkpoint keeps, and the global flags
/// (how it prints is not what it exports).
fn fingerprint(m: &ArgMatches) -> Vec<String> {
    let mut out: Vec<String> = m
        .ids()
        .map(|id| id.as_str())
        .filter(|id| !matches!(*id, "checkpoint" | "cursor") && !context::GLOBAL.contains(id))
        .filter_map(|id| {
            let values = m.try_get_many::<String>(id).ok().flatten()?;
            Some(format!("{id}={}", values.cloned().collect::<Vec<_>>().join(",")))
        })
        .collect();
    out.sort();
    out
}

pub(crate) async fn audit(ctx: &Context, m: &ArgMatches) -> Result<(), Failure> {
    let client = ctx.client()?;
    let op = commands::operation(AUDIT);
    let checkpoint_path = m.get_one::<PathBuf>("checkpoint");
    let export = fingerprint(m);
    let mut state = Checkpoint { export: export.clone(), cursor: None, entries: 0, done: false };
    if let Some(path) = checkpoint_path
        && let Some(saved) = Checkpoint::load(path)?
    {
        if saved.export != export {
            return Err(Failure::usage(format!(
                "{} is the checkpoint of another export ({}); give the same flags, or another file",
                path.display(),
                saved.export.join(" ")
            )));
        }
        if saved.done {
            eprintln!("{}: the export is complete ({} entries); nothing to do", path.display(), saved.entries);
            return Ok(());
        }
        state = saved;
    }
    let mut shape = ctx.shape(Format::Jsonl);
    // A resumed CSV export goes on under the header the first run wrote.
    shape.headers &= state.entries == 0;
    let columns = commands::columns(AUDIT).iter().map(|c| c.to_string()).collect();
    let mut printer = Printer::new(shape, columns, std::io::BufWriter::new(std::io::stdout()));
    let mut pages = Pages::new(&client, op, m, ctx.verbose, state.cursor.clone()).prefetch();
    while let Some(page) = pages.next().await? {
        // Written and flushed, then recorded: an interruption between pages loses and repeats nothing.
        printer.page(&page.items).map_err(Failure::stdout)?;
        state.entries += page.items.len() as u64;
        state.done = page.next.is_none();
        state.cursor = page.next;
        if let Some(path) = checkpoint_path {
            state.save(path)?;
        }
    }
    printer.end().map_err(Failure::stdout)
}
