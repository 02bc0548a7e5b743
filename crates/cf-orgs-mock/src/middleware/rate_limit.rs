//! Cloudflare's rate limit per credential: a request past the quota is answered 429 with
//! `Retry-After`; every other answer says what is left (`ratelimit`, `ratelimit-policy`).

use std::sync::Arc;
use std::time::Duration;

use axum::Extension;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::envelope;
use crate::namespace::{Space, lock};
use crate::rate_limit::Quota;

/// Whose limit a request counts against: its credential, as Cloudflare counts
/// per user (never printed; requests without credentials share one count).
fn identity(headers: &HeaderMap) -> String {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(email) = get("x-auth-email") {
        format!("email:{}", email.to_lowercase())
    } else if let Some(auth) = get("authorization") {
        format!("token:{auth}")
    } else if let Some(key) = get("x-auth-user-service-key") {
        format!("service:{key}")
    } else {
        "anonymous".to_string()
    }
}

/// Seconds as the headers say them: whole, rounded up, so that a client
/// waiting that long never comes back early.
fn whole_seconds(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

fn announce(headers: &mut HeaderMap, quota: Quota, left: u64, reset: Duration) {
    let limit = format!("\"default\";r={left};t={}", whole_seconds(reset));
    let policy = format!("\"default\";q={};w={}", quota.requests, quota.window.as_secs());
    for (name, value) in [("ratelimit", limit), ("ratelimit-policy", policy)] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
}

pub(crate) async fn limit(space: Extension<Arc<Space>>, request: Request, next: Next) -> Response {
    let admitted = {
        let now = space.instant();
        let mut limiter = lock(&space.limiter);
        let quota = limiter.quota;
        quota.map(|quota| (quota, limiter.admit(quota, identity(request.headers()), now)))
    };
    let Some((quota, (admitted, reset))) = admitted else { return next.run(request).await };
    match admitted {
        Ok(left) => {
            let mut response = next.run(request).await;
            announce(response.headers_mut(), quota, left, reset);
            response
        }
        Err(()) => {
            let mut response = envelope::error(
                StatusCode::TOO_MANY_REQUESTS,
                971,
                "Please wait and consider throttling your request speed",
            );
            announce(response.headers_mut(), quota, 0, reset);
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(whole_seconds(reset)));
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_round_up() {
        assert_eq!(whole_seconds(Duration::from_millis(1)), 1);
        assert_eq!(whole_seconds(Duration::from_secs(3)), 3);
        assert_eq!(whole_seconds(Duration::ZERO), 0);
    }
}
