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

/// Items printed as they come, one page after another: `json` as one array written item by
/// item, `jsonl` a line each. Memory holds one page, however long the list.
pub(crate) struct Items {
    format: Format,
    pretty: bool,
    count: u64,
}

impl Items {
    pub(crate) fn new(format: Format) -> Self {
        Self { format, pretty: std::io::stdout().is_terminal(), count: 0 }
    }

    pub(crate) fn count(&self) -> u64 {
        self.count
    }

    pub(crate) fn item(&mut self, item: &Value) -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        match self.format {
            Format::Jsonl => writeln!(out, "{item}")?,
            Format::Json => {
                let text =
                    if self.pretty { serde_json::to_string_pretty(item).unwrap_or_default() } else { item.to_string() };
                let text = text.replace('\n', "\n  ");
                write!(out, "{}\n  {text}", if self.count == 0 { "[" } else { "," })?;
            }
        }
        self.count += 1;
        out.flush()
    }

    pub(crate) fn end(self) -> std::io::Result<()> {
        if self.format == Format::Json {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", if self.count == 0 { "[]" } else { "\n]" })?;
            out.flush()?;
        }
        Ok(())
    }
}
