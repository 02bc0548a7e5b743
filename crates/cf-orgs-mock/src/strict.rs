//! Strict mode: every answer a handler gives is checked, before it leaves,
//! against the spec's response schema for its operation and status
//! (`cf_orgs_gen::RESPONSE_SCHEMAS`, generated from the normalized spec, where
//! the passes already allow the documented `"result": null` of errors). A
//! mismatch is counted and logged (one JSON line on stderr); in `Fail` mode
//! the answer becomes a 500 that names it, so no test passes on an answer the
//! real API could not give.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use crate::namespace::lock;

/// What the server does with an answer that does not match the spec.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Strict {
    /// No checking.
    Off,
    /// Counts and logs it (stderr), and sends it.
    Log,
    /// Counts and logs it, and answers a 500 naming it instead.
    #[default]
    Fail,
}

/// The checker: the schemas, a validator per route and status (made on first use), and what failed.
pub(crate) struct Checker {
    pub mode: Strict,
    doc: Value,
    validators: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
    pub violations: Mutex<Vec<String>>,
}

impl Checker {
    pub fn new(mode: Strict) -> Self {
        let doc = serde_json::from_str(cf_orgs_gen::RESPONSE_SCHEMAS).unwrap_or(Value::Null);
        Self { mode, doc, validators: Mutex::default(), violations: Mutex::default() }
    }

    /// Whether an answer of `route` (`METHOD TEMPLATE`) with `status` and `body` is one the
    /// spec allows; what is wrong when not.
    pub fn check(&self, route: &str, status: u16, body: &[u8]) -> Result<(), String> {
        let statuses = self
            .doc
            .pointer(&format!("/operations/{}", escape(route)))
            .and_then(Value::as_object)
            .ok_or_else(|| format!("{route} is not an operation of the spec"))?;
        let exact = status.to_string();
        let range = format!("{}XX", status / 100);
        let key = [exact.as_str(), range.as_str(), "default"]
            .into_iter()
            .find(|k| statuses.contains_key(*k))
            .ok_or_else(|| format!("{route} answered {status}, which the spec does not list"))?;
        if statuses[key].is_null() {
            return if body.is_empty() {
                Ok(())
            } else {
                Err(format!("{route} {status} has no body in the spec, but one was sent"))
            };
        }
        let answer: Value =
            serde_json::from_slice(body).map_err(|e| format!("{route} {status}: the body is not JSON: {e}"))?;
        let validator = self.validator(route, key)?;
        let errors: Vec<String> = validator
            .iter_errors(&answer)
            .take(5)
            .map(|e| {
                format!("{e} at {}", if e.instance_path.as_str().is_empty() { "/" } else { e.instance_path.as_str() })
            })
            .collect();
        if errors.is_empty() { Ok(()) } else { Err(format!("{route} {status}: {}", errors.join("; "))) }
    }

    fn validator(&self, route: &str, key: &str) -> Result<Arc<jsonschema::Validator>, String> {
        let id = format!("{route} {key}");
        if let Some(v) = lock(&self.validators).get(&id) {
            return Ok(v.clone());
        }
        let mut root = self.doc.clone();
        // A JSON pointer in a URI fragment: what a fragment cannot hold, percent-encoded.
        let pointer = format!("/operations/{}/{key}", escape(route));
        let fragment = pointer.replace('%', "%25").replace(' ', "%20").replace('{', "%7B").replace('}', "%7D");
        root["$ref"] = json!(format!("#{fragment}"));
        let validator = jsonschema::draft7::options()
            .should_validate_formats(true)
            .build(&root)
            .map_err(|e| format!("the schema of {id} does not compile: {e}"))?;
        let validator = Arc::new(validator);
        lock(&self.validators).insert(id, validator.clone());
        Ok(validator)
    }
}

/// A JSON pointer token.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_outside_the_spec_are_caught() {
        let checker = Checker::new(Strict::Fail);
        let profile = json!({ "success": true, "errors": [], "messages": [], "result": {
            "business_name": "a", "business_email": "b", "business_phone": "c", "business_address": "d",
            "external_metadata": "e" } });
        let route = &crate::faults::op_route(cf_orgs_gen::operations::Operation::OrganizationsGetProfile);
        checker.check(route, 200, profile.to_string().as_bytes()).unwrap();
        let mut drifted = profile.clone();
        drifted["result"].as_object_mut().unwrap().remove("business_email");
        let err = checker.check(route, 200, drifted.to_string().as_bytes()).unwrap_err();
        assert!(err.contains("business_email"), "{err}");
        assert!(checker.check(route, 302, b"").unwrap_err().contains("does not list"));
        assert!(checker.check(route, 200, b"<html>").unwrap_err().contains("not JSON"));
        assert!(checker.check("GET /nowhere", 200, b"{}").unwrap_err().contains("not an operation"));
        let error = json!({ "success": false, "errors": [{ "code": 1003, "message": "not found" }], "messages": [], "result": null });
        checker.check(route, 404, error.to_string().as_bytes()).expect("an error envelope, result null");
    }
}
