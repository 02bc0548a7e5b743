//! Fault injection, deterministic from the server's seed: 429 with
//! `Retry-After`, 503, Cloudflare's HTML 502 page, added latency, a dropped
//! connection, a truncated body. Configured globally or per route.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::stream;

use crate::Shared;
use crate::envelope;

/// How often each fault happens, as a fraction of requests (0.0 to 1.0).
/// One draw per request decides: the faults share that draw in the order
/// listed, so their rates add up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    /// Answer 429 with `Retry-After` (the handler does not run).
    pub rate_limit: f64,
    /// How long a 429 asks clients to wait.
    pub retry_after: Duration,
    /// Answer 503 in the envelope (the handler does not run).
    pub server_error: f64,
    /// Answer Cloudflare's HTML 502 page (the handler does not run).
    pub html_error: f64,
    /// Send the status line and headers, then close the connection.
    pub drop_connection: f64,
    /// Run the handler, then send half its body and close the connection.
    pub truncate_body: f64,
    /// Delay every answer by this much.
    pub latency: Duration,
}

impl Faults {
    /// No faults.
    pub fn none() -> Self {
        Self::default()
    }

    /// `rate` of requests answered 429, `rate` answered 503 (with a short `Retry-After`).
    pub fn flaky(rate: f64) -> Self {
        Self { rate_limit: rate, server_error: rate, retry_after: Duration::from_millis(10), ..Self::default() }
    }
}

/// The faults in force: global, and per route (`"POST /organizations"`, path templates with `{…}`).
#[derive(Debug, Clone, Default)]
pub struct FaultPlan {
    /// Faults of every route not listed in `routes`.
    pub global: Faults,
    /// Faults by route, e.g. `"POST /organizations"` or `"GET /organizations/{organization_id}/members"`.
    pub routes: HashMap<String, Faults>,
}

impl FaultPlan {
    /// The same faults on every route.
    pub fn global(faults: Faults) -> Self {
        Self { global: faults, routes: HashMap::new() }
    }

    /// Adds faults for one route.
    pub fn route(mut self, route: impl Into<String>, faults: Faults) -> Self {
        self.routes.insert(route.into(), faults);
        self
    }
}

impl FaultPlan {
    fn for_route(&self, route: &str) -> &Faults {
        self.routes.get(route).unwrap_or(&self.global)
    }
}

enum Fault {
    RateLimit,
    ServerError,
    Html,
    Drop,
    Truncate,
}

fn choose(faults: &Faults, draw: f64) -> Option<Fault> {
    let mut edge = 0.0;
    for (rate, fault) in [
        (faults.rate_limit, Fault::RateLimit),
        (faults.server_error, Fault::ServerError),
        (faults.html_error, Fault::Html),
        (faults.drop_connection, Fault::Drop),
        (faults.truncate_body, Fault::Truncate),
    ] {
        edge += rate;
        if draw < edge {
            return Some(fault);
        }
    }
    None
}

/// The route key of a request: method and path template, without the `/client/v4` prefix.
pub fn route_key(method: &str, template: &str) -> String {
    format!("{method} {}", template.strip_prefix(crate::BASE_PATH).unwrap_or(template))
}

pub(crate) async fn inject(
    State(shared): State<Arc<Shared>>,
    matched: Option<MatchedPath>,
    request: Request,
    next: Next,
) -> Response {
    let template = matched.as_ref().map(MatchedPath::as_str).unwrap_or("");
    let key = route_key(request.method().as_str(), template);
    let (faults, draw) = {
        let plan = shared.faults.lock().unwrap_or_else(|p| p.into_inner());
        let faults = plan.for_route(&key).clone();
        let draw = shared.fault_rng.lock().unwrap_or_else(|p| p.into_inner()).f64();
        (faults, draw)
    };
    if !faults.latency.is_zero() {
        tokio::time::sleep(faults.latency).await;
    }
    match choose(&faults, draw) {
        None => next.run(request).await,
        Some(Fault::RateLimit) => {
            let mut r = envelope::error(
                StatusCode::TOO_MANY_REQUESTS,
                10429,
                "Rate limited. Please wait and consider throttling your request speed",
            );
            let secs = faults.retry_after.as_secs_f64().ceil() as u64;
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
            r.headers_mut().insert("retry-after-ms", HeaderValue::from(faults.retry_after.as_millis() as u64));
            r
        }
        Some(Fault::ServerError) => {
            envelope::error(StatusCode::SERVICE_UNAVAILABLE, 10503, "Service temporarily unavailable")
        }
        Some(Fault::Html) => {
            let page = "<!DOCTYPE html>\n<html><head><title>api.cloudflare.com | 502: Bad gateway</title></head>\n\
                <body><h1>Bad gateway</h1><p>Error code 502</p><p>Cloudflare Ray ID: mock</p></body></html>\n";
            (StatusCode::BAD_GATEWAY, [(header::CONTENT_TYPE, "text/html; charset=UTF-8")], page).into_response()
        }
        Some(Fault::Drop) => {
            let body = Body::from_stream(stream::iter([Err::<Bytes, std::io::Error>(std::io::Error::other(
                "connection dropped",
            ))]));
            (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], body).into_response()
        }
        Some(Fault::Truncate) => {
            let response = next.run(request).await;
            let (mut parts, body) = response.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
            let half = bytes.slice(..bytes.len() / 2);
            parts.headers.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            let chunks = [Ok(half), Err(std::io::Error::other("connection cut mid-body"))];
            Response::from_parts(parts, Body::from_stream(stream::iter(chunks)))
        }
    }
}
