//! `read-only-out-of-requests`: a request body never requires (or carries)
//! the properties the server assigns.
//!
//! Why: progenitor ignores `readOnly`, so `POST /organizations`, whose body is
//! the whole `Organization`, would require the caller to invent an `id`,
//! `create_time` and `meta`. OpenAPI says readOnly properties are not sent in
//! requests; each request body whose schema has any gets a `<Name>Write`
//! component without them (nested inline objects and referenced components
//! too). Response types keep the original, strict schema.

use serde_json::{Map, Value};

use super::{Pass, for_each_operation};
use crate::document::{Component, Document, SCHEMAS, reference};
use crate::error::escape_token;

pub const PASS: Pass = Pass {
    name: "read-only-out-of-requests",
    reason: "progenitor ignores readOnly, so a create body would require server-assigned fields",
    run,
};

const SCHEMA: &str = "/content/application~1json/schema";

fn run(doc: &mut Value) -> Vec<String> {
    let original = doc.clone();
    let mut created: Map<String, Value> = Map::new();
    let mut changed = Vec::new();
    for_each_operation(doc, |op_ptr, op| {
        let Some(schema) = op.get_mut("requestBody").and_then(|b| b.pointer_mut(SCHEMA)) else { return };
        if has_read_only(&original, schema, 0) {
            *schema = write_form(&original, schema, &mut created);
            changed.push(format!("{op_ptr}/requestBody{SCHEMA}"));
        }
    });
    if let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        for (name, schema) in created {
            changed.push(format!("/components/schemas/{}", escape_token(&name)));
            schemas.insert(name, schema);
        }
    }
    changed
}

/// Whether any property reachable from `schema` (through $refs) is readOnly.
fn has_read_only(doc: &Value, schema: &Value, depth: usize) -> bool {
    if depth > 32 {
        return false; // a reference cycle: nothing new below here
    }
    if let Some(target) = Document(doc).schema_ref(schema) {
        return has_read_only(doc, target.value, depth + 1);
    }
    let props = schema.get("properties").and_then(Value::as_object);
    let in_props = props.is_some_and(|p| {
        p.values().any(|v| v.get("readOnly") == Some(&Value::Bool(true)) || has_read_only(doc, v, depth + 1))
    });
    in_props || schema.get("items").is_some_and(|items| has_read_only(doc, items, depth + 1))
}

/// The schema as a request carries it: readOnly properties gone, $refs to
/// components that have any pointed at their `<Name>Write` form.
fn write_form(doc: &Value, schema: &Value, created: &mut Map<String, Value>) -> Value {
    if let Some(Component { name, value: target, .. }) = Document(doc).schema_ref(schema) {
        let write_name = format!("{name}Write");
        if !created.contains_key(&write_name) {
            created.insert(write_name.clone(), Value::Null); // reserve: guards against cycles
            let mut form = write_form(doc, target, created);
            if let Value::Object(map) = &mut form {
                map.insert(
                    "description".into(),
                    Value::String(format!(
                        "`{name}` as a request sends it: without the properties the server assigns."
                    )),
                );
            }
            created.insert(write_name.clone(), form);
        }
        return serde_json::json!({ "$ref": format!("#{SCHEMAS}{}", escape_token(&write_name)) });
    }
    if reference(schema).is_some() {
        return schema.clone(); // to no schema component: nothing to rewrite below it
    }
    let mut out = schema.clone();
    if let Some(props) = out.get_mut("properties").and_then(Value::as_object_mut) {
        let dropped: Vec<String> = props
            .iter()
            .filter(|(_, v)| v.get("readOnly") == Some(&Value::Bool(true)))
            .map(|(k, _)| k.clone())
            .collect();
        props.retain(|name, _| !dropped.contains(name)); // retain keeps the order; remove would not
        for value in props.values_mut() {
            if has_read_only(doc, value, 0) {
                *value = write_form(doc, value, created);
            }
        }
        if let Some(required) = out.get_mut("required").and_then(Value::as_array_mut) {
            required.retain(|r| r.as_str().is_none_or(|r| !dropped.iter().any(|d| d == r)));
        }
    }
    if let Some(items) = out.get("items").cloned()
        && has_read_only(doc, &items, 0)
    {
        out["items"] = write_form(doc, &items, created);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn create_body_loses_server_assigned_fields_and_responses_keep_them() {
        let mut doc = json!({
            "paths": { "/orgs": { "post": {
                "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Org" } } } },
                "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Org" } } } } }
            } } },
            "components": { "schemas": { "Org": {
                "type": "object",
                "properties": {
                    "id": { "type": "string", "readOnly": true },
                    "name": { "type": "string" },
                    "parent": { "type": "object", "properties": {
                        "id": { "type": "string" }, "name": { "type": "string", "readOnly": true }
                    }, "required": ["id", "name"] }
                },
                "required": ["id", "name"]
            } } }
        });
        let changed = run(&mut doc);
        assert_eq!(
            changed,
            ["/paths/~1orgs/post/requestBody/content/application~1json/schema", "/components/schemas/OrgWrite"]
        );
        let write = &doc["components"]["schemas"]["OrgWrite"];
        assert_eq!(write["required"], json!(["name"]));
        assert!(write["properties"].get("id").is_none());
        assert_eq!(write["properties"]["parent"]["required"], json!(["id"]));
        assert_eq!(
            doc.pointer("/paths/~1orgs/post/responses/200/content/application~1json/schema/$ref").unwrap(),
            "#/components/schemas/Org"
        );
        assert_eq!(doc["components"]["schemas"]["Org"]["required"], json!(["id", "name"]));
    }

    #[test]
    fn bodies_without_read_only_fields_are_left_alone() {
        let mut doc = json!({
            "paths": { "/p": { "put": {
                "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": { "a": { "type": "string" } } } } } }
            } } },
            "components": { "schemas": {} }
        });
        let before = doc.clone();
        assert!(run(&mut doc).is_empty());
        assert_eq!(doc, before);
    }
}
