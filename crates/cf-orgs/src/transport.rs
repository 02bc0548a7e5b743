//! Sending one API call: auth headers, per-attempt timeout, retries by the
//! rules in `retry`, a tracing span per attempt, and the envelope decoded.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use cf_orgs_gen::runtime::Method;
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap, HeaderValue};
use tracing::Instrument;

use crate::envelope;
use crate::error::{Error, ErrorKind, Result};
use crate::pacer::{Pacer, Permit};
use crate::rate_limit::RateLimit;
use crate::retry::{self, Backoff, RetryEvent};

/// Called before each retry.
pub(crate) type RetryHook = Arc<dyn Fn(&RetryEvent) + Send + Sync>;

/// Everything a client holds, shared by its clones.
pub(crate) struct Transport {
    pub http: reqwest::Client,
    pub base_url: String,
    /// The credentials' headers, which `http` sends as its default headers (kept for previews).
    #[cfg(feature = "generated")]
    pub auth: HeaderMap,
    pub max_retries: u32,
    pub backoff: Backoff,
    pub on_retry: Option<RetryHook>,
    /// Holds requests while the announced rate limit is spent (shared by clones).
    pub pacer: Pacer,
    /// Keeps a timer pending while requests are in flight (`heartbeat` says why).
    pub heartbeat: Arc<crate::heartbeat::Heartbeat>,
}

/// One API call, described before it is sent (and re-sent on retries).
#[derive(Debug, Clone)]
pub(crate) struct Call {
    /// The spec's method (whether it is idempotent decides what may be retried).
    pub method: Method,
    /// The spec's path template, for logs and errors (never holds values; a raw request's own
    /// path, which its caller chose).
    pub template: Cow<'static, str>,
    /// The concrete path, each parameter encoded as one segment.
    pub path: String,
    /// Under the spec's names (borrowed from the request layer), or a raw request's.
    pub query: Vec<(Cow<'static, str>, String)>,
    pub body: Option<Bytes>,
    /// Overrides the client's retry count for this call.
    pub max_retries: Option<u32>,
    /// Overrides the client's timeout for each attempt of this call.
    pub timeout: Option<Duration>,
}

/// `GET /organizations/{organization_id}`: how errors, retries and waits name the call.
impl std::fmt::Display for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.template)
    }
}

impl Call {
    fn label(&self) -> String {
        self.to_string()
    }

    /// Whether the call may be repeated after the server may have acted on it
    /// (RFC 9110's idempotent methods, as the generated runtime says).
    fn idempotent(&self) -> bool {
        self.method.is_idempotent()
    }
}

/// A raw answer with a 2xx status.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Transport {
    /// Sends `call` and decodes a 2xx answer with `decode` (one of
    /// `envelope::decode_{success,list,empty}`). The exchange is one future
    /// for every operation; only the decoding that follows is per answer type,
    /// so a crate of many operations compiles the retry loop once.
    pub(crate) fn execute<R: 'static>(
        self: Arc<Self>,
        call: Result<Call>,
        decode: envelope::Decoder<R>,
    ) -> impl std::future::Future<Output = Result<R>> + Send + 'static {
        use futures_util::FutureExt;
        self.exchange(call).map(move |answer| {
            let (answer, attempts, call) = answer?;
            decode(answer.status.as_u16(), answer.headers, &answer.body)
                .map_err(|e| e.with_request(call.label()).with_attempts(attempts))
        })
    }

    /// The exchange of `call`, boxed: the same type whatever the operation.
    fn exchange(self: Arc<Self>, call: Result<Call>) -> crate::request::BoxFuture<(Answer, u32, Call)> {
        Box::pin(async move {
            let call = call?;
            self.heartbeat.keep();
            let (answer, attempts) = self.send(&call).await?;
            Ok((answer, attempts, call))
        })
    }

    /// The 2xx answer and how many attempts it took, or the last attempt's error.
    async fn send(&self, call: &Call) -> Result<(Answer, u32)> {
        let max_retries = call.max_retries.unwrap_or(self.max_retries);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let span = tracing::debug_span!(
                "cf_orgs.request",
                method = %call.method,
                path = &*call.template,
                attempt,
                status = tracing::field::Empty,
                cf_ray = tracing::field::Empty,
            );
            let permit = self.pacer.acquire(call).instrument(span.clone()).await;
            let outcome = self.attempt(call, permit).instrument(span.clone()).await;
            let err = match outcome {
                Ok(answer) => return Ok((answer, attempt)),
                Err(err) => err.with_request(call.label()).with_attempts(attempt),
            };
            if attempt > max_retries || !retry::should_retry(call.idempotent(), &err) || retry::waits_too_long(&err) {
                span.in_scope(|| tracing::debug!(error = %err, "request failed"));
                return Err(err);
            }
            let delay = retry::delay(&err, attempt - 1, &self.backoff);
            span.in_scope(|| tracing::debug!(error = %err, delay_ms = delay.as_millis() as u64, "retrying"));
            if let Some(hook) = &self.on_retry {
                hook(&RetryEvent { request: call.label(), attempt, delay, kind: err.kind(), status: err.status() });
            }
            tokio::time::sleep(delay).await;
        }
    }

    async fn attempt(&self, call: &Call, permit: Permit<'_>) -> Result<Answer> {
        let mut url = reqwest::Url::parse(&format!("{}{}", self.base_url, call.path)).map_err(|e| {
            Error::new(ErrorKind::InvalidInput, "the request URL could not be built").with_source(e).before_sending()
        })?;
        if !call.query.is_empty() {
            // What reqwest's `query` feature would do, without its serde_urlencoded.
            url.query_pairs_mut().extend_pairs(&call.query);
        }
        let mut request = self
            .http
            .request(http_method(call.method), url)
            .header(header::ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(timeout) = call.timeout {
            request = request.timeout(timeout);
        }
        if let Some(body) = &call.body {
            request =
                request.header(header::CONTENT_TYPE, HeaderValue::from_static("application/json")).body(body.clone());
        }
        let mut response = request.send().await.map_err(from_reqwest)?;
        let received = tokio::time::Instant::now();
        let status = response.status();
        // Only a redirect's error names where it pointed.
        let response_url = status.is_redirection().then(|| response.url().clone());
        // Taken, not cloned: the body is read from the response without them.
        let headers = std::mem::take(response.headers_mut());
        let now = SystemTime::now();
        let rate_limit = RateLimit::parse(&headers, now);
        // Only a failure carries a wait to honour.
        let wait = if status.is_success() { None } else { retry::retry_after(&headers, now) };
        let refused_for = match status {
            StatusCode::TOO_MANY_REQUESTS => wait.or(rate_limit.as_ref().map(|r| r.reset)),
            _ => None,
        };
        permit.answered(rate_limit.as_ref(), refused_for, received);
        let span = tracing::Span::current();
        span.record("status", status.as_u16());
        if let Some(ray) = envelope::ray_id(&headers) {
            span.record("cf_ray", ray);
        }
        let body = response.bytes().await.map_err(from_reqwest)?;
        tracing::debug!(bytes = body.len(), "answered");
        if status.is_success() {
            return Ok(Answer { status, headers, body });
        }
        if status.is_redirection() {
            return Err(redirect(status, &headers, response_url));
        }
        Err(envelope::decode_failure(status.as_u16(), &headers, &body)
            .with_retry_after(wait)
            .with_rate_limit(rate_limit))
    }
}

