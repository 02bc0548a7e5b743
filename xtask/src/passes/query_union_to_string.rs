//! `query-union-to-string`: a query parameter whose schema is an `anyOf` or
//! `oneOf` of strings becomes a plain string.
//!
//! Why: on the wire the union is one string: `parent.id` is an organization id
//! or the literal `null` (root organizations only), and both still go out
//! unchanged. The request layer takes a query value of one scalar type only
//! (and progenitor would make the union a struct of optional subtypes, which
//! its builder interface could not even send).

use serde_json::{Value, json};

use super::Pass;
use crate::document::Document;
use crate::error::escape_token;

pub const PASS: Pass = Pass {
    name: "query-union-to-string",
    reason: "an anyOf/oneOf of strings in a query parameter is one string on the wire, and the request layer takes scalars only",
    run,
};

fn run(doc: &mut Value) -> Vec<String> {
    // Collect first (the check resolves $refs against the whole document), then rewrite.
    let mut targets = Vec::new();
    let snapshot = doc.clone();
    if let Some(params) = snapshot.pointer("/components/parameters").and_then(Value::as_object) {
        targets.extend(params.keys().map(|name| format!("/components/parameters/{}", escape_token(name))));
    }
    if let Some(paths) = snapshot.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            let base = format!("/paths/{}", escape_token(path));
            if let Some(list) = item.get("parameters").and_then(Value::as_array) {
                targets.extend((0..list.len()).map(|i| format!("{base}/parameters/{i}")));
            }
            for method in crate::load::METHODS {
                if let Some(list) = item.get(method).and_then(|op| op.get("parameters")).and_then(Value::as_array) {
                    targets.extend((0..list.len()).map(|i| format!("{base}/{method}/parameters/{i}")));
                }
            }
        }
    }

    let mut changed = Vec::new();
    for pointer in targets {
        let Some(param) = snapshot.pointer(&pointer) else {
            continue;
        };
        if param.get("in").and_then(Value::as_str) != Some("query") {
            continue;
        }
        let Some(schema) = param.get("schema") else {
            continue;
        };
        let Some(choices) = union_choices(&snapshot, schema) else {
            continue;
        };
        let mut replacement = json!({ "type": "string", "description": describe(&choices) });
        if let Some(example) = schema.get("example") {
            replacement["example"] = example.clone();
        }
        let schema_ptr = format!("{pointer}/schema");
        if let Some(slot) = doc.pointer_mut(&schema_ptr) {
            *slot = replacement;
            changed.push(schema_ptr);
        }
    }
    changed
}

/// The alternatives of a union whose every branch is a string, as short labels.
fn union_choices(doc: &Value, schema: &Value) -> Option<Vec<String>> {
    let branches = schema.get("anyOf").or_else(|| schema.get("oneOf"))?.as_array()?;
    let mut labels = Vec::new();
    for branch in branches {
        let resolved = Document(doc).resolve(branch);
        if resolved.get("type").and_then(Value::as_str) != Some("string") {
            return None;
        }
        let label = match (resolved.get("enum").and_then(Value::as_array), branch.get("$ref")) {
            (Some(values), _) => values
                .iter()
                .map(|v| format!("the literal `{}`", v.as_str().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join(", "),
            (None, Some(Value::String(r))) => {
                let name =
                    resolved.get("title").and_then(Value::as_str).unwrap_or_else(|| r.rsplit('/').next().unwrap_or(r));
                format!("an {name}")
            }
            (None, _) => "a string".to_string(),
        };
        labels.push(label);
    }
    (!labels.is_empty()).then_some(labels)
}

fn describe(choices: &[String]) -> String {
    format!("One of: {}.", choices.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_of_id_and_null_literal_becomes_string() {
        let mut doc = json!({
            "components": {
                "schemas": { "Id": { "type": "string", "title": "Organization ID" } },
                "parameters": { "Parent": { "in": "query", "name": "parent.id", "schema": {
                    "anyOf": [ { "$ref": "#/components/schemas/Id" }, { "type": "string", "enum": ["null"] } ]
                } } }
            },
            "paths": {}
        });
        let changed = run(&mut doc);
        assert_eq!(changed, ["/components/parameters/Parent/schema"]);
        let schema = &doc["components"]["parameters"]["Parent"]["schema"];
        assert_eq!(schema["type"], "string");
        assert_eq!(schema["description"], "One of: an Organization ID; the literal `null`.");
        assert_eq!(doc["components"]["parameters"]["Parent"]["name"], "parent.id");
    }

    #[test]
    fn leaves_non_string_unions_and_path_parameters_alone() {
        let mut doc = json!({
            "paths": { "/x/{id}": { "get": { "parameters": [
                { "in": "query", "name": "n", "schema": { "anyOf": [ { "type": "string" }, { "type": "integer" } ] } },
                { "in": "path", "name": "id", "required": true, "schema": { "anyOf": [ { "type": "string" } ] } }
            ] } } }
        });
        let before = doc.clone();
        assert!(run(&mut doc).is_empty());
        assert_eq!(doc, before);
    }
}
