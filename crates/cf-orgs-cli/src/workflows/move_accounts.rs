//! `cf-orgs account move ACCOUNT --to ORG`: one account, asked first on a terminal (`--yes`
//! answers), `--dry-run` prints the request. With `--file FILE` instead of an account, a bulk move:
//! account ids from CSV (one per line, or an `account_id` column) or JSON lines
//! (`{"account_id": …}`), refused whole when a row is bad (naming its line); each moved through
//! `client.move_all()` (`--concurrency` in flight, paced by the rate limiter), a result line per
//! row to `--results FILE`. Run again with the same results file, it skips the rows done; an
//! account already in the destination is reported, never moved twice.

use std::collections::HashSet;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use cf_orgs::AccountId;
use cf_orgs::generated::operations::Operation;
use clap::{Arg, ArgMatches, Command, value_parser};
use futures_util::{StreamExt, TryStreamExt};
use serde::{Deserialize, Serialize};

use super::results::{Line, Results, dry_run_summary, finished, progress, todo};
use crate::commands;
use crate::context::Context;
use crate::exit::{self, Failure};
use crate::safety;

/// The generated command's place, which this one takes.
pub(crate) const PLACE: [&str; 2] = ["account", "move"];
/// The operation it sends.
pub(crate) const MOVE: Operation = Operation::AccountsMoveAccounts;
const ACCOUNT: &str = "account_id";
const TO: &str = "destination-organization-id";
const FILE: &str = "file";

pub(crate) fn command() -> Command {
    let generated = (commands::operation(MOVE).command)().name(PLACE[1]);
    let command = generated
        .mut_arg(ACCOUNT, |a| a.required(false).required_unless_present(FILE).conflicts_with(FILE))
        .arg(
            Arg::new(FILE)
                .long("file")
                .value_name("FILE")
                .value_parser(value_parser!(PathBuf))
                .requires(TO)
                .help("Move every account of FILE: CSV (an id per line, or an account_id column) or JSON lines (.jsonl)"),
        )
        .arg(Arg::new("results").long("results").value_name("FILE").value_parser(value_parser!(PathBuf)).requires(FILE).help(
            "With --file: a result line per row is appended here (default: standard output); run again with it to resume",
        ))
        .arg(
            Arg::new("concurrency")
                .long("concurrency")
                .value_name("N")
                .value_parser(value_parser!(usize))
                .default_value("8")
                .requires(FILE)
                .help("With --file: moves in flight at once"),
        );
    safety::with_yes(safety::with_dry_run(command))
}

pub(crate) async fn run(ctx: &Context, m: &ArgMatches) -> Result<(), Failure> {
    match m.get_one::<PathBuf>(FILE) {
        Some(file) => bulk(ctx, m, file).await,
        None => one(ctx, m).await,
    }
}

/// One account: the generated request, asked first on a terminal.
async fn one(ctx: &Context, m: &ArgMatches) -> Result<(), Failure> {
    let client = ctx.client()?;
    let op = commands::operation(MOVE);
    let prepared = (op.send)(&client, m, None)?;
    if safety::dry_run(m) {
        return safety::print_preview(&prepared.preview);
    }
    let account = m.get_one::<String>(ACCOUNT).cloned().unwrap_or_default();
    let to = m.get_one::<String>(TO).cloned().unwrap_or_else(|| "the body's destination".into());
    safety::confirm_on_terminal(m, &format!("move account {account} to organization {to}"))?;
    let answer = prepared.sent.await.map_err(|e| Failure::api(&e, ctx.verbose))?;
    ctx.printer(&commands::columns(MOVE)).one(&answer.value).map_err(Failure::stdout)
}

/// One row of the file.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    /// 1 for the first account of the file.
    row: usize,
    /// Its line in the file.
    line: u64,
    account: AccountId,
}

