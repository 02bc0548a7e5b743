//! Strict mode: each handler's answer checked against the spec's response schema for its
//! operation and status before it leaves.

use std::io::Write;
use std::sync::Arc;

use axum::Extension;
use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::envelope;
use crate::namespace::lock;
use crate::strict::{Checker, Strict};

/// Checks each handler's answer; the innermost route layer, so faults (which are meant to break
/// the rules) are not checked.
pub(crate) async fn check(
    checker: Extension<Arc<Checker>>,
    matched: Option<MatchedPath>,
    request: Request,
    next: Next,
) -> Response {
    if checker.mode == Strict::Off {
        return next.run(request).await;
    }
    let route = super::faults::route_key(request.method().as_str(), matched.as_ref());
    let response = next.run(request).await;
    let (parts, body) = response.into_parts();
    let bytes: Bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let Err(violation) = checker.check(&route, parts.status.as_u16(), &bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let line = json!({ "strict": "the answer does not match the spec", "violation": violation });
    let _ = writeln!(std::io::stderr().lock(), "{line}");
    lock(&checker.violations).push(violation.clone());
    match checker.mode {
        Strict::Fail => {
            envelope::error(StatusCode::INTERNAL_SERVER_ERROR, 10500, format!("cf-orgs-mock strict mode: {violation}"))
                .into_response()
        }
        _ => Response::from_parts(parts, Body::from(bytes)),
    }
}
