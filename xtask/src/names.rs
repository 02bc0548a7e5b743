//! Stable Rust names of the operations. A struct of the request layer is
//! named from its operationId the first time its route (`METHOD /path`) is
//! generated, and keeps that name in `spec/operation-names.json` while the
//! route stands: Cloudflare renaming an operationId changes nothing on the
//! wire, so it changes nothing in the code built on it either (only
//! `Operation::operation_id()` and the docs follow the spec). A new route is
//! named from its operationId and added to the file; a route that is gone is
//! dropped from it. `regenerate` writes the file, `--check` compares it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::Operation;

/// The file, relative to the workspace root.
pub const NAMES_PATH: &str = "spec/operation-names.json";

/// `"GET /organizations/{organization_id}/members"` → `"MembersList"`.
pub type Names = BTreeMap<String, String>;

/// The names committed at `root`; none when the file does not exist yet.
pub fn load(root: &Path) -> Result<Names> {
    let path = root.join(NAMES_PATH);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Names::new()),
        Err(e) => return Err(Error::file(NAMES_PATH, format!("cannot read: {e}"))),
    };
    let names: Names = serde_json::from_str(&text)
        .map_err(|e| Error::file(NAMES_PATH, format!("not a map of routes to Rust names: {e}")))?;
    if let Some((route, name)) = names.iter().find(|(_, name)| !is_rust_name(name)) {
        return Err(Error::file(NAMES_PATH, format!("`{name}` (for {route}) is not a Rust type name")));
    }
    Ok(names)
}

fn is_rust_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The route an operation is keyed by.
pub fn route(op: &Operation) -> String {
    format!("{} {}", op.http_method(), op.path)
}

/// Gives every operation whose route `names` holds that name, and returns
/// the names of every current route (new routes named from their
/// operationId). Two operations under one Rust name are an error naming both.
pub fn apply(ops: &mut [Operation], names: &Names) -> Result<Names> {
    let mut current = Names::new();
    for op in ops.iter_mut() {
        if let Some(name) = names.get(&route(op)) {
            op.rust = name.clone();
        }
        current.insert(route(op), op.rust.clone());
    }
    let mut owners: BTreeMap<&str, &Operation> = BTreeMap::new();
    for op in ops.iter() {
        if let Some(other) = owners.insert(&op.rust, op) {
            return Err(Error::file(
                NAMES_PATH,
                format!(
                    "`{}` would name both {} ({}) and {} ({}): rename one route's entry",
                    op.rust,
                    route(other),
                    other.id,
                    route(op),
                    op.id
                ),
            ));
        }
    }
    Ok(current)
}

/// The file's text: one route per line, sorted, as `serde_json` pretty-prints it.
pub fn render(names: &Names) -> String {
    serde_json::to_string_pretty(names).expect("a map of strings serializes") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(spec: serde_json::Value) -> Vec<Operation> {
        crate::model::operations(&crate::load::Spec::from_value("fixture.json", spec).unwrap()).unwrap()
    }

    fn spec(id: &str) -> serde_json::Value {
        serde_json::json!({
            "openapi": "3.0.3",
            "info": { "title": "t", "version": "1" },
            "paths": { "/things": { "get": { "operationId": id, "responses": { "204": { "description": "none" } } } } }
        })
    }

    #[test]
    fn a_renamed_operation_id_keeps_its_rust_name_a_new_route_takes_its_own() {
        let mut first = ops(spec("Things_list"));
        let names = apply(&mut first, &Names::new()).unwrap();
        assert_eq!(names, Names::from([("GET /things".into(), "ThingsList".into())]));
        let mut renamed = ops(spec("things-list-all"));
        assert_eq!(apply(&mut renamed, &names).unwrap(), names);
        assert_eq!((renamed[0].rust.as_str(), renamed[0].id.as_str()), ("ThingsList", "things-list-all"));
    }

    #[test]
    fn two_routes_under_one_name_are_refused_naming_both() {
        let mut both = ops(serde_json::json!({
            "openapi": "3.0.3",
            "info": { "title": "t", "version": "1" },
            "paths": {
                "/things": { "get": { "operationId": "a", "responses": { "204": { "description": "none" } } } },
                "/others": { "get": { "operationId": "b", "responses": { "204": { "description": "none" } } } }
            }
        }));
        let names = Names::from([("GET /things".into(), "B".into())]);
        let err = apply(&mut both, &names).unwrap_err().to_string();
        assert!(err.contains("GET /things") && err.contains("GET /others"), "{err}");
    }
}
