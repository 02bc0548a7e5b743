//! `cf-orgs member import ORG FILE`: members from CSV (`email[,status]`, an
//! optional header row) or JSON lines (`{"email": …, "status": …}`), created
//! through `members().create_all()` (batches of the spec's `maxItems`,
//! `--concurrency` of them in flight, paced by the rate limiter). A result line
//! per row goes to `--results FILE` (JSON lines: row, line, email, status,
//! member id or error). Run again with the same results file, it skips the rows
//! already done; a member who already exists is reported, never added twice.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use cf_orgs::{NewMember, OrganizationId};
use clap::{Arg, ArgMatches, Command, value_parser};
use futures_util::{StreamExt, TryStreamExt};
use serde::{Deserialize, Serialize};

use super::results::{Line, Results, dry_run_summary, finished, progress, todo};
use crate::context::Context;
use crate::exit::Failure;
use crate::safety;

pub(crate) fn command() -> Command {
    let command =
        Command::new("import")
            .about("Add members from a CSV (email[,status]) or JSON lines file; resumable with --results")
            .arg(Arg::new("organization").value_name("ORGANIZATION_ID").required(true).help("The organization"))
            .arg(Arg::new("file").value_name("FILE").required(true).value_parser(value_parser!(PathBuf)).help(
                "CSV (.csv, or anything not JSON lines) or JSON lines (.jsonl, .ndjson); - for standard input (CSV)",
            ))
            .arg(
                Arg::new("results").long("results").value_name("FILE").value_parser(value_parser!(PathBuf)).help(
                    "A result line per row is appended here (default: standard output); run again with it to resume",
                ),
            )
            .arg(
                Arg::new("concurrency")
                    .long("concurrency")
                    .value_name("N")
                    .value_parser(value_parser!(usize))
                    .default_value("4")
                    .help("Batches in flight at once"),
            );
    safety::with_dry_run(command)
}

/// One row of the file.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    /// 1 for the first member of the file.
    row: usize,
    /// Its line in the file.
    line: u64,
    email: String,
    status: Option<String>,
}

/// What became of one row: a line of the results file.
#[derive(Debug, Serialize, Deserialize)]
struct Outcome {
    row: usize,
    line: u64,
    email: String,
    /// `created`, `exists` (already a member), `duplicate` (an earlier row has the email) or `failed`.
    status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    member_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl Line for Outcome {
    fn key(&self) -> String {
        self.email.to_lowercase()
    }

    fn done(&self) -> bool {
        self.status != "failed"
    }
}

/// The file's rows; every row that cannot be read is named (file and line), and then nothing is sent.
fn read_rows(path: &Path) -> Result<Vec<Row>, Failure> {
    let (bytes, jsonl) = super::input::read(path)?;
    let (rows, bad) = if jsonl { read_jsonl(&bytes) } else { read_csv(&bytes) };
    super::input::rows_or_refuse(path, rows, bad, "no member in the file")
}

fn read_csv(bytes: &[u8]) -> (Vec<Row>, Vec<(u64, String)>) {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).trim(csv::Trim::All).from_reader(bytes);
    let (mut rows, mut bad) = (Vec::new(), Vec::new());
    let mut columns: Option<(usize, Option<usize>)> = None;
    for (i, record) in reader.records().enumerate() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                bad.push((line, format!("not CSV: {e}")));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if i == 0 && record.iter().any(|f| f.eq_ignore_ascii_case("email")) {
            let at = |name: &str| record.iter().position(|f| f.eq_ignore_ascii_case(name));
            columns = Some((at("email").unwrap_or(0), at("status")));
            continue;
        }
        if record.iter().all(str::is_empty) {
            continue;
        }
        let (email_at, status_at) = columns.unwrap_or((0, Some(1)));
        if columns.is_none() && record.len() > 2 {
            bad.push((line, format!("{} fields: expected email[,status] (or a header row naming them)", record.len())));
            continue;
        }
        let email = record.get(email_at).unwrap_or_default();
        if email.is_empty() {
            bad.push((line, "no email".into()));
            continue;
        }
        let status = status_at.and_then(|at| record.get(at)).filter(|s| !s.is_empty()).map(str::to_string);
        rows.push(Row { row: rows.len() + 1, line, email: email.to_string(), status });
    }
    (rows, bad)
}

fn read_jsonl(bytes: &[u8]) -> (Vec<Row>, Vec<(u64, String)>) {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Line {
        email: String,
        #[serde(default)]
        status: Option<String>,
    }
    let (mut rows, mut bad) = (Vec::new(), Vec::new());
    for (i, text) in bytes.lines().enumerate() {
        let line = i as u64 + 1;
        let text = match text {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => text,
            Err(e) => {
                bad.push((line, format!("cannot read: {e}")));
                continue;
            }
        };
        match serde_json::from_str::<Line>(&text) {
            Ok(parsed) if parsed.email.trim().is_empty() => bad.push((line, "no email".into())),
            Ok(parsed) => rows.push(Row {
                row: rows.len() + 1,
                line,
                email: parsed.email.trim().to_string(),
                status: parsed.status.filter(|s| !s.is_empty()),
            }),
            Err(e) => bad.push((line, format!("not a member's JSON ({{\"email\": …, \"status\": …}}): {e}"))),
        }
    }
    (rows, bad)
}