/// The error for a 3xx answer, which is never followed: its status, and where it
/// pointed as an origin only (a `Location`'s path and query may carry anything).
fn redirect(status: StatusCode, headers: &HeaderMap, from: Option<reqwest::Url>) -> Error {
    let target = headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|location| from?.join(location).ok())
        .map(|url| url.origin().ascii_serialization())
        .filter(|origin| origin != "null");
    let detail = match target {
        Some(origin) => format!("the API redirected to {origin}; cf-orgs follows no redirect"),
        None => "the API redirected without a usable Location; cf-orgs follows no redirect".to_string(),
    };
    Error::new(ErrorKind::Redirect, detail)
        .with_status(status.as_u16())
        .with_ray_id(envelope::ray_id(headers).map(str::to_string))
}

/// Classifies a transport failure. Its text and causes stay reachable through
/// [`std::error::Error::source`]; `Display` says only what kind of failure it
/// was, so that a cause is never printed twice.
fn from_reqwest(e: reqwest::Error) -> Error {
    let (kind, detail) = if e.is_timeout() {
        (ErrorKind::Timeout, "no answer within the timeout")
    } else if e.is_builder() {
        (ErrorKind::InvalidInput, "the request could not be built")
    } else if e.is_connect() {
        (ErrorKind::Connection, "the connection could not be made")
    } else {
        // Including reqwest's "decode" errors: we read raw bytes, so those are
        // bodies cut short by the connection, not JSON problems.
        (ErrorKind::Connection, "the connection failed")
    };
    let connect = e.is_connect();
    let err = Error::new(kind, detail).with_source(e);
    if connect { err.before_sending() } else { err }
}

fn http_method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Put => reqwest::Method::PUT,
        Method::Post => reqwest::Method::POST,
        Method::Delete => reqwest::Method::DELETE,
        Method::Options => reqwest::Method::OPTIONS,
        Method::Head => reqwest::Method::HEAD,
        Method::Patch => reqwest::Method::PATCH,
        Method::Trace => reqwest::Method::TRACE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(method: Method) -> Call {
        Call {
            method,
            template: "/x".into(),
            path: "/x".into(),
            query: Vec::new(),
            body: None,
            max_retries: None,
            timeout: None,
        }
    }

    #[test]
    fn only_idempotent_methods_are_repeated_after_the_server_may_have_acted() {
        use Method::*;
        for method in [Get, Head, Put, Delete, Options, Trace] {
            assert!(call(method).idempotent(), "{method}");
            assert_eq!(http_method(method).as_str(), method.as_str());
        }
        for method in [Post, Patch] {
            assert!(!call(method).idempotent(), "{method}");
            assert_eq!(http_method(method).as_str(), method.as_str());
        }
    }
}
