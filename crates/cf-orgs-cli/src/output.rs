//! Printing an answer: `-o json` (the default: indented on a terminal, one line when piped) or
//! `-o jsonl` (a list's items one per line).

use std::io::{IsTerminal, Write};

use serde_json::Value;

/// How answers print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Json,
    Jsonl,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "json" => Ok(Format::Json),
            "jsonl" => Ok(Format::Jsonl),
            other => Err(format!("{other:?}: expected json or jsonl")),
        }
    }
}

/// Prints one value (a list's items, one by one, with `jsonl`).
pub(crate) fn print(format: Format, value: &Value) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match (format, value) {
        (Format::Jsonl, Value::Array(items)) => {
            for item in items {
                writeln!(out, "{item}")?;
            }
        }
        (Format::Jsonl, value) => writeln!(out, "{value}")?,
        (Format::Json, Value::Null) => {}
        (Format::Json, value) if std::io::stdout().is_terminal() => {
            writeln!(out, "{}", serde_json::to_string_pretty(value).unwrap_or_default())?
        }
        (Format::Json, value) => writeln!(out, "{value}")?,
    }
    out.flush()
}
