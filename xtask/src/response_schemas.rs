//! The spec's response schemas as JSON Schema, emitted beside the request
//! layer (`cf_orgs_gen::RESPONSE_SCHEMAS`) for a server that checks its own
//! answers: the mock's strict mode validates every answer against the schema
//! of its operation and status. Read from the normalized spec, so the passes'
//! corrections (`"result": null` in errors) hold here as in the types.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::document::Document;
use crate::model::Operation;

/// The file's name in the generated crate's `src/`.
pub const FILE: &str = "responses.json";

/// OpenAPI 3.0's `nullable` as JSON Schema: `type: [T, "null"]` (an enum gains `null`), or
/// `anyOf` with null for a schema without a `type`. `example`s are left: validators ignore them.
pub fn to_json_schema(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.remove("nullable") == Some(Value::Bool(true)) {
                if let Some(Value::String(t)) = map.get("type").cloned() {
                    map.insert("type".into(), json!([t, "null"]));
                    if let Some(Value::Array(values)) = map.get_mut("enum") {
                        values.push(Value::Null);
                    }
                } else {
                    let inner = Value::Object(std::mem::take(map));
                    map.insert("anyOf".into(), json!([inner, { "type": "null" }]));
                }
            }
            map.values_mut().for_each(to_json_schema);
        }
        Value::Array(items) => items.iter_mut().for_each(to_json_schema),
        _ => {}
    }
}

/// `{"operations": {"GET /organizations": {"200": schema, "4XX": schema, "204": null}},
/// "components": {"schemas": …}}`: every status each operation lists, with its JSON schema
/// (`null`: no body), `$ref`s pointing into `components`.
pub fn render(doc: &Value, operations: &[Operation]) -> String {
    let mut by_route = BTreeMap::new();
    for op in operations {
        let mut statuses = BTreeMap::new();
        let responses = doc.pointer(&format!("{}/responses", op.pointer)).and_then(Value::as_object);
        for (status, response) in responses.into_iter().flatten() {
            let response = Document(doc).resolve(response);
            let schema = response.pointer("/content/application~1json/schema").cloned().unwrap_or(Value::Null);
            statuses.insert(status.clone(), schema);
        }
        by_route.insert(format!("{} {}", op.method.to_uppercase(), op.path), statuses);
    }
    let schemas = doc.pointer("/components/schemas").cloned().unwrap_or_else(|| json!({}));
    let mut out = json!({ "operations": by_route, "components": { "schemas": schemas } });
    to_json_schema(&mut out);
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_becomes_json_schema() {
        let mut schema = json!({ "properties": {
            "a": { "type": "string", "nullable": true },
            "b": { "type": "string", "enum": ["x"], "nullable": true },
            "c": { "$ref": "#/components/schemas/C", "nullable": true },
            "d": { "type": "string", "nullable": false }
        } });
        to_json_schema(&mut schema);
        assert_eq!(schema["properties"]["a"]["type"], json!(["string", "null"]));
        assert_eq!(schema["properties"]["b"]["enum"], json!(["x", null]));
        assert_eq!(schema["properties"]["c"]["anyOf"][1], json!({ "type": "null" }));
        assert_eq!(schema["properties"]["d"], json!({ "type": "string" }));
    }
}
