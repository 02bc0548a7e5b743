//! The API surface a reviewer reads, one line per operation, from the spec
//! itself (the model the request layer is generated from):
//!
//! ```text
//! GET /organizations/{organization_id}/members Members_list -> 200
//!     path organization_id; query status*: active|pending|rejected|canceled, user.email?: text, ...
//!     responses 200, 4XX organizations-api_V4ErrorResponse; security api_email+api_key
//! ```
//!
//! `?` marks an optional parameter, `*` a repeatable one; required ones are bare.

use crate::model::{Kind, Operation, Param};

/// One line per operation, sorted by path then method.
pub fn summarize(ops: &[Operation]) -> String {
    let mut lines: Vec<String> = ops.iter().map(line).collect();
    lines.sort();
    lines.join("\n") + "\n"
}

fn line(op: &Operation) -> String {
    let mut out = format!("{} {} {} -> {}", op.http_method(), op.path, op.id, op.success_status);
    if op.no_content {
        out.push_str(" (no content)");
    }
    if !op.path_params.is_empty() {
        let params: Vec<String> = op.path_params.iter().map(param).collect();
        out.push_str(&format!("; path {}", params.join(", ")));
    }
    if !op.query.is_empty() {
        let params: Vec<String> = op.query.iter().map(param).collect();
        out.push_str(&format!("; query {}", params.join(", ")));
    }
    if let Some(body) = &op.body {
        let required = if body.required { "" } else { "?" };
        out.push_str(&format!("; body{required} {}", body.component.as_deref().unwrap_or(&body.rust)));
    }
    let responses: Vec<String> = op
        .responses
        .iter()
        .map(|(status, component)| match component {
            Some(c) => format!("{status} {c}"),
            None => status.clone(),
        })
        .collect();
    out.push_str(&format!("; responses {}", responses.join(", ")));
    let security: Vec<String> = op.security.iter().map(|schemes| schemes.join("+")).collect();
    out.push_str(&format!("; security {}", security.join(" | ")));
    out
}

/// `name?: kind` (optional), `name*: kind` (repeatable), `name: kind` (required).
fn param(p: &Param) -> String {
    let mark = if p.repeated {
        "*"
    } else if p.required {
        ""
    } else {
        "?"
    };
    format!("{}{mark}: {}", p.name, kind(&p.kind))
}

/// A parameter's type as a reviewer reads it.
pub fn kind(kind: &Kind) -> String {
    let range = |min: Option<String>, max: Option<String>| match (min, max) {
        (None, None) => String::new(),
        (min, max) => format!(" {}..={}", min.unwrap_or_default(), max.unwrap_or_default()),
    };
    match kind {
        Kind::Text => "text".into(),
        Kind::Date => "date".into(),
        Kind::DateTime => "date-time".into(),
        Kind::Boolean => "boolean".into(),
        Kind::Enum(values) => values.join("|"),
        Kind::Integer { minimum, maximum } => {
            format!("integer{}", range(minimum.map(|v| v.to_string()), maximum.map(|v| v.to_string())))
        }
        Kind::Number { minimum, maximum } => {
            format!("number{}", range(minimum.map(|v| v.to_string()), maximum.map(|v| v.to_string())))
        }
    }
}
