//! What the server saw: every API request goes into its namespace's journal
//! and, with `--log`, out as one JSON line on stderr. Neither holds a
//! credential: the journal and the log name the mode, never the secret.

use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use axum::Extension;
use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::journal::Entry;
use crate::namespace::{Space, lock};
use crate::routes::Ray;
use crate::shared::Shared;
use crate::{BASE_PATH, envelope};

/// The largest request body the API takes (Cloudflare's bodies here are a few KiB).
const MAX_BODY: usize = 2 << 20;

/// The spec's path template an answer came from (a response extension).
#[derive(Clone)]
struct MatchedRoute(String);

/// An answer's JSON body, kept when the namespace records bodies (a response extension).
#[derive(Clone)]
struct AnswerBody(Value);

/// Tags the answer with its route; the outermost route layer, so fault answers are tagged too.
pub(crate) async fn mark_route(matched: Option<MatchedPath>, request: Request, next: Next) -> Response {
    let template = super::faults::template(matched.as_ref()).to_string();
    let mut response = next.run(request).await;
    response.extensions_mut().insert(MatchedRoute(template));
    response
}

/// Keeps the handler's answer body when the namespace records bodies; the innermost route layer,
/// so it never reads a body a fault is about to cut.
pub(crate) async fn keep_body(space: Extension<Arc<Space>>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if !space.record_bodies {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes: Bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let json = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap_or(Value::Null) };
    parts.extensions.insert(AnswerBody(json));
    Response::from_parts(parts, Body::from(bytes))
}

/// A body as the journal shows it: JSON, a string when not JSON, `null` when empty.
fn shown(bytes: &[u8]) -> Value {
    if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()))
    }
}

/// Journals (and logs) every API request, whatever answered it: a handler, a fault, the rate limit.
pub(crate) async fn observe(
    State(shared): State<Arc<Shared>>,
    space: Extension<Arc<Space>>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let time = space.now();
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return envelope::error(StatusCode::PAYLOAD_TOO_LARGE, 1004, format!("request body over {MAX_BODY} bytes"))
            .into_response();
    };
    let method = parts.method.to_string();
    let path = parts.uri.path().strip_prefix(BASE_PATH).unwrap_or(parts.uri.path()).to_string();
    let query = parts.uri.query().unwrap_or("").to_string();
    let credentials = crate::auth::mode(&parts.headers);
    let ray = parts.extensions.get::<Ray>().map(|r| r.0.clone()).unwrap_or_default();
    let request_body = shown(&bytes);
    let mut response = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    let route = response.extensions_mut().remove::<MatchedRoute>().map(|r| r.0).unwrap_or_default();
    let response_body = response.extensions_mut().remove::<AnswerBody>().map(|b| b.0).unwrap_or(Value::Null);
    let status = response.status().as_u16();
    let duration_ms = (started.elapsed().as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0;
    if shared.log {
        let line = json!({
            "time": time, "namespace": space.name, "method": method, "path": path, "route": route,
            "status": status, "credentials": credentials, "duration_ms": duration_ms, "ray": ray,
        });
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }
    let mut journal = lock(&space.journal);
    let seq = journal.next_seq();
    journal.push(Entry {
        seq,
        time,
        method,
        path,
        route,
        query,
        request_body,
        status,
        credentials,
        duration_ms,
        response_body,
    });
    response
}
