//! A bulk command's input file: read whole (`-` is standard input), JSON lines by its extension,
//! and refused whole when a row is bad, naming each (file and line) before anything is sent.

use std::path::Path;

use crate::exit::Failure;

/// The file's bytes, and whether it is JSON lines (`.jsonl`, `.ndjson`); anything else is CSV.
pub(crate) fn read(path: &Path) -> Result<(Vec<u8>, bool), Failure> {
    let name = path.display().to_string();
    let bytes = if name == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| Failure::usage(format!("{name}: cannot read: {e}")))?;
    let jsonl = matches!(path.extension().and_then(|e| e.to_str()), Some("jsonl" | "ndjson"));
    Ok((bytes, jsonl))
}

/// The rows, or a usage error naming the bad lines (ten of them, and how many more), or saying the
/// file has `none` (`no member in the file`).
pub(crate) fn rows_or_refuse<R>(
    path: &Path,
    rows: Vec<R>,
    mut bad: Vec<(u64, String)>,
    none: &str,
) -> Result<Vec<R>, Failure> {
    if bad.is_empty() && rows.is_empty() {
        bad.push((1, none.to_string()));
    }
    if bad.is_empty() {
        return Ok(rows);
    }
    let name = path.display();
    let shown: Vec<String> = bad.iter().take(10).map(|(line, why)| format!("{name}:{line}: {why}")).collect();
    let more = if bad.len() > 10 { format!(" (and {} more)", bad.len() - 10) } else { String::new() };
    Err(Failure::usage(format!("{}{more}; nothing was sent", shown.join("; "))))
}
