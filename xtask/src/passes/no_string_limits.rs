//! `no-string-limits`: string schemas lose `maxLength`, `minLength` and `pattern`.
//!
//! Why: typify turns a limited string into a validating newtype, so one value
//! over a limit fails the whole response. The spec's limits are not what the
//! API sends: audit log ids are UUIDs (36 characters, as the spec's own `id`
//! filter examples and the history path's `format: uuid` show) under an
//! identifier with `maxLength: 32`. A client keeps what the server sends and
//! leaves limits on input to the server, which enforces them anyway.

use serde_json::Value;

use super::Pass;
use crate::error::escape_token;

pub const PASS: Pass = Pass {
    name: "no-string-limits",
    reason: "typify's validating newtypes would refuse a whole response over one id longer than the spec says",
    run,
};

const LIMITS: [&str; 3] = ["maxLength", "minLength", "pattern"];

fn run(doc: &mut Value) -> Vec<String> {
    let mut changed = Vec::new();
    walk(doc, String::new(), &mut changed);
    changed
}

fn walk(value: &mut Value, at: String, changed: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            // Only schemas: `type: string`, or limits beside a `$ref` (which typify also reads).
            let is_string_schema =
                map.get("type").and_then(Value::as_str) == Some("string") || map.contains_key("$ref");
            if is_string_schema {
                for limit in LIMITS {
                    if map.get(limit).is_some_and(|v| !v.is_object()) {
                        map.retain(|k, _| k != limit);
                        changed.push(format!("{at}/{limit}"));
                    }
                }
            }
            for (k, v) in map.iter_mut() {
                walk(v, format!("{at}/{}", escape_token(k)), changed);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter_mut().enumerate() {
                walk(v, format!("{at}/{i}"), changed);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn limits_go_from_strings_and_stay_on_everything_else() {
        let mut doc = json!({ "components": { "schemas": {
            "Id": { "type": "string", "maxLength": 32, "pattern": "^[0-9a-f]+$" },
            "Errors": { "$ref": "#/components/schemas/List", "minLength": 1 },
            "List": { "type": "array", "maxItems": 10, "items": { "type": "string" } },
            "Props": { "type": "object", "properties": { "maxLength": { "type": "integer" } } }
        } } });
        let changed = run(&mut doc);
        assert_eq!(
            changed,
            [
                "/components/schemas/Id/maxLength",
                "/components/schemas/Id/pattern",
                "/components/schemas/Errors/minLength"
            ]
        );
        assert_eq!(doc["components"]["schemas"]["List"]["maxItems"], 10);
        assert_eq!(doc["components"]["schemas"]["Props"]["properties"]["maxLength"]["type"], "integer");
    }
}
