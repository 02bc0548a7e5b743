//! `open-body-enums`: a string property with an `enum`, in a schema a request
//! body reaches, becomes a plain string; its enum moves to a component schema
//! of its own, named as typify would name the property's type
//! (`organizations-api_CreateSingleMember` + `status` →
//! `organizations-api_CreateSingleMemberStatus`), which the property names in
//! `x-cf-orgs-enum`.
//!
//! Why: typify makes such a property a closed Rust enum, so the client could
//! not send a value the live API added after its published spec (a new
//! member's initial status), though the rule is that the server judges
//! vocabulary. The enum type is still generated from the new component: the
//! mock parses the value with it (a 400 for a value outside the spec), and
//! cf-orgs binds its open enum to it. The wire format is unchanged.
//!
//! Left as they are: enums of an inline request body (no component to name
//! them after), in arrays, or whose name is taken.

use std::collections::HashSet;

use serde_json::Value;

use super::{Pass, for_each_operation};
use crate::document::{Document, SCHEMAS, reference};
use crate::error::escape_token;

pub const PASS: Pass = Pass {
    name: "open-body-enums",
    reason: "a request body's string enum would be a closed Rust enum: the client could not send a value newer than the spec",
    run,
};

fn run(doc: &mut Value) -> Vec<String> {
    let mut roots = Vec::new();
    for_each_operation(doc, |op_ptr, op| {
        if let Some(content) = op.pointer("/requestBody/content").and_then(Value::as_object) {
            roots.extend(
                content.keys().map(|media| format!("{op_ptr}/requestBody/content/{}/schema", escape_token(media))),
            );
        }
    });
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    for root in roots {
        find(doc, &root, None, &mut seen, &mut found);
    }
    let mut changed = Vec::new();
    for (pointer, name) in found {
        let taken = doc.pointer(&format!("{SCHEMAS}{}", escape_token(&name))).is_some();
        let Some(property) = doc.pointer_mut(&pointer).filter(|_| !taken) else { continue };
        let Some(open) = property.as_object_mut() else { continue };
        let mut closed = open.clone();
        open.remove("enum");
        open.insert("x-cf-orgs-enum".into(), Value::String(format!("#{SCHEMAS}{name}")));
        closed.remove("nullable");
        if let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
            schemas.insert(name.clone(), Value::Object(closed));
            changed.push(pointer);
            changed.push(format!("{SCHEMAS}{}", escape_token(&name)));
        }
    }
    changed
}

/// Collects the string enums under the schema at `pointer`: the property's
/// pointer and the component name its enum gets. `prefix` is the name typify
/// gives the schema at `pointer` (a component's, or its parent's plus the
/// property's); `None` for an inline body.
fn find(
    doc: &Value,
    pointer: &str,
    prefix: Option<String>,
    seen: &mut HashSet<String>,
    found: &mut Vec<(String, String)>,
) {
    let Some(schema) = doc.pointer(pointer) else { return };
    if reference(schema).is_some() {
        if let Some(target) = Document(doc).schema_ref(schema) {
            let at = target.pointer();
            if seen.insert(at.clone()) {
                find(doc, &at, Some(target.name), seen, found);
            }
        }
        return;
    }
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else { return };
    for (name, property) in properties {
        // Never sent: the server's to say (read-only-out-of-requests drops them from bodies).
        if property.get("readOnly").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let at = format!("{pointer}/properties/{}", escape_token(name));
        let named = prefix.as_ref().map(|p| format!("{p}{}", pascal(name)));
        if is_string_enum(property) {
            if let Some(named) = named {
                found.push((at, named));
            }
        } else {
            find(doc, &at, named, seen, found);
        }
    }
}

fn is_string_enum(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("string") && schema.get("enum").is_some_and(Value::is_array)
}

/// `initial_status` → `InitialStatus`, as typify names a property's type.
fn pascal(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec() -> Value {
        json!({
            "paths": { "/members": {
                "post": { "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/New" } } } } },
                "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Listed" } } } } } }
            } },
            "components": { "schemas": {
                "New": { "type": "object", "properties": {
                    "initial_status": { "type": "string", "enum": ["active", "canceled"], "description": "d" },
                    "role": { "$ref": "#/components/schemas/Role" },
                    "user": { "type": "object", "properties": { "kind": { "type": "string", "enum": ["a"] } } },
                    "tags": { "type": "array", "items": { "type": "string", "enum": ["x"] } },
                    "id": { "type": "string", "readOnly": true, "enum": ["y"] }
                } },
                "Role": { "type": "object", "properties": { "name": { "type": "string", "enum": ["admin"] } } },
                "Listed": { "type": "object", "properties": { "state": { "type": "string", "enum": ["on"] } } }
            } }
        })
    }

    #[test]
    fn body_enums_open_and_keep_their_values_in_a_schema_of_their_own() {
        let mut doc = spec();
        let changed = run(&mut doc);
        assert_eq!(
            changed,
            [
                "/components/schemas/New/properties/initial_status",
                "/components/schemas/NewInitialStatus",
                "/components/schemas/Role/properties/name",
                "/components/schemas/RoleName",
                "/components/schemas/New/properties/user/properties/kind",
                "/components/schemas/NewUserKind",
            ]
        );
        let open = &doc["components"]["schemas"]["New"]["properties"]["initial_status"];
        assert_eq!(
            open,
            &json!({ "type": "string", "description": "d", "x-cf-orgs-enum": "#/components/schemas/NewInitialStatus" })
        );
        assert_eq!(doc["components"]["schemas"]["NewInitialStatus"]["enum"], json!(["active", "canceled"]));
        // Arrays, read-only fields and what no request body reaches stay closed.
        assert_eq!(doc["components"]["schemas"]["New"]["properties"]["tags"]["items"]["enum"], json!(["x"]));
        assert_eq!(doc["components"]["schemas"]["Listed"]["properties"]["state"]["enum"], json!(["on"]));
        assert!(run(&mut doc).is_empty(), "idempotent");
    }

    #[test]
    fn a_taken_name_leaves_the_enum_closed() {
        let mut doc = spec();
        doc["components"]["schemas"]["RoleName"] = json!({ "type": "string" });
        let changed = run(&mut doc);
        assert!(!changed.iter().any(|p| p.contains("Role")), "{changed:?}");
        assert_eq!(doc["components"]["schemas"]["Role"]["properties"]["name"]["enum"], json!(["admin"]));
    }

    #[test]
    fn names_as_typify_does() {
        assert_eq!(pascal("status"), "Status");
        assert_eq!(pascal("initial_status"), "InitialStatus");
        assert_eq!(pascal("x-kind.v2"), "XKindV2");
    }
}
