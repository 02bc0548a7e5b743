//! `cargo xtask spec-diff OLD NEW`: what changed between two specs, as a
//! reviewer wants it: operations added, removed or renamed; their paths,
//! parameters (with kind, required, repeatable), bodies, success statuses,
//! responses and security; then every schema's properties, types, enum
//! values and required lists. Both specs are normalized first, as the
//! generator reads them.

mod markdown;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::error::Result;
use crate::load::Spec;
use crate::model::{self, Operation, Param};
use crate::{passes, surface, surface_map};

/// The changes, one line each, grouped under their operation or schema.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// `(heading, lines)`: an operation or a schema, and what changed in it.
    pub sections: Vec<(String, Vec<String>)>,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// How many changes, over every section.
    pub fn count(&self) -> usize {
        self.sections.iter().map(|(_, lines)| lines.len()).sum()
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_empty() {
            return writeln!(f, "no change to operations, parameters or schemas");
        }
        for (heading, lines) in &self.sections {
            writeln!(f, "{heading}")?;
            for line in lines {
                writeln!(f, "  {line}")?;
            }
        }
        Ok(())
    }
}

/// Loads a spec to compare: the organizations slice as it is, or a whole
/// Cloudflare document (`.json` or `.json.gz`), cut to its slice first.
pub fn load(path: &std::path::Path) -> Result<Spec> {
    let spec = Spec::read(path)?;
    let whole = spec
        .doc
        .get("paths")
        .and_then(Value::as_object)
        .is_some_and(|paths| paths.keys().any(|p| !p.starts_with(crate::extract::PATH_PREFIX)));
    let doc = if whole { crate::extract::extract(&spec)? } else { spec.doc };
    Spec::from_value(path, doc)
}

/// Diffs two loaded specs (each normalized here, as `regenerate` would); an operation added
/// says where `map` places it when it does not name it.
pub fn diff(old: &Spec, new: &Spec, map: &surface_map::Map) -> Result<Report> {
    let (old, new) = (normalized(old), normalized(new));
    let mut report = Report::default();
    let new_ops = model::operations(&new)?;
    operations(&model::operations(&old)?, &new_ops, &mut report);
    placed_by_default(&new_ops, map, &mut report);
    schemas(&old.doc, &new.doc, &mut report);
    Ok(report)
}

/// Under each added operation the map does not name: where it goes by default.
fn placed_by_default(ops: &[Operation], map: &surface_map::Map, report: &mut Report) {
    // The map may be another spec's (a diff of two old ones): only its routes this one has count.
    let mut map = map.clone();
    map.operations.retain(|route, _| ops.iter().any(|op| crate::names::route(op) == *route));
    // A map that cannot place these operations stops `regenerate`, which names why.
    let Ok(surface) = surface_map::place(&map, ops) else { return };
    for (op, placement) in ops.iter().zip(&surface.placements).filter(|(_, p)| p.by_default) {
        let Some((_, lines)) = report.sections.iter_mut().find(|(h, _)| *h == heading(op)) else { continue };
        if lines.iter().any(|l| l.starts_with("+ operation added")) {
            lines.push(format!(
                "  placed by default at `cf-orgs {}` and `{}` ({}); name it in {} to change that",
                placement.cli.join(" "),
                placement.sdk,
                placement.builder,
                surface_map::MAP_PATH
            ));
        }
    }
}

fn normalized(spec: &Spec) -> Spec {
    let mut spec = spec.clone();
    passes::apply_all(&mut spec.doc);
    spec
}

fn heading(op: &Operation) -> String {
    format!("operation {} ({} {})", op.id, op.http_method(), op.path)
}

fn operations(old: &[Operation], new: &[Operation], report: &mut Report) {
    let by_id = |ops: &[Operation]| ops.iter().map(|o| (o.id.clone(), o.clone())).collect::<BTreeMap<_, _>>();
    let (old_ids, new_ids) = (by_id(old), by_id(new));
    let mut renamed = BTreeSet::new();
    for (id, op) in &old_ids {
        if new_ids.contains_key(id) {
            continue;
        }
        // The same method and path under another operationId: a rename.
        if let Some(other) =
            new.iter().find(|n| !old_ids.contains_key(&n.id) && n.method == op.method && n.path == op.path)
        {
            renamed.insert(other.id.clone());
            let mut lines = vec![format!("~ operationId {id} -> {}", other.id)];
            lines.extend(operation(op, other));
            report.sections.push((heading(other), lines));
        } else {
            report.sections.push((heading(op), vec!["- operation removed".into()]));
        }
    }
    for (id, op) in &new_ids {
        match old_ids.get(id) {
            None if renamed.contains(id) => {}
            None => report.sections.push((
                heading(op),
                vec![format!("+ operation added: {}", surface::summarize(std::slice::from_ref(op)).trim())],
            )),
            Some(before) => {
                let lines = operation(before, op);
                if !lines.is_empty() {
                    report.sections.push((heading(op), lines));
                }
            }
        }
    }
}

