//! Dotted field paths (`parent.id`, `user.email`): reading one from an item,
//! keeping only some, a cell's text, and the paths an operation's answer has
//! by the spec (its response schema, `cf_orgs_gen::RESPONSE_SCHEMAS`), which
//! `--fields` with no value lists.

use std::sync::OnceLock;

use cf_orgs::generated::operations::Operation;
use serde_json::{Map, Value};

/// The value at a dotted path, if the item has it.
pub(crate) fn get<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

/// A cell's text: strings as they are, nothing for null or absent, JSON for the rest.
pub(crate) fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The item with only `paths`, nested as it was (`parent.id` → `{"parent": {"id": …}}`); a path
/// it lacks is `null`, so every item has the same keys.
pub(crate) fn project(value: &Value, paths: &[String]) -> Value {
    let mut out = Map::new();
    for path in paths {
        insert(&mut out, path, get(value, path).cloned().unwrap_or(Value::Null));
    }
    Value::Object(out)
}

/// Sets the dotted `path` of `object` to `value`, making the objects on the way (a non-object on
/// the way is replaced by one).
pub(crate) fn insert(object: &mut Map<String, Value>, path: &str, value: Value) {
    let mut keys: Vec<&str> = path.split('.').collect();
    let last = keys.pop().unwrap_or_default();
    let mut at = object;
    for key in keys {
        let next = at.entry(key.to_string()).or_insert_with(|| Value::Object(Map::new()));
        if !next.is_object() {
            *next = Value::Object(Map::new());
        }
        let Value::Object(map) = next else { unreachable!("made an object above") };
        at = map;
    }
    at.insert(last.to_string(), value);
}

/// An item's leaf paths, objects opened `depth` levels down (arrays are leaves).
pub(crate) fn leaves(value: &Value, depth: usize) -> Vec<String> {
    fn walk(value: &Value, prefix: &str, depth: usize, out: &mut Vec<String>) {
        match value {
            Value::Object(map) if depth > 0 && !map.is_empty() => {
                for (key, v) in map {
                    let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                    walk(v, &path, depth - 1, out);
                }
            }
            _ if !prefix.is_empty() => out.push(prefix.to_string()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, "", depth, &mut out);
    out
}

/// The spec's document of answers.
fn document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| serde_json::from_str(cf_orgs_gen::RESPONSE_SCHEMAS).unwrap_or(Value::Null))
}

/// A schema with its `$ref`s followed (a bounded chain, so that a cyclic document cannot hold it).
fn resolve(mut schema: &Value) -> Value {
    let document = document();
    for _ in 0..16 {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(pointer) => schema = document.pointer(pointer.trim_start_matches('#')).unwrap_or(&Value::Null),
            None => break,
        }
    }
    schema.clone()
}

/// The schema of an operation's success answer's `result`.
fn result_schema(operation: Operation) -> Value {
    let key = format!("{} {}", operation.method(), operation.path_template());
    let Some(answers) = document()["operations"][&key].as_object() else { return Value::Null };
    match answers.iter().find(|(status, _)| status.starts_with('2')) {
        Some((_, success)) => resolve(&resolve(success)["properties"]["result"]),
        None => Value::Null,
    }
}

/// Whether the spec says an operation's `result` is an array (a list, or a batch's answer).
#[cfg(test)]
pub(crate) fn answers_array(operation: Operation) -> bool {
    is_array(&result_schema(operation))
}

/// `type: array`, or `type: [array, null]` (a nullable array, as the responses' JSON Schema has it).
fn is_array(schema: &Value) -> bool {
    match &schema["type"] {
        Value::String(t) => t == "array",
        Value::Array(types) => types.iter().any(|t| t == "array"),
        _ => false,
    }
}

/// The dotted paths of the items (or the object) an operation answers with, by the spec: every
/// property, objects opened (a `$ref` or an `allOf` followed), in the spec's order. Empty when the
/// answer has no body or its items are no object the spec describes.
pub(crate) fn spec_fields(operation: Operation) -> Vec<String> {
    let mut result = result_schema(operation);
    if is_array(&result) {
        result = resolve(&result["items"]);
    }
    fn walk(schema: &Value, prefix: &str, depth: usize, out: &mut Vec<String>) {
        let schema = resolve(schema);
        if let Some(parts) = schema["allOf"].as_array() {
            for part in parts {
                walk(part, prefix, depth, out);
            }
            return;
        }
        match schema["properties"].as_object() {
            Some(properties) if depth < 4 && !properties.is_empty() => {
                for (key, property) in properties {
                    let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                    walk(property, &path, depth + 1, out);
                }
            }
            _ if !prefix.is_empty() && !out.iter().any(|p| p == prefix) => out.push(prefix.to_string()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&result, "", 0, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_read_and_project_nested_values() {
        let item = json!({"id": "a", "user": {"email": "e@x.example", "id": "u"}, "n": 3});
        assert_eq!(get(&item, "user.email"), Some(&json!("e@x.example")));
        assert_eq!(get(&item, "user.none"), None);
        assert_eq!(
            project(&item, &["user.email".into(), "n".into(), "gone.deep".into()]),
            json!({"user": {"email": "e@x.example"}, "n": 3, "gone": {"deep": null}})
        );
        assert_eq!(leaves(&item, 2), ["id", "user.email", "user.id", "n"]);
        assert_eq!(cell(&json!(null)), "");
        assert_eq!(cell(&json!(["x"])), r#"["x"]"#);
    }

    #[test]
    fn the_spec_names_the_fields_of_an_answer() {
        let members = spec_fields(Operation::MembersList);
        for path in ["id", "status", "user.email"] {
            assert!(members.iter().any(|p| p == path), "{path} in {members:?}");
        }
        assert!(spec_fields(Operation::OrganizationsRetrieve).iter().any(|p| p == "parent.id"));
        assert!(spec_fields(Operation::MembersDelete).is_empty(), "a 204 has no fields");
        assert!(
            spec_fields(Operation::OrganizationSharesList).iter().any(|p| p == "resources"),
            "a nullable array's items"
        );
    }
}
