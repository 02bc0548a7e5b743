//! Printing answers as `gh` does: a table on a terminal and tab-separated
//! values with no decoration when piped (`-o table`, the default), or `-o json`,
//! `jsonl`, `csv`, `yaml`; `--fields a,b.c` chooses (dotted) columns,
//! `-q` prints ids only, `--no-headers` drops the header row. A list is printed
//! item by item as its pages come, so memory holds one page (a terminal's table
//! waits for its rows, to size its columns). `--jq EXPR` prints what its filter makes of each
//! item instead (`--slurp`: of the whole list, held until its end).

use std::io::Write;
use std::sync::Arc;

use comfy_table::{Cell, Table};
use serde_json::Value;

use crate::fields;
use crate::jq::{Held, Jq};

/// How answers print (`-o`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
    Yaml,
}

impl Format {
    pub(crate) const NAMES: [&'static str; 5] = ["table", "json", "jsonl", "csv", "yaml"];
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "jsonl" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            "yaml" => Ok(Format::Yaml),
            other => Err(format!("{other:?}: expected one of {}", Format::NAMES.join(", "))),
        }
    }
}

/// What the output flags chose, and where it goes.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    pub format: Format,
    /// `--fields`: dotted paths, in order.
    pub fields: Option<Vec<String>>,
    /// `-q`: ids only.
    pub quiet: bool,
    pub headers: bool,
    /// Standard output is a terminal: a table is drawn, JSON indented.
    pub terminal: bool,
    /// Colour: on a terminal, without `NO_COLOR`.
    pub color: bool,
    /// `--jq`: the filter that prints in the format's place.
    pub jq: Option<Arc<Jq>>,
    /// `--slurp`: the filter runs once, on the whole list.
    pub slurp: bool,
}

impl Shape {
    /// Whether colour may be used on a stream that is (or is not) a terminal: never with a
    /// non-empty `NO_COLOR` (no-color.org).
    pub(crate) fn color_on(terminal: bool) -> bool {
        terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    }
}

/// Prints one answer, or a list's items as they come: [`Printer::one`], or
/// [`Printer::item`] for each item then [`Printer::end`].
pub(crate) struct Printer<W: Write> {
    shape: Shape,
    /// The columns when `--fields` gives none (the command's, or the first item's).
    default_columns: Vec<String>,
    columns: Option<Vec<String>>,
    out: W,
    count: u64,
    /// A terminal's table, until `end` sizes it.
    rows: Vec<Vec<String>>,
    /// A list's items for `--slurp`, until `end`.
    slurped: Vec<Held>,
}

impl<W: Write> Printer<W> {
    pub(crate) fn new(shape: Shape, default_columns: Vec<String>, out: W) -> Self {
        Self { shape, default_columns, columns: None, out, count: 0, rows: Vec::new(), slurped: Vec::new() }
    }

    pub(crate) fn count(&self) -> u64 {
        self.count
    }

    /// The columns: `--fields`, else the command's, else the first item's leaves.
    fn columns(&mut self, first: &Value) -> Vec<String> {
        if let Some(columns) = &self.columns {
            return columns.clone();
        }
        let columns = match &self.shape.fields {
            Some(fields) => fields.clone(),
            None if !self.default_columns.is_empty() => self.default_columns.clone(),
            None => fields::leaves(first, 2),
        };
        self.columns = Some(columns.clone());
        columns
    }

    /// A single answer (an object, `null` for a 204, or a list given whole).
    pub(crate) fn one(mut self, value: &Value) -> std::io::Result<()> {
        if let Value::Array(items) = value {
            for item in items {
                self.item(item)?;
            }
            return self.end();
        }
        if value.is_null() {
            return Ok(());
        }
        if let Some(jq) = &self.shape.jq {
            jq.write(&self.selected(value), &mut self.out, self.shape.terminal)?;
            return self.out.flush();
        }
        if self.shape.quiet {
            return self.id(value);
        }
        match self.shape.format {
            Format::Json => self.json(&self.selected(value), self.shape.terminal)?,
            Format::Jsonl => self.json(&self.selected(value), false)?,
            Format::Yaml => {
                let text = serde_yaml_ng::to_string(&self.selected(value)).map_err(std::io::Error::other)?;
                self.out.write_all(text.as_bytes())?;
            }
            Format::Csv => {
                self.item(value)?;
                return self.end();
            }
            // One object: a row per field, `FIELD  VALUE` (tab-separated when piped).
            Format::Table => {
                let columns = self.columns(value);
                let rows: Vec<Vec<String>> = columns
                    .iter()
                    .map(|c| vec![c.clone(), fields::cell(fields::get(value, c).unwrap_or(&Value::Null))])
                    .collect();
                if self.shape.terminal {
                    self.write_table(None, rows)?;
                } else {
                    for row in rows {
                        writeln!(self.out, "{}\t{}", tsv(&row[0]), tsv(&row[1]))?;
                    }
                }
            }
        }
        self.out.flush()
    }