/// What changed in one operation.
fn operation(old: &Operation, new: &Operation) -> Vec<String> {
    let mut lines = Vec::new();
    let mut changed = |what: &str, a: String, b: String| {
        if a != b {
            lines.push(format!("~ {what}: {a} -> {b}"));
        }
    };
    changed("method", old.http_method(), new.http_method());
    changed("path", old.path.clone(), new.path.clone());
    changed("success status", old.success_status.to_string(), new.success_status.to_string());
    let body = |op: &Operation| {
        op.body.as_ref().map_or("none".into(), |b| b.component.clone().unwrap_or_else(|| b.rust.clone()))
    };
    changed("body", body(old), body(new));
    let security = |op: &Operation| op.security.iter().map(|s| s.join("+")).collect::<Vec<_>>().join(" | ");
    changed("security", security(old), security(new));
    let responses = |op: &Operation| {
        op.responses
            .iter()
            .map(|(s, c)| format!("{s}{}", c.as_deref().map(|c| format!(" {c}")).unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    changed("responses", responses(old), responses(new));
    params("path parameter", &old.path_params, &new.path_params, &mut lines);
    params("query parameter", &old.query, &new.query, &mut lines);
    docs(old, new, &mut lines);
    lines
}

/// Docs lines: the summary, description and parameter descriptions that the
/// request layer's rustdoc (and cf-orgs's) carries, each changed one named.
fn docs(old: &Operation, new: &Operation, lines: &mut Vec<String>) {
    let mut changed = |what: String, a: &Option<String>, b: &Option<String>| {
        let (a, b) = (a.as_deref().map(str::trim), b.as_deref().map(str::trim));
        if a != b {
            lines.push(format!("docs: {what} changed: {}", excerpt(b.unwrap_or("(none)"))));
        }
    };
    changed("summary".into(), &old.summary, &new.summary);
    changed("description".into(), &old.description, &new.description);
    let params = |op: &Operation| {
        op.path_params.iter().chain(&op.query).map(|p| (p.name.clone(), p.description.clone())).collect::<Vec<_>>()
    };
    for (name, description) in params(new) {
        if let Some((_, before)) = params(old).into_iter().find(|(n, _)| *n == name) {
            changed(format!("parameter {name} description"), &before, &description);
        }
    }
}

/// The first line of a text, at most 80 characters, for a docs line.
fn excerpt(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let mut out: String = line.chars().take(80).collect();
    if line.chars().count() > 80 || text.lines().nth(1).is_some() {
        out.push('…');
    }
    out
}

fn describe(p: &Param) -> String {
    let mark = if p.repeated {
        "repeatable "
    } else if p.required {
        "required "
    } else {
        "optional "
    };
    format!("{mark}{}", surface::kind(&p.kind))
}

fn params(what: &str, old: &[Param], new: &[Param], lines: &mut Vec<String>) {
    let removed: Vec<&Param> = old.iter().filter(|p| !new.iter().any(|n| n.name == p.name)).collect();
    let added: Vec<&Param> = new.iter().filter(|n| !old.iter().any(|p| p.name == n.name)).collect();
    // One removed and one added of the same kind: most likely a rename.
    if let ([gone], [came]) = (removed.as_slice(), added.as_slice())
        && gone.kind == came.kind
    {
        lines.push(format!("~ {what} renamed: {} -> {} ({})", gone.name, came.name, describe(came)));
    } else {
        lines.extend(removed.iter().map(|p| format!("- {what} {} ({})", p.name, describe(p))));
        lines.extend(added.iter().map(|p| format!("+ {what} {} ({})", p.name, describe(p))));
    }
    for p in old {
        let Some(n) = new.iter().find(|n| n.name == p.name) else { continue };
        if let (model::Kind::Enum(a), model::Kind::Enum(b)) = (&p.kind, &n.kind) {
            for v in b.iter().filter(|v| !a.contains(v)) {
                lines.push(format!("+ {what} {} value {v}", p.name));
            }
            for v in a.iter().filter(|v| !b.contains(v)) {
                lines.push(format!("- {what} {} value {v}", p.name));
            }
        } else if describe(p) != describe(n) {
            lines.push(format!("~ {what} {}: {} -> {}", p.name, describe(p), describe(n)));
        }
        if p.required != n.required && matches!((&p.kind, &n.kind), (model::Kind::Enum(_), model::Kind::Enum(_))) {
            lines.push(format!("~ {what} {}: required {} -> {}", p.name, p.required, n.required));
        }
    }
}

/// Schemas: added, removed, and each one's facts (properties, types, enum values, required).
fn schemas(old: &Value, new: &Value, report: &mut Report) {
    let components =
        |doc: &Value| doc.pointer("/components/schemas").and_then(Value::as_object).cloned().unwrap_or_default();
    let (old, new) = (components(old), components(new));
    for (name, schema) in &old {
        match new.get(name) {
            None => report.sections.push((format!("schema {name}"), vec!["- schema removed".into()])),
            Some(after) => {
                let lines = facts_diff(schema, after);
                if !lines.is_empty() {
                    report.sections.push((format!("schema {name}"), lines));
                }
            }
        }
    }
    for name in new.keys().filter(|n| !old.contains_key(*n)) {
        report.sections.push((format!("schema {name}"), vec!["+ schema added".into()]));
    }
}

fn facts_diff(old: &Value, new: &Value) -> Vec<String> {
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    facts(old, "", &mut a);
    facts(new, "", &mut b);
    let mut lines = Vec::new();
    for (k, v) in &a {
        match b.get(k) {
            None => lines.push(format!("- {k}{}", if v.is_empty() { String::new() } else { format!(": {v}") })),
            Some(w) if w != v => lines.push(format!("~ {k}: {v} -> {w}")),
            _ => {}
        }
    }
    for (k, v) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
        lines.push(format!("+ {k}{}", if v.is_empty() { String::new() } else { format!(": {v}") }));
    }
    lines
}

/// Flattens a schema into facts that diff line by line: each property's path
/// with its type, each enum value, each required property.
fn facts(schema: &Value, at: &str, out: &mut BTreeMap<String, String>) {
    let here = if at.is_empty() { "(schema)".to_string() } else { at.to_string() };
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        out.insert(here, format!("-> {}", target.rsplit('/').next().unwrap_or(target)));
        return;
    }
    let mut kind: Vec<String> = Vec::new();
    if let Some(t) = schema.get("type").and_then(Value::as_str) {
        kind.push(t.to_string());
    }
    if let Some(f) = schema.get("format").and_then(Value::as_str) {
        kind.push(format!("({f})"));
    }
    if schema.get("nullable") == Some(&Value::Bool(true)) {
        kind.push("nullable".into());
    }
    out.insert(here.clone(), if kind.is_empty() { "any".into() } else { kind.join(" ") });
    // Limits: the server enforces them, and the request layer emits them as constants.
    for limit in ["maxItems", "minItems", "minimum", "maximum", "maxLength", "minLength"] {
        if let Some(value) = schema.get(limit) {
            out.insert(format!("{here} {limit}"), value.to_string());
        }
    }
    for value in schema.get("enum").and_then(Value::as_array).into_iter().flatten() {
        out.insert(format!("{here} enum value {value}"), String::new());
    }
    for required in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
        let name = required.as_str().unwrap_or_default();
        out.insert(format!("{} required", join(at, name)), String::new());
    }
    for (name, property) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
        facts(property, &join(at, name), out);
    }
    if let Some(items) = schema.get("items") {
        facts(items, &format!("{here}[]"), out);
    }
    if let Some(extra) = schema.get("additionalProperties").filter(|v| v.is_object()) {
        facts(extra, &format!("{here}{{*}}"), out);
    }
    for combinator in ["allOf", "anyOf", "oneOf"] {
        for (i, part) in schema.get(combinator).and_then(Value::as_array).into_iter().flatten().enumerate() {
            facts(part, &format!("{here} {combinator}[{i}]"), out);
        }
    }
}

fn join(at: &str, name: &str) -> String {
    if at.is_empty() { name.to_string() } else { format!("{at}.{name}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_change_of_the_catalogue_is_reported() {
        let root = crate::workspace_root().unwrap();
        let base = Spec::load(&root.join(crate::SPEC_PATH)).unwrap();
        assert!(diff(&base, &base, &Default::default()).unwrap().is_empty(), "a spec does not differ from itself");
        for change in crate::churn::CATALOGUE {
            let mut doc = base.doc.clone();
            (change.apply)(&mut doc);
            let changed = Spec::from_value(&base.path, doc).unwrap_or_else(|e| panic!("{}: {e}", change.name));
            let report = diff(&base, &changed, &Default::default()).unwrap().to_string();
            assert!(report.contains(change.reported), "{}: `{}` not in:\n{report}", change.name, change.reported);
        }
    }
}
