//! A bulk command's results file (JSON lines, one per row): appended a whole line at a time and
//! flushed, so that a run cut off anywhere leaves every finished row written, and read back to
//! resume, skipping the rows an earlier run finished; and what a bulk run says on stderr.

use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::context::Stdout;
use crate::exit::{self, Failure};
use crate::output::Printer;

/// A line of a results file: which row it is of, and whether it is finished.
pub(crate) trait Line: Serialize + DeserializeOwned {
    /// What identifies the row across runs (an email in lower case, an account id).
    fn key(&self) -> String;
    /// Finished: a later run skips it. A failed row is not.
    fn done(&self) -> bool;
}

/// The rows an earlier run finished, by key, from its results file (none when there is no file).
pub(crate) fn finished<L: Line>(path: &Path) -> Result<HashSet<String>, Failure> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(e) => return Err(Failure::usage(format!("{}: cannot read: {e}", path.display()))),
    };
    let mut last: HashMap<String, bool> = HashMap::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<L>(line) {
            Ok(outcome) => {
                last.insert(outcome.key(), outcome.done());
            }
            // A run killed mid-line leaves its last line cut: that row is simply not done.
            Err(_) if i + 1 == lines.len() && !text.ends_with('\n') => {}
            Err(e) => return Err(Failure::usage(format!("{}:{}: not a result line: {e}", path.display(), i + 1))),
        }
    }
    Ok(last.into_iter().filter(|(_, done)| *done).map(|(key, _)| key).collect())
}

/// The rows to do: those an earlier run did not finish (`done`, by key), each key once; and the
/// other rows of a key, each with the number of the first row that has it.
pub(crate) fn todo<R: Clone>(
    rows: &[R],
    done: &HashSet<String>,
    key: impl Fn(&R) -> String,
    number: impl Fn(&R) -> usize,
) -> (Vec<R>, Vec<(R, usize)>) {
    let mut first: HashMap<String, usize> = HashMap::new();
    let (mut todo, mut duplicates) = (Vec::new(), Vec::new());
    for row in rows.iter().filter(|r| !done.contains(&key(r))) {
        match first.get(&key(row)) {
            Some(at) => duplicates.push((row.clone(), *at)),
            None => {
                first.insert(key(row), number(row));
                todo.push(row.clone());
            }
        }
    }
    (todo, duplicates)
}

/// A dry run's line: how many rows it would `verb` of how many, and how many an earlier run did.
pub(crate) fn dry_run_summary(verb: &str, todo: usize, rows: usize, duplicates: usize) {
    eprintln!(
        "dry run: {todo} of {} to {verb} ({} done before); nothing was sent",
        crate::words::count(rows as u64, "row"),
        rows - todo - duplicates
    );
}

/// A progress bar over `len` rows, on a terminal's stderr; hidden elsewhere.
pub(crate) fn progress(len: usize) -> indicatif::ProgressBar {
    if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(len as u64)
    } else {
        indicatif::ProgressBar::hidden()
    }
}

/// Where result lines go: appended to the results file (each written whole, then flushed), or
/// stdout, through `--jq`'s printer when it is given (each line, or with `--slurp` all of them at
/// the end); a results file is always written whole, for the next run to read.
pub(crate) struct Results {
    out: Box<dyn Write>,
    filtered: Option<Printer<Stdout>>,
    pub failed: usize,
    pub written: usize,
}

impl Results {
    pub(crate) fn open(path: Option<&PathBuf>, jq: Option<Printer<Stdout>>) -> Result<Self, Failure> {
        let filtered = jq.filter(|_| path.is_none());
        let out: Box<dyn Write> = match path {
            None => Box::new(std::io::stdout()),
            Some(path) => {
                let failed = |e: std::io::Error| Failure::usage(format!("{}: cannot write: {e}", path.display()));
                // A line cut off by an interrupted run goes: its row is not done, and is written
                // again whole, so that every line of the file stays readable.
                let whole = std::fs::read(path).ok().and_then(|b| {
                    let cut = !b.is_empty() && !b.ends_with(b"\n");
                    cut.then(|| b.iter().rposition(|c| *c == b'\n').map_or(0, |at| at + 1) as u64)
                });
                if let Some(len) = whole {
                    std::fs::OpenOptions::new().write(true).open(path).and_then(|f| f.set_len(len)).map_err(failed)?;
                }
                let file = std::fs::OpenOptions::new().create(true).append(true).open(path).map_err(failed)?;
                Box::new(file)
            }
        };
        Ok(Self { out, filtered, failed: 0, written: 0 })
    }

    pub(crate) fn write<L: Line>(&mut self, outcome: &L) -> Result<(), Failure> {
        match &mut self.filtered {
            Some(printer) => {
                let value = serde_json::to_value(outcome).map_err(|e| Failure::new(exit::ERROR, e))?;
                printer.item(&value).and_then(|()| printer.flush()).map_err(Failure::stdout)?;
            }
            None => {
                let mut line = serde_json::to_vec(outcome).map_err(|e| Failure::new(exit::ERROR, e))?;
                line.push(b'\n');
                self.out
                    .write_all(&line)
                    .and_then(|()| self.out.flush())
                    .map_err(|e| Failure::new(exit::ERROR, format!("results: {e}")))?;
            }
        }
        self.written += 1;
        if !outcome.done() {
            self.failed += 1;
        }
        Ok(())
    }

    /// What the run did, of a file of `rows` rows, on stderr.
    pub(crate) fn summary(&self, rows: usize) {
        eprintln!(
            "{}: {} written now ({} failed), {} done by an earlier run",
            crate::words::count(rows as u64, "row"),
            self.written,
            self.failed,
            rows - self.written
        );
    }

    /// Exit 6 (partial) when a row failed, saying how to retry them.
    pub(crate) fn finish(&mut self, path: Option<&PathBuf>) -> Result<(), Failure> {
        if let Some(printer) = self.filtered.take() {
            printer.end().map_err(Failure::stdout)?;
        }
        if self.failed == 0 {
            return Ok(());
        }
        let again = path.map_or(String::new(), |p| format!(" with --results {}", p.display()));
        Err(Failure::new(
            exit::PARTIAL,
            format!("{} failed; run it again{again} to retry them", crate::words::count(self.failed as u64, "row")),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, serde::Deserialize)]
    struct Done {
        id: String,
        ok: bool,
    }

    impl Line for Done {
        fn key(&self) -> String {
            self.id.clone()
        }
        fn done(&self) -> bool {
            self.ok
        }
    }

    #[test]
    fn a_cut_line_is_not_done_and_goes_when_the_file_is_opened_again() {
        let path = std::env::temp_dir().join(format!("cf-orgs-results-{}.jsonl", std::process::id()));
        std::fs::write(&path, "{\"id\":\"a\",\"ok\":true}\n{\"id\":\"b\",\"ok\":false}\n{\"id\":\"c\",\"o").unwrap();
        assert_eq!(finished::<Done>(&path).unwrap(), HashSet::from(["a".to_string()]));
        let mut results = Results::open(Some(&path), None).unwrap();
        results.write(&Done { id: "c".into(), ok: true }).unwrap();
        drop(results);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 3, "{text}");
        assert_eq!(finished::<Done>(&path).unwrap(), HashSet::from(["a".to_string(), "c".to_string()]));
        std::fs::remove_file(&path).unwrap();
    }
}
