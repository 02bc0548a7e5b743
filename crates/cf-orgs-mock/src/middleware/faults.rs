//! Injects the namespace's faults: a request drawn for one is answered by it (latency first).

use std::sync::Arc;

use axum::Extension;
use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::stream;

use crate::envelope;
use crate::faults::{Fault, choose};
use crate::namespace::{Space, lock};

/// The spec's path template a request matched (without `/client/v4`; empty when none did).
pub(crate) fn template(matched: Option<&MatchedPath>) -> &str {
    let template = matched.map(MatchedPath::as_str).unwrap_or("");
    template.strip_prefix(crate::BASE_PATH).unwrap_or(template)
}

/// The route key of a request: its method and the template it matched.
pub fn route_key(method: &str, matched: Option<&MatchedPath>) -> String {
    format!("{method} {}", template(matched))
}

pub(crate) async fn inject(
    space: Extension<Arc<Space>>,
    matched: Option<MatchedPath>,
    request: Request,
    next: Next,
) -> Response {
    let key = route_key(request.method().as_str(), matched.as_ref());
    let (faults, draw) = {
        let faults = lock(&space.faults).for_route(&key).clone();
        let draw = lock(&space.fault_rng).f64();
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
