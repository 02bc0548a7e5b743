//! `one-error-schema`: every error response of an operation uses one schema.
//!
//! Why: progenitor asserts at most one error type per operation
//! (`assert!(response_types.len() <= 1)` in method.rs), and panics on the audit
//! log history (404 beside 4XX). The schema of the operation's catch-all error
//! range (`4XX`, else `5XX`, else `default`) wins: it is Cloudflare's common
//! failure envelope, which the specific ones extend. A specific status that a
//! range then covers (404 under 4XX) is dropped: it would decode exactly as the
//! range does, and progenitor would emit it as an unreachable match arm.

use serde_json::Value;

use super::{Pass, for_each_operation};

pub const PASS: Pass = Pass {
    name: "one-error-schema",
    reason: "progenitor allows one error type per operation; the catch-all range's schema wins",
    run,
};

fn is_error(status: &str) -> bool {
    status == "default" || status.starts_with('4') || status.starts_with('5')
}

fn run(doc: &mut Value) -> Vec<String> {
    let mut changed = Vec::new();
    for_each_operation(doc, |op_ptr, op| {
        let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
            return;
        };
        let schema_of = |r: &Value| r.pointer("/content/application~1json/schema").cloned();
        let errors: Vec<String> = responses.keys().filter(|s| is_error(s)).cloned().collect();
        let distinct: Vec<Value> =
            errors.iter().filter_map(|s| schema_of(&responses[s])).fold(Vec::new(), |mut acc, s| {
                if !acc.contains(&s) {
                    acc.push(s);
                }
                acc
            });
        if distinct.len() <= 1 {
            return;
        }
        let winner_status = ["4XX", "5XX", "default"]
            .into_iter()
            .find(|s| responses.get(*s).and_then(schema_of).is_some())
            .map(str::to_string)
            .unwrap_or_else(|| errors[0].clone());
        let Some(winner) = schema_of(&responses[&winner_status]) else {
            return;
        };
        for status in &errors {
            let covering_range = format!("{}XX", &status[..1]);
            if status.len() == 3
                && status.bytes().all(|b| b.is_ascii_digit())
                && responses.contains_key(&covering_range)
            {
                responses.remove(status);
                changed.push(format!("{op_ptr}/responses/{status}"));
                continue;
            }
            let Some(slot) = responses.get_mut(status).and_then(|r| r.pointer_mut("/content/application~1json/schema"))
            else {
                continue;
            };
            if *slot != winner {
                *slot = winner.clone();
                changed.push(format!("{op_ptr}/responses/{status}/content/application~1json/schema"));
            }
        }
    });
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn json_response(schema: &str) -> Value {
        json!({ "description": "x", "content": { "application/json": { "schema": { "$ref": schema } } } })
    }

    #[test]
    fn specific_error_under_a_range_is_dropped() {
        let mut doc = json!({ "paths": { "/h": { "get": { "responses": {
            "200": json_response("#/ok"), "404": json_response("#/not-found"), "4XX": json_response("#/failure")
        } } } } });
        let changed = run(&mut doc);
        assert_eq!(changed, ["/paths/~1h/get/responses/404"]);
        assert!(doc.pointer("/paths/~1h/get/responses/404").is_none());
        assert_eq!(doc.pointer("/paths/~1h/get/responses/200/content/application~1json/schema/$ref").unwrap(), "#/ok");
    }

    #[test]
    fn specific_error_without_a_range_takes_the_default_schema() {
        let mut doc = json!({ "paths": { "/h": { "get": { "responses": {
            "200": json_response("#/ok"), "409": json_response("#/conflict"), "default": json_response("#/failure")
        } } } } });
        let changed = run(&mut doc);
        assert_eq!(changed, ["/paths/~1h/get/responses/409/content/application~1json/schema"]);
        assert_eq!(
            doc.pointer("/paths/~1h/get/responses/409/content/application~1json/schema/$ref").unwrap(),
            "#/failure"
        );
    }

    #[test]
    fn one_shared_error_schema_is_left_alone() {
        let mut doc = json!({ "paths": { "/s": { "get": { "responses": {
            "200": json_response("#/ok"), "4XX": json_response("#/failure"), "5XX": json_response("#/failure")
        } } } } });
        assert!(run(&mut doc).is_empty());
    }
}
