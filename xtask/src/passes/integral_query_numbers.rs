//! `integral-query-numbers`: a query parameter typed `number` whose example,
//! default and bounds are all whole numbers becomes an `integer`.
//!
//! Why: a `number` is an `f64` in the request layer (as in progenitor), sent as
//! `limit=500.0`, and the audit log `limit`
//! ("the number limits the objects to return", example 25, default 100,
//! 1..=1000) is a count. An integer goes on the wire as `limit=500`.

use serde_json::Value;

use super::{Pass, for_each_operation};

pub const PASS: Pass = Pass {
    name: "integral-query-numbers",
    reason: "a whole-number count typed `number` would be an f64, sent as `limit=500.0`",
    run,
};

fn run(doc: &mut Value) -> Vec<String> {
    let components = doc.pointer("/components/parameters").cloned().unwrap_or(Value::Null);
    let mut pointers = Vec::new();
    if let Some(params) = components.as_object() {
        pointers.extend(params.keys().map(|k| format!("/components/parameters/{}", crate::error::escape_token(k))));
    }
    for_each_operation(doc, |op_ptr, op| {
        if let Some(list) = op.get("parameters").and_then(Value::as_array) {
            pointers.extend((0..list.len()).map(|i| format!("{op_ptr}/parameters/{i}")));
        }
    });
    let mut changed = Vec::new();
    for pointer in pointers {
        let Some(param) = doc.pointer_mut(&pointer) else { continue };
        if param.get("in").and_then(Value::as_str) != Some("query") {
            continue;
        }
        let Some(schema) = param.get_mut("schema").and_then(Value::as_object_mut) else { continue };
        if schema.get("type").and_then(Value::as_str) != Some("number") {
            continue;
        }
        let whole = |k: &str| schema.get(k).is_none_or(|v| v.as_f64().is_some_and(|f| f.fract() == 0.0));
        if ["example", "default", "minimum", "maximum"].into_iter().all(whole) {
            schema.insert("type".into(), Value::String("integer".into()));
            changed.push(format!("{pointer}/schema/type"));
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn whole_number_counts_become_integers_and_fractions_stay() {
        let mut doc = json!({ "paths": { "/logs": { "get": { "parameters": [
            { "in": "query", "name": "limit", "schema": { "type": "number", "example": 25, "default": 100, "minimum": 1, "maximum": 1000 } },
            { "in": "query", "name": "ratio", "schema": { "type": "number", "example": 0.5 } },
            { "in": "header", "name": "x-n", "schema": { "type": "number" } }
        ] } } } });
        let changed = run(&mut doc);
        assert_eq!(changed, ["/paths/~1logs/get/parameters/0/schema/type"]);
        assert_eq!(doc.pointer("/paths/~1logs/get/parameters/1/schema/type").unwrap(), "number");
    }
}
