//! `--jq EXPR`: a jq filter over what a command prints, by jaq (jq in pure Rust). The printer runs
//! it on each item of a list as the item comes (`--slurp`: once, on the whole list) and on a single
//! answer once. Strings print raw and other values as JSON, one per line, as `gh --jq` prints them.

use std::io::Write;

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;
use serde::Deserialize;

/// A compiled filter.
pub(crate) struct Jq {
    filter: jaq_core::Filter<data::JustLut<Val>>,
}

impl std::fmt::Debug for Jq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Jq")
    }
}

/// A filter that failed on its input (`.a` of a string): said as the command's error.
#[derive(Debug)]
pub(crate) struct Failed(pub String);

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "--jq: {}", self.0)
    }
}

impl std::error::Error for Failed {}

impl Jq {
    /// Compiles `code` with jq's standard library; an error names the position (a character's,
    /// from 1) and what is wrong there.
    pub(crate) fn compile(code: &str) -> Result<Self, String> {
        let defs = jaq_core::defs().chain(jaq_std::defs()).chain(jaq_json::defs());
        let funs = jaq_core::funs().chain(jaq_std::funs()).chain(jaq_json::funs());
        let arena = Arena::default();
        let at = |part: &str| {
            // Where in `code` a part of it starts, as a column (parts outside it are the end).
            let start = (part.as_ptr() as usize).checked_sub(code.as_ptr() as usize).filter(|s| *s <= code.len());
            let start = start.unwrap_or(code.len());
            code[..start].chars().count() + 1
        };
        let modules = Loader::new(defs).load(&arena, File { code, path: () }).map_err(|errors| {
            let mut said = Vec::new();
            for (_, error) in errors {
                match error {
                    jaq_core::load::Error::Io(io) => {
                        said.extend(io.into_iter().map(|(path, why)| format!("cannot load {path}: {why}")))
                    }
                    jaq_core::load::Error::Lex(lex) => said.extend(
                        lex.into_iter()
                            .map(|(expect, part)| format!("column {}: expected {}", at(part), expect.as_str())),
                    ),
                    jaq_core::load::Error::Parse(parse) => said.extend(parse.into_iter().map(|(expect, part)| {
                        let found = if part.is_empty() { "the end".to_string() } else { format!("{part:?}") };
                        format!("column {}: expected {}, found {found}", at(part), expect.as_str())
                    })),
                }
            }
            said.join("; ")
        })?;
        let filter = Compiler::default().with_funs(funs).compile(modules).map_err(|errors| {
            let said: Vec<String> = errors
                .into_iter()
                .flat_map(|(_, undefined)| undefined)
                .map(|(name, what)| format!("column {}: undefined {} {name}", at(name), what.as_str()))
                .collect();
            said.join("; ")
        })?;
        Ok(Self { filter })
    }

    /// Writes what the filter makes of `input`, a line each; `pretty` indents JSON.
    pub(crate) fn write(&self, input: &serde_json::Value, out: &mut dyn Write, pretty: bool) -> std::io::Result<()> {
        self.run(Held::of(input)?.0, out, pretty)
    }

    /// Writes what the filter makes of the list of the inputs held (`--slurp`).
    pub(crate) fn write_all(&self, held: Vec<Held>, out: &mut dyn Write, pretty: bool) -> std::io::Result<()> {
        self.run(held.into_iter().map(|h| h.0).collect(), out, pretty)
    }

    fn run(&self, input: Val, out: &mut dyn Write, pretty: bool) -> std::io::Result<()> {
        let ctx = Ctx::<data::JustLut<Val>>::new(&self.filter.lut, Vars::new([]));
        for result in self.filter.id.run((ctx, input)).map(unwrap_valr) {
            let value = result.map_err(|e| std::io::Error::other(Failed(e.to_string())))?;
            match &value {
                Val::TStr(text) => out.write_all(text)?,
                _ if pretty => {
                    let text = value.to_string();
                    match serde_json::from_str::<serde_json::Value>(&text) {
                        Ok(json) => serde_json::to_writer_pretty(&mut *out, &json)?,
                        Err(_) => out.write_all(text.as_bytes())?,
                    }
                }
                _ => write!(out, "{value}")?,
            }
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// An item held for `--slurp`, as jq's own value: a held list is one copy of its items, not two.
pub(crate) struct Held(Val);

impl Held {
    pub(crate) fn of(value: &serde_json::Value) -> std::io::Result<Self> {
        Val::deserialize(value).map(Held).map_err(std::io::Error::other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(code: &str, input: serde_json::Value) -> String {
        let mut out = Vec::new();
        Jq::compile(code).unwrap().write(&input, &mut out, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_print_raw_and_the_rest_as_json() {
        let member = json!({"id": "m1", "user": {"email": "a@b.example"}, "tags": [1, 2]});
        assert_eq!(run(".user.email", member.clone()), "a@b.example\n");
        assert_eq!(run(".tags", member.clone()), "[1,2]\n");
        assert_eq!(run(".tags[]", member.clone()), "1\n2\n");
        assert_eq!(run("{id}", member), "{\"id\":\"m1\"}\n");
        assert_eq!(run("length", json!([1, 2, 3])), "3\n");
        assert_eq!(run("map(select(. > 1)) | add", json!([1, 2, 3])), "5\n");
    }

    #[test]
    fn a_bad_expression_names_its_column() {
        let error = Jq::compile(".a | (").unwrap_err();
        assert!(error.starts_with("column 7:"), "{error}");
        let error = Jq::compile(".a | nosuchfilter").unwrap_err();
        assert!(error.contains("column 6") && error.contains("nosuchfilter"), "{error}");
        let error = Jq::compile("{a: }").unwrap_err();
        assert!(error.contains("column "), "{error}");
    }

    #[test]
    fn a_failing_filter_is_an_error_of_its_own() {
        let mut out = Vec::new();
        let error = Jq::compile(".a").unwrap().write(&json!("text"), &mut out, false).unwrap_err();
        let failed = error.get_ref().and_then(|e| e.downcast_ref::<Failed>()).expect("a Failed");
        assert!(failed.to_string().starts_with("--jq: "), "{failed}");
    }
}