    /// One item of a list.
    pub(crate) fn item(&mut self, item: &Value) -> std::io::Result<()> {
        self.count += 1;
        if let Some(jq) = self.shape.jq.clone() {
            let selected = self.selected(item);
            if self.shape.slurp {
                self.slurped.push(Held::of(&selected)?);
                return Ok(());
            }
            return jq.write(&selected, &mut self.out, self.shape.terminal);
        }
        if self.shape.quiet {
            return self.id(item);
        }
        match self.shape.format {
            Format::Jsonl => self.json(&self.selected(item), false)?,
            Format::Json => {
                let text = if self.shape.terminal {
                    serde_json::to_string_pretty(&self.selected(item))?
                } else {
                    self.selected(item).to_string()
                };
                let text = text.replace('\n', "\n  ");
                write!(self.out, "{}\n  {text}", if self.count == 1 { "[" } else { "," })?;
            }
            Format::Yaml => {
                let text = serde_yaml_ng::to_string(&self.selected(item)).map_err(std::io::Error::other)?;
                let text = text.trim_end().replace('\n', "\n  ");
                writeln!(self.out, "- {text}")?;
            }
            Format::Csv => {
                let columns = self.columns(item);
                if self.count == 1 && self.shape.headers {
                    self.out.write_all(&csv_line(columns.iter().map(String::as_str))?)?;
                }
                let cells: Vec<String> =
                    columns.iter().map(|c| fields::cell(fields::get(item, c).unwrap_or(&Value::Null))).collect();
                self.out.write_all(&csv_line(cells.iter().map(String::as_str))?)?;
            }
            Format::Table => {
                let columns = self.columns(item);
                let row = columns.iter().map(|c| fields::cell(fields::get(item, c).unwrap_or(&Value::Null))).collect();
                if self.shape.terminal {
                    self.rows.push(row);
                } else {
                    if self.count == 1 && self.shape.headers {
                        writeln!(self.out, "{}", columns.iter().map(|c| tsv(c)).collect::<Vec<_>>().join("\t"))?;
                    }
                    let row: Vec<String> = row;
                    writeln!(self.out, "{}", row.iter().map(|c| tsv(c)).collect::<Vec<_>>().join("\t"))?;
                }
            }
        }
        Ok(())
    }

    /// A page of items, written and flushed.
    pub(crate) fn page(&mut self, items: &[Value]) -> std::io::Result<()> {
        items.iter().try_for_each(|item| self.item(item))?;
        self.flush()
    }

    /// Writes what the items so far left buffered (after each page).
    pub(crate) fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    /// After a list's last item.
    pub(crate) fn end(mut self) -> std::io::Result<()> {
        if let Some(jq) = self.shape.jq.clone() {
            if self.shape.slurp {
                let all = std::mem::take(&mut self.slurped);
                jq.write_all(all, &mut self.out, self.shape.terminal)?;
            }
            return self.out.flush();
        }
        if self.shape.quiet {
            return self.out.flush();
        }
        match self.shape.format {
            Format::Json => writeln!(self.out, "{}", if self.count == 0 { "[]" } else { "\n]" })?,
            Format::Yaml if self.count == 0 => writeln!(self.out, "[]")?,
            Format::Table if self.shape.terminal && self.count > 0 => {
                let columns = self.columns.clone().unwrap_or_default();
                let rows = std::mem::take(&mut self.rows);
                self.write_table(Some(columns), rows)?;
            }
            _ => {}
        }
        self.out.flush()
    }

    /// The value with only the `--fields` paths (all of it without them).
    fn selected(&self, value: &Value) -> Value {
        match &self.shape.fields {
            Some(paths) => fields::project(value, paths),
            None => value.clone(),
        }
    }

    fn json(&mut self, value: &Value, pretty: bool) -> std::io::Result<()> {
        let text = if pretty { serde_json::to_string_pretty(value)? } else { value.to_string() };
        writeln!(self.out, "{text}")
    }

    fn id(&mut self, value: &Value) -> std::io::Result<()> {
        if let Some(id) = value.get("id") {
            writeln!(self.out, "{}", fields::cell(id))?;
        }
        self.out.flush()
    }