pub(crate) async fn run(ctx: &Context, m: &ArgMatches) -> Result<(), Failure> {
    let org = m.get_one::<String>("organization").cloned().unwrap_or_default();
    let file = m.get_one::<PathBuf>("file").cloned().unwrap_or_default();
    let results_path = m.get_one::<PathBuf>("results");
    let concurrency = m.get_one::<usize>("concurrency").copied().unwrap_or(4);
    let rows = read_rows(&file)?;
    let done = results_path.map(|p| finished::<Outcome>(p)).transpose()?.unwrap_or_default();
    let client = ctx.client()?;
    let org_id = OrganizationId::new(org.as_str()).map_err(Failure::usage)?;
    let members = client.organization(&org_id).members();
    let (todo, duplicates) = todo(&rows, &done, |r| r.email.to_lowercase(), |r| r.row);
    let new_member = |row: &Row| {
        let member = NewMember::new(&row.email);
        match &row.status {
            Some(status) => member.status(status.as_str()),
            None => member,
        }
    };
    if safety::dry_run(m) {
        let all = members.create_all(todo.iter().map(new_member).collect::<Vec<_>>());
        for preview in all.preview().map_err(|e| Failure::api(&e, ctx.verbose))? {
            print!("{preview}");
        }
        dry_run_summary("add", todo.len(), rows.len(), duplicates.len());
        return Ok(());
    }
    let mut results = Results::open(results_path, ctx.jq_printer())?;
    for (row, first) in &duplicates {
        results.write(&Outcome {
            row: row.row,
            line: row.line,
            email: row.email.clone(),
            status: "duplicate".into(),
            member_id: None,
            error: Some(format!("row {first} has the same email")),
        })?;
    }
    // Who is already a member (an earlier run's batch whose answer was lost, or anyone else).
    let existing: HashMap<String, String> = members
        .list()
        .stream()
        .map_ok(|member| (member.user.email.to_lowercase(), member.id.as_str().to_string()))
        .try_collect()
        .await
        .map_err(|e| Failure::api(&e, ctx.verbose))?;
    let (present, absent): (Vec<Row>, Vec<Row>) =
        todo.into_iter().partition(|row| existing.contains_key(&row.email.to_lowercase()));
    for row in &present {
        let id = existing.get(&row.email.to_lowercase()).cloned();
        results.write(&Outcome {
            row: row.row,
            line: row.line,
            email: row.email.clone(),
            status: "exists".into(),
            member_id: id,
            error: None,
        })?;
    }
    let progress = progress(absent.len());
    let mut outcomes =
        members.create_all(absent.iter().map(new_member).collect::<Vec<_>>()).concurrency(concurrency).stream();
    let mut rows_in_order = absent.iter();
    while let Some(outcome) = outcomes.next().await {
        // Outcomes come in the order the members were given.
        let Some(row) = rows_in_order.next() else { break };
        let (status, member_id, error) = match outcome.result {
            Ok(member) => ("created", Some(member.id.as_str().to_string()), None),
            Err(e) => ("failed", None, Some(crate::exit::line(&e, false).trim_start_matches("error: ").to_string())),
        };
        results.write(&Outcome {
            row: row.row,
            line: row.line,
            email: row.email.clone(),
            status: status.into(),
            member_id,
            error,
        })?;
        progress.inc(1);
    }
    progress.finish_and_clear();
    results.summary(rows.len());
    results.finish(results_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_with_or_without_a_header() {
        let (rows, bad) = read_csv(b"a@x.example\nb@x.example, active\n\n");
        assert!(bad.is_empty());
        assert_eq!(rows[1], Row { row: 2, line: 2, email: "b@x.example".into(), status: Some("active".into()) });
        let (rows, _) = read_csv(b"status,email\n,c@x.example\n");
        assert_eq!((rows[0].email.as_str(), rows[0].status.as_deref(), rows[0].line), ("c@x.example", None, 2));
    }

    #[test]
    fn bad_rows_are_named_by_line() {
        let (_, bad) = read_csv(b"a@x.example\n,active\nb,c,d\n");
        assert_eq!(bad.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [2, 3]);
        let (rows, bad) = read_jsonl(b"{\"email\": \"a@x.example\"}\n\n{\"emial\": \"b\"}\nnot json\n");
        assert_eq!(rows.len(), 1);
        assert_eq!(bad.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [3, 4]);
    }
}
