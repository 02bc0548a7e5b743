//! The document's primitives, for every reader of the spec (the model, the passes, `extract`,
//! `churn`, the response schemas): following `$ref`s, naming the component a `$ref` points at,
//! and the closure of components a part of the document reaches.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::error::escape_token;

/// Where the schema components are.
pub const SCHEMAS: &str = "/components/schemas/";

/// An OpenAPI document as JSON, read through its `$ref`s.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a>(pub &'a Value);

/// A component: its kind (`schemas`, `parameters`, …), its name as written (unescaped), its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Component<'a> {
    pub kind: String,
    pub name: String,
    pub value: &'a Value,
}

impl Component<'_> {
    /// Its JSON pointer.
    pub fn pointer(&self) -> String {
        format!("/components/{}/{}", self.kind, escape_token(&self.name))
    }
}

/// Why a `$ref` could not be followed, at the pointer of the value holding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefError {
    pub at: String,
    pub message: String,
}

impl<'a> Document<'a> {
    /// Follows `$ref`s (local ones) from `value`, found at `pointer`, to a value that is not a
    /// reference: that value and its pointer.
    pub fn follow(self, mut value: &'a Value, mut pointer: String) -> Result<(&'a Value, String), RefError> {
        // Bounded, so that a cycle of references is an error and not a hang.
        for _ in 0..64 {
            let Some(target) = reference(value) else { return Ok((value, pointer)) };
            let local = target.strip_prefix('#').unwrap_or(target);
            let Some(next) = self.0.pointer(local) else {
                return Err(RefError { at: pointer, message: format!("$ref `{target}` does not resolve") });
            };
            value = next;
            pointer = local.to_string();
        }
        Err(RefError { at: pointer, message: "a cycle of $refs".into() })
    }

    /// As [`follow`](Self::follow), for a document already loaded (whose references all
    /// resolve): the value reached, or `value` itself if the chain breaks.
    pub fn resolve(self, value: &'a Value) -> &'a Value {
        self.follow(value, String::new()).map_or(value, |(target, _)| target)
    }

    /// The component `target` (`#/components/<kind>/<name>`) names, if it names one that exists.
    pub fn component(self, target: &str) -> Option<Component<'a>> {
        let (kind, name) = target.strip_prefix("#/components/")?.split_once('/')?;
        let value = self.0.pointer(&format!("/components/{kind}/{name}"))?;
        Some(Component { kind: kind.to_string(), name: unescape(name), value })
    }

    /// The schema component `value` is a `$ref` to, if it is one.
    pub fn schema_ref(self, value: &'a Value) -> Option<Component<'a>> {
        self.component(reference(value)?).filter(|c| c.kind == "schemas")
    }

    /// Every component reached from `roots` (values and their pointers) through `$ref`s,
    /// transitively, as `(kind, name)`. A `$ref` to anything but an existing component is an
    /// error at its pointer.
    pub fn closure(
        self,
        roots: impl IntoIterator<Item = (&'a Value, String)>,
    ) -> Result<BTreeSet<(String, String)>, RefError> {
        let mut refs = Vec::new();
        for (value, at) in roots {
            collect_refs(value, at, &mut refs);
        }
        let mut kept = BTreeSet::new();
        while let Some((at, target)) = refs.pop() {
            let component = self.component(&target).ok_or_else(|| RefError {
                message: if target.starts_with("#/components/") {
                    format!("$ref `{target}` names no component")
                } else {
                    format!("$ref `{target}` is not to a component")
                },
                at,
            })?;
            if kept.insert((component.kind.clone(), component.name.clone())) {
                collect_refs(component.value, component.pointer(), &mut refs);
            }
        }
        Ok(kept)
    }
}

/// The target of `value`'s `$ref`, if it is a reference.
pub fn reference(value: &Value) -> Option<&str> {
    value.get("$ref").and_then(Value::as_str)
}

/// Collects `(pointer of the $ref, target)` for every `$ref` in `value`, found at `at`.
pub fn collect_refs(value: &Value, at: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let here = format!("{at}/{}", escape_token(k));
                match (k.as_str(), v) {
                    ("$ref", Value::String(target)) => out.push((here, target.clone())),
                    _ => collect_refs(v, here, out),
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_refs(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// A JSON pointer token as written (RFC 6901: `~1` is `/`, `~0` is `~`).
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn follow_reaches_the_target_and_names_a_break_or_a_cycle() {
        let doc = json!({
            "a": { "$ref": "#/b" }, "b": { "$ref": "#/c" }, "c": { "type": "string" },
            "gone": { "$ref": "#/nowhere" }, "x": { "$ref": "#/y" }, "y": { "$ref": "#/x" }
        });
        let doc = Document(&doc);
        assert_eq!(doc.follow(&doc.0["a"], "/a".into()).unwrap(), (&json!({ "type": "string" }), "/c".to_string()));
        let broken = doc.follow(&doc.0["gone"], "/gone".into()).unwrap_err();
        assert_eq!((broken.at.as_str(), broken.message.as_str()), ("/gone", "$ref `#/nowhere` does not resolve"));
        assert_eq!(doc.follow(&doc.0["x"], "/x".into()).unwrap_err().message, "a cycle of $refs");
        assert_eq!(doc.resolve(&doc.0["gone"]), &doc.0["gone"], "the lenient form keeps the value");
    }

    #[test]
    fn a_component_is_named_unescaped_and_only_when_it_exists() {
        let doc = json!({ "components": { "schemas": { "a/b": { "type": "string" } }, "parameters": { "P": {} } } });
        let doc = Document(&doc);
        let c = doc.component("#/components/schemas/a~1b").unwrap();
        assert_eq!(
            (c.kind.as_str(), c.name.as_str(), c.pointer()),
            ("schemas", "a/b", "/components/schemas/a~1b".into())
        );
        assert!(doc.component("#/components/schemas/nope").is_none());
        assert!(doc.component("#/paths/x").is_none());
        assert!(doc.schema_ref(&json!({ "$ref": "#/components/parameters/P" })).is_none(), "not a schema");
        assert_eq!(doc.schema_ref(&json!({ "$ref": "#/components/schemas/a~1b" })).unwrap().name, "a/b");
    }

    #[test]
    fn the_closure_follows_components_transitively_and_names_a_bad_ref() {
        let doc = json!({
            "paths": { "/x": { "get": { "parameters": [{ "$ref": "#/components/parameters/P" }] } } },
            "components": {
                "parameters": { "P": { "schema": { "$ref": "#/components/schemas/A" } } },
                "schemas": {
                    "A": { "properties": { "b": { "$ref": "#/components/schemas/B" } } },
                    "B": { "items": { "$ref": "#/components/schemas/A" } },
                    "Unused": {}
                }
            }
        });
        let d = Document(&doc);
        let closure = d.closure([(&doc["paths"], "/paths".to_string())]).unwrap();
        let names: Vec<_> = closure.iter().map(|(k, n)| format!("{k}/{n}")).collect();
        assert_eq!(names, ["parameters/P", "schemas/A", "schemas/B"]);

        let bad = json!({ "x": { "$ref": "#/paths/y" }, "z": { "$ref": "#/components/schemas/Gone" } });
        let d = Document(&bad);
        let e = d.closure([(&bad["x"], "/x".to_string())]).unwrap_err();
        assert_eq!((e.at.as_str(), e.message.as_str()), ("/x/$ref", "$ref `#/paths/y` is not to a component"));
        let e = d.closure([(&bad["z"], "/z".to_string())]).unwrap_err();
        assert_eq!(e.message, "$ref `#/components/schemas/Gone` names no component");
    }
}