    /// A terminal's table: no borders, upper-case headers (bold with colour), as wide as the terminal.
    fn write_table(&mut self, header: Option<Vec<String>>, rows: Vec<Vec<String>>) -> std::io::Result<()> {
        let mut table = Table::new();
        table.load_preset(comfy_table::presets::NOTHING);
        table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
        if let Some((_, width)) = console::Term::stdout().size_checked() {
            table.set_width(width);
        }
        if let Some(header) = header.filter(|_| self.shape.headers) {
            let bold = self.shape.color;
            table.set_header(header.iter().map(|h| {
                let text = h.to_uppercase();
                Cell::new(if bold { console::style(text).bold().force_styling(true).to_string() } else { text })
            }));
        }
        for row in rows {
            table.add_row(row);
        }
        for line in table.lines() {
            writeln!(self.out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// One CSV record, quoted as RFC 4180 has it.
fn csv_line<'a>(cells: impl Iterator<Item = &'a str>) -> std::io::Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new().buffer_capacity(512).from_writer(Vec::new());
    writer.write_record(cells)?;
    writer.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
}

/// A cell of tab-separated output: tabs and line breaks would break its row.
fn tsv(cell: &str) -> String {
    cell.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn shape(format: Format) -> Shape {
        Shape {
            format,
            fields: None,
            quiet: false,
            headers: true,
            terminal: false,
            color: false,
            jq: None,
            slurp: false,
        }
    }

    fn printed(shape: Shape, columns: &[&str], items: &[Value]) -> String {
        let mut out = Vec::new();
        let mut printer = Printer::new(shape, columns.iter().map(|c| c.to_string()).collect(), &mut out);
        for item in items {
            printer.item(item).unwrap();
        }
        printer.end().unwrap();
        String::from_utf8(out).unwrap()
    }

    fn items() -> Vec<Value> {
        vec![
            json!({"id": "a", "name": "Acme\tInc", "parent": {"id": "p"}, "tags": ["x"]}),
            json!({"id": "b", "name": "Beta", "parent": null}),
        ]
    }

    #[test]
    fn piped_tables_are_tab_separated_with_one_header_row() {
        let text = printed(shape(Format::Table), &["id", "name", "parent.id"], &items());
        assert_eq!(text, "id\tname\tparent.id\na\tAcme Inc\tp\nb\tBeta\t\n");
        let mut no_headers = shape(Format::Table);
        no_headers.headers = false;
        assert_eq!(printed(no_headers, &["id"], &items()), "a\nb\n");
    }

    #[test]
    fn a_terminal_table_is_aligned_under_upper_case_headers() {
        let mut terminal = shape(Format::Table);
        terminal.terminal = true;
        let text = printed(terminal, &["id", "name"], &items());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].contains("ID") && lines[0].contains("NAME"), "{text}");
        assert_eq!(lines[1].find('A'), lines[2].find('B'), "columns line up: {text}");
    }

    #[test]
    fn csv_quotes_what_it_must_and_fields_choose_the_columns() {
        let mut chosen = shape(Format::Csv);
        chosen.fields = Some(vec!["name".into(), "tags".into()]);
        let text = printed(chosen, &["id"], &[json!({"id": "a", "name": "A, Inc", "tags": ["x", "y"]})]);
        assert_eq!(text, "name,tags\n\"A, Inc\",\"[\"\"x\"\",\"\"y\"\"]\"\n");
    }

    #[test]
    fn json_jsonl_and_yaml_keep_the_structure_of_the_fields_chosen() {
        let mut json_shape = shape(Format::Json);
        json_shape.fields = Some(vec!["id".into(), "parent.id".into()]);
        let text = printed(json_shape, &[], &items());
        let parsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed, json!([{"id": "a", "parent": {"id": "p"}}, {"id": "b", "parent": {"id": null}}]));
        let lines = printed(shape(Format::Jsonl), &[], &items());
        assert_eq!(lines.lines().count(), 2);
        let yaml = printed(shape(Format::Yaml), &[], &items());
        let back: Value = serde_yaml_ng::from_str(&yaml).unwrap();
        assert_eq!(back, Value::Array(items()));
        assert_eq!(printed(shape(Format::Json), &[], &[]), "[]\n");
    }

    #[test]
    fn quiet_prints_ids_only() {
        let mut quiet = shape(Format::Json);
        quiet.quiet = true;
        assert_eq!(printed(quiet, &[], &items()), "a\nb\n");
    }

    #[test]
    fn jq_runs_on_each_item_as_it_comes_or_once_on_the_whole_list() {
        let mut each = shape(Format::Table);
        each.jq = Some(Arc::new(Jq::compile("length").unwrap()));
        assert_eq!(printed(each.clone(), &[], &items()), "4\n3\n", "each item's key count");
        let mut slurped = each;
        slurped.slurp = true;
        assert_eq!(printed(slurped.clone(), &[], &items()), "2\n", "the whole list's length");
        assert_eq!(printed(slurped, &[], &[]), "0\n", "an empty list is still one input");
        let mut fields = shape(Format::Json);
        fields.jq = Some(Arc::new(Jq::compile(".").unwrap()));
        fields.fields = Some(vec!["id".into()]);
        assert_eq!(printed(fields, &[], &items()), "{\"id\":\"a\"}\n{\"id\":\"b\"}\n", "--fields first");
    }

    #[test]
    fn one_object_as_a_table_is_a_row_per_field() {
        let mut out = Vec::new();
        Printer::new(shape(Format::Table), vec!["id".into(), "name".into()], &mut out).one(&items()[0]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "id\ta\nname\tAcme Inc\n");
    }
}
