//! `nullable-error-result`: the `result` of an error envelope may be `null`.
//!
//! Why: Cloudflare's failures carry `"result": null` (the resource-sharing
//! failure schema says so), but the organizations error schema types `result`
//! as a plain object, so the error body itself would fail to decode and the
//! caller would lose the error codes. Only error responses' schemas change.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{Pass, for_each_operation};
use crate::error::escape_token;

pub const PASS: Pass = Pass {
    name: "nullable-error-result",
    reason: "Cloudflare's error envelopes carry \"result\": null, which an object-typed result refuses",
    run,
};

fn run(doc: &mut Value) -> Vec<String> {
    // The error schemas, by component name (inline ones by their pointer).
    let mut targets: BTreeSet<String> = BTreeSet::new();
    for_each_operation(doc, |op_ptr, op| {
        let Some(responses) = op.get("responses").and_then(Value::as_object) else { return };
        for (status, response) in responses {
            if !(status == "default" || status.starts_with('4') || status.starts_with('5')) {
                continue;
            }
            let Some(schema) = response.pointer("/content/application~1json/schema") else { continue };
            match schema.get("$ref").and_then(Value::as_str) {
                Some(r) => targets.extend(r.strip_prefix('#').map(str::to_string)),
                None => {
                    targets.insert(format!(
                        "{op_ptr}/responses/{}/content/application~1json/schema",
                        escape_token(status)
                    ));
                }
            }
        }
    });
    let mut changed = Vec::new();
    for pointer in targets {
        let Some(result) = doc.pointer_mut(&format!("{pointer}/properties/result")) else { continue };
        let Some(map) = result.as_object_mut() else { continue };
        if map.contains_key("$ref") || map.get("nullable") == Some(&Value::Bool(true)) {
            continue;
        }
        map.insert("nullable".into(), Value::Bool(true));
        changed.push(format!("{pointer}/properties/result/nullable"));
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn error_results_become_nullable_and_success_results_do_not() {
        let mut doc = json!({
            "paths": { "/o": { "get": { "responses": {
                "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Ok" } } } },
                "4XX": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Failure" } } } }
            } } } },
            "components": { "schemas": {
                "Ok": { "type": "object", "properties": { "result": { "type": "object" } } },
                "Failure": { "type": "object", "properties": { "result": { "type": "object" } } }
            } }
        });
        let changed = run(&mut doc);
        assert_eq!(changed, ["/components/schemas/Failure/properties/result/nullable"]);
        assert_eq!(doc["components"]["schemas"]["Failure"]["properties"]["result"]["nullable"], true);
        assert!(doc["components"]["schemas"]["Ok"]["properties"]["result"].get("nullable").is_none());
    }
}
