//! Normalization passes: each rewrites one construct of the spec that
//! progenitor cannot take as it is into an equivalent it can, keeping the
//! wire format unchanged. One pass per problem, each with its reason.

use serde_json::Value;

mod integral_query_numbers;
mod no_string_limits;
mod nullable_error_result;
mod one_error_schema;
mod open_body_enums;
mod query_union_to_string;
mod read_only_out_of_requests;

/// A named rewrite of the spec.
pub struct Pass {
    /// Stable name, listed in the generated header.
    pub name: &'static str,
    /// One line: why progenitor needs it.
    pub reason: &'static str,
    /// Rewrites the document in place; returns the JSON pointers it changed.
    pub run: fn(&mut Value) -> Vec<String>,
}

/// What one pass did to a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub name: &'static str,
    pub changed: Vec<String>,
}

/// Every pass, in the order they run.
pub const PASSES: &[Pass] = &[
    query_union_to_string::PASS,
    one_error_schema::PASS,
    read_only_out_of_requests::PASS,
    no_string_limits::PASS,
    nullable_error_result::PASS,
    integral_query_numbers::PASS,
    open_body_enums::PASS,
];

/// Runs every pass over `doc`, in order.
pub fn apply_all(doc: &mut Value) -> Vec<Applied> {
    PASSES.iter().map(|pass| Applied { name: pass.name, changed: (pass.run)(doc) }).collect()
}

/// Looks a pass up by name (tests and fixtures use this).
pub fn by_name(name: &str) -> Option<&'static Pass> {
    PASSES.iter().find(|p| p.name == name)
}

/// Calls `f` with the pointer and value of every operation in `doc`.
fn for_each_operation(doc: &mut Value, mut f: impl FnMut(&str, &mut Value)) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        for method in crate::load::METHODS {
            if let Some(op) = item.get_mut(method) {
                let pointer = format!("/paths/{}/{method}", crate::error::escape_token(path));
                f(&pointer, op);
            }
        }
    }
}