/// What became of one row: a line of the results file.
#[derive(Debug, Serialize, Deserialize)]
struct Outcome {
    row: usize,
    line: u64,
    account_id: String,
    /// `moved`, `already` (in the destination before this run moved it), `duplicate` (an earlier
    /// row has the account) or `failed`.
    status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl Line for Outcome {
    fn key(&self) -> String {
        self.account_id.clone()
    }

    fn done(&self) -> bool {
        self.status != "failed"
    }
}

/// The file's accounts; every row that cannot be read is named (file and line), and then
/// nothing is sent.
fn read_rows(path: &Path) -> Result<Vec<Row>, Failure> {
    let (bytes, jsonl) = super::input::read(path)?;
    let (rows, bad) = parse(&bytes, jsonl);
    super::input::rows_or_refuse(path, rows, bad, "no account in the file")
}

/// The rows and the bad lines of a file: CSV (an id per line, or a header naming `account_id`)
/// or JSON lines.
fn parse(bytes: &[u8], jsonl: bool) -> (Vec<Row>, Vec<(u64, String)>) {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct JsonRow {
        account_id: String,
    }
    let (mut rows, mut bad) = (Vec::new(), Vec::new());
    let mut column: Option<usize> = None;
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
        let id = if jsonl {
            match serde_json::from_str::<JsonRow>(&text) {
                Ok(row) => row.account_id,
                Err(e) => {
                    bad.push((line, format!("not an account's JSON ({{\"account_id\": …}}): {e}")));
                    continue;
                }
            }
        } else {
            let fields: Vec<&str> = text.split(',').map(str::trim).collect();
            if i == 0 && fields.iter().any(|f| f.eq_ignore_ascii_case("account_id")) {
                column = fields.iter().position(|f| f.eq_ignore_ascii_case("account_id"));
                continue;
            }
            match (column, fields.as_slice()) {
                (Some(at), _) => fields.get(at).copied().unwrap_or_default().to_string(),
                (None, [one]) => one.to_string(),
                (None, _) => {
                    bad.push((
                        line,
                        format!("{} fields: expected an account id (or a header naming account_id)", fields.len()),
                    ));
                    continue;
                }
            }
        };
        match AccountId::new(id.trim()) {
            Ok(account) => rows.push(Row { row: rows.len() + 1, line, account }),
            Err(e) => bad.push((line, e.to_string().trim_start_matches("invalid input: ").to_string())),
        }
    }
    (rows, bad)
}

async fn bulk(ctx: &Context, m: &ArgMatches, file: &Path) -> Result<(), Failure> {
    let to = m.get_one::<String>(TO).cloned().unwrap_or_default();
    let results_path = m.get_one::<PathBuf>("results");
    let concurrency = m.get_one::<usize>("concurrency").copied().unwrap_or(8);
    let rows = read_rows(file)?;
    let done = results_path.map(|p| finished::<Outcome>(p)).transpose()?.unwrap_or_default();
    let client = ctx.client()?;
    let (todo, duplicates) = todo(&rows, &done, |r| r.account.to_string(), |r| r.row);
    if safety::dry_run(m) {
        for row in &todo {
            safety::print_preview(&client.account(&row.account).move_to(to.as_str()).preview())?;
        }
        dry_run_summary("move", todo.len(), rows.len(), duplicates.len());
        return Ok(());
    }
    safety::confirm_on_terminal(m, &format!("move {} accounts to organization {to}", todo.len()))?;
    let mut results = Results::open(results_path, ctx.jq_printer())?;
    for (row, first) in &duplicates {
        let error = Some(format!("row {first} has the same account"));
        results.write(&outcome(row, "duplicate", None, error))?;
    }
    // Who is in the destination already (an earlier run's move whose answer was lost, or anyone's).
    let there: HashSet<String> = client
        .organization(to.as_str())
        .accounts()
        .list()
        .stream()
        .map_ok(|a| a.id.to_string())
        .try_collect()
        .await
        .map_err(|e| Failure::api(&e, ctx.verbose))?;
    let (already, absent): (Vec<Row>, Vec<Row>) = todo.into_iter().partition(|r| there.contains(r.account.as_str()));
    for row in &already {
        results.write(&outcome(row, "already", None, None))?;
    }
    let progress = progress(absent.len());
    let accounts: Vec<AccountId> = absent.iter().map(|r| r.account.clone()).collect();
    let mut outcomes = client.move_all(accounts, to.as_str()).concurrency(concurrency).stream();
    for row in &absent {
        // Outcomes come in the order the accounts were given.
        let Some(moved) = outcomes.next().await else { break };
        let line = match moved.result {
            Ok(answer) => {
                let from = answer.source_organization_id.map(|o| o.to_string()).filter(|o| !o.is_empty());
                outcome(row, "moved", from, None)
            }
            Err(e) => {
                outcome(row, "failed", None, Some(exit::line(&e, false).trim_start_matches("error: ").to_string()))
            }
        };
        results.write(&line)?;
        progress.inc(1);
    }
    progress.finish_and_clear();
    results.summary(rows.len());
    results.finish(results_path)
}

fn outcome(row: &Row, status: &str, from: Option<String>, error: Option<String>) -> Outcome {
    Outcome { row: row.row, line: row.line, account_id: row.account.to_string(), status: status.into(), from, error }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_from_csv_and_json_lines_and_bad_ones_named_by_line() {
        let (rows, bad) = parse(b"acc1\n\nacc2\n", false);
        assert!(bad.is_empty());
        assert_eq!((rows[1].row, rows[1].line, rows[1].account.as_str()), (2, 3, "acc2"));
        let (rows, _) = parse(b"name,account_id\nProd,acc3\n", false);
        assert_eq!((rows[0].account.as_str(), rows[0].line), ("acc3", 2));
        let (_, bad) = parse(b"acc1\na/b\nx,y\n", false);
        assert_eq!(bad.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [2, 3]);
        let (rows, bad) = parse(b"{\"account_id\": \"acc4\"}\n{\"id\": \"acc5\"}\n", true);
        assert_eq!((rows.len(), bad[0].0), (1, 2));
    }
}
