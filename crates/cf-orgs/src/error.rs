//! One error type for every failure, reqwest-style: match on [`Error::kind`],
//! or ask [`Error::status`], [`Error::ray_id`], [`Error::api_errors`],
//! [`Error::is_retryable`]. No secret ever reaches its `Display` or `Debug`.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Deserializer};

use crate::rate_limit::RateLimit;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, to match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 400 (or 422): the API refused the request as malformed.
    BadRequest,
    /// 401: missing or invalid credentials.
    Unauthorized,
    /// 403: valid credentials without the permission.
    Forbidden,
    /// 404: no such resource (or route).
    NotFound,
    /// 409: the request conflicts with the resource's state (e.g. deleting a non-empty organization).
    Conflict,
    /// 429: too many requests; [`Error::retry_after`] is how long the server asked to wait.
    RateLimited,
    /// A 5xx answer.
    Server,
    /// A 3xx: Cloudflare's API does not redirect, and cf-orgs follows no
    /// redirect, so that credentials reach no other origin. The message names
    /// the status and the target's origin (never its path or query).
    Redirect,
    /// Any other unexpected HTTP status.
    UnexpectedStatus,
    /// A 2xx whose envelope says `success: false`.
    Unsuccessful,
    /// No answer within the client's timeout (per attempt): [`ClientBuilder::timeout`](crate::ClientBuilder::timeout)
    /// or a request's own.
    Timeout,
    /// 408: the server gave up waiting for the request.
    RequestTimeout,
    /// The connection failed (refused, DNS, TLS, reset, dropped mid-answer).
    Connection,
    /// The answer was JSON but not the shape expected (or was cut short).
    Decode,
    /// The answer was not JSON at all: Cloudflare's HTML edge and WAF pages, for example.
    NonJson,
    /// A list answered a page token it had already given, which would loop forever.
    Pagination,
    /// The caller's input was refused before any request was sent.
    InvalidInput,
    /// The client could not be configured (credentials, base URL, TLS).
    Configuration,
}

/// One item of the envelope's `errors[]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[non_exhaustive]
pub struct ApiError {
    /// Cloudflare's error code; they reach 81053 and beyond, so no `u16` here.
    #[serde(deserialize_with = "lenient_code", default)]
    pub code: i64,
    /// What the API said.
    #[serde(default)]
    pub message: String,
    /// A page that explains the error, when the API gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_url: Option<String>,
    /// The JSON pointer into the request body that the error is about (`source.pointer`).
    #[serde(default, rename = "source", deserialize_with = "source_pointer", skip_serializing)]
    pub pointer: Option<String>,
}

/// Codes arrive as numbers, but a string of digits is taken too rather than losing the error.
fn lenient_code<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<i64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Code {
        Int(i64),
        Float(f64),
        Text(String),
    }
    Ok(match Code::deserialize(d)? {
        Code::Int(i) => i,
        Code::Float(f) => f as i64,
        Code::Text(s) => s.trim().parse().unwrap_or_default(),
    })
}

fn source_pointer<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    struct Source {
        pointer: Option<String>,
    }
    Ok(Option::<Source>::deserialize(d)?.and_then(|s| s.pointer))
}

/// Every failure of this crate. Cloning is cheap (the cause is shared).
#[derive(Clone)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone)]
struct Inner {
    kind: ErrorKind,
    status: Option<u16>,
    ray_id: Option<String>,
    api_errors: Vec<ApiError>,
    /// `METHOD /path/template` of the request, when there was one.
    request: Option<String>,
    /// A short, secret-free description for `Display` when there is no API message.
    detail: String,
    /// The invalid field, for `InvalidInput`.
    field: Option<&'static str>,
    /// A short excerpt of the body that failed to decode (or the HTML page).
    body_excerpt: Option<String>,
    /// Whether a connection failure happened before the request reached the server.
    before_sending: bool,
    /// How long the server asked to wait (`Retry-After`), on any status.
    retry_after: Option<Duration>,
    /// What the answer said of the rate limit.
    rate_limit: Option<RateLimit>,
    /// How many times the request was sent.
    attempts: u32,
    /// The page a failed list stream asked for (`None`: its first).
    resume_token: Option<String>,
    source: Option<std::sync::Arc<dyn std::error::Error + Send + Sync + 'static>>,
}

/// The most of an undecodable body kept in an error.
pub(crate) const EXCERPT_CHARS: usize = 200;

impl Error {
    pub(crate) fn new(kind: ErrorKind, detail: impl Into<String>) -> Self {
        Self {
            inner: Box::new(Inner {
                kind,
                status: None,
                ray_id: None,
                api_errors: Vec::new(),
                request: None,
                detail: detail.into(),
                field: None,
                body_excerpt: None,
                before_sending: false,
                retry_after: None,
                rate_limit: None,
                attempts: 0,
                resume_token: None,
                source: None,
            }),
        }
    }

    pub(crate) fn invalid_input(field: &'static str, reason: impl fmt::Display) -> Self {
        let mut e = Self::new(ErrorKind::InvalidInput, format!("invalid {field}: {reason}"));
        e.inner.field = Some(field);
        e
    }

    pub(crate) fn configuration(detail: impl Into<String>) -> Self {
        Self::new(ErrorKind::Configuration, detail)
    }

    pub(crate) fn with_status(mut self, status: u16) -> Self {
        self.inner.status = Some(status);
        self
    }

    pub(crate) fn with_ray_id(mut self, ray_id: Option<String>) -> Self {
        self.inner.ray_id = ray_id;
        self
    }

    pub(crate) fn with_api_errors(mut self, errors: Vec<ApiError>) -> Self {
        self.inner.api_errors = errors;
        self
    }

    pub(crate) fn with_request(mut self, request: String) -> Self {
        self.inner.request = Some(request);
        self
    }

    pub(crate) fn with_body_excerpt(mut self, body: &[u8]) -> Self {
        self.inner.body_excerpt = Some(excerpt(body));
        self
    }

    pub(crate) fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.inner.source = Some(std::sync::Arc::new(source));
        self
    }

    pub(crate) fn before_sending(mut self) -> Self {
        self.inner.before_sending = true;
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// How many times the request was sent before this error: 0 when it was
    /// refused before sending, 1 when it was not retried, more after retries.
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// Where a list stream that ended with this error resumes: the token of
    /// the page that failed, for the list's `resume_from` (every item before
    /// it was yielded). `None` when the first page failed (start again), or
    /// when the error did not end a stream.
    pub fn resume_token(&self) -> Option<&str> {
        self.inner.resume_token.as_deref()
    }

    pub(crate) fn with_resume_token(mut self, token: Option<String>) -> Self {
        self.inner.resume_token = token;
        self
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.inner.attempts = attempts;
        self
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// Cloudflare's `cf-ray` id of the answer, for support tickets.
    pub fn ray_id(&self) -> Option<&str> {
        self.inner.ray_id.as_deref()
    }

    /// Every item of the envelope's `errors[]`, in order.
    pub fn api_errors(&self) -> &[ApiError] {
        &self.inner.api_errors
    }

    /// The field an [`ErrorKind::InvalidInput`] error is about.
    pub fn field(&self) -> Option<&'static str> {
        self.inner.field
    }

    /// The start of a body that could not be decoded (at most 200 characters).
    pub fn body_excerpt(&self) -> Option<&str> {
        self.inner.body_excerpt.as_deref()
    }

    /// How long the server asked to wait before retrying (`Retry-After` on a
    /// 429 or 503), as it said it. The retry loop sleeps at most
    /// [`MAX_RETRY_DELAY`](crate::MAX_RETRY_DELAY); a longer wait is not
    /// retried, and this says how long.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }

    pub(crate) fn with_retry_after(mut self, wait: Option<Duration>) -> Self {
        self.inner.retry_after = wait;
        self
    }

    /// The rate limit the failed answer announced (on a 429 above all).
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        self.inner.rate_limit.as_ref()
    }

    pub(crate) fn with_rate_limit(mut self, rate_limit: Option<RateLimit>) -> Self {
        self.inner.rate_limit = rate_limit;
        self
    }

    /// Whether the failure is transient: 408, 429, 500, 502, 503, 504 (JSON
    /// or an HTML edge page), client timeouts and connection failures. (Whether it is *safe* to retry also depends on
    /// the request: this crate retries a POST only where it cannot have acted.)
    pub fn is_retryable(&self) -> bool {
        match self.inner.kind {
            ErrorKind::RateLimited | ErrorKind::Timeout | ErrorKind::RequestTimeout | ErrorKind::Connection => true,
            ErrorKind::Server | ErrorKind::NonJson => matches!(self.inner.status, Some(500 | 502 | 503 | 504)),
            _ => false,
        }
    }

    /// Whether no answer came within the client's timeout (an HTTP 408 is
    /// [`ErrorKind::RequestTimeout`], not this).
    pub fn is_timeout(&self) -> bool {
        self.inner.kind == ErrorKind::Timeout
    }

    /// Whether the connection failed.
    pub fn is_connect(&self) -> bool {
        self.inner.kind == ErrorKind::Connection
    }

    /// Whether the request provably never reached the server (refused
    /// connection, DNS failure): the one connection failure a POST may retry.
    pub fn is_before_sending(&self) -> bool {
        self.inner.before_sending
    }
}

/// The start of `body` as text, whitespace folded, at most [`EXCERPT_CHARS`] characters.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = folded.chars().take(EXCERPT_CHARS).collect();
    if folded.chars().count() > EXCERPT_CHARS {
        out.push('…');
    }
    out
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        if let Some(status) = i.status {
            write!(f, "HTTP {status}")?;
            if let Some(reason) = http::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()) {
                write!(f, " {reason}")?;
            }
            f.write_str(": ")?;
        }
        match i.api_errors.first() {
            Some(first) => {
                write!(f, "{} (code {})", first.message, first.code)?;
                if i.api_errors.len() > 1 {
                    write!(f, " and {} more", i.api_errors.len() - 1)?;
                }
            }
            None => f.write_str(&i.detail)?,
        }
        if let Some(request) = &i.request {
            write!(f, " [{request}]")?;
        }
        if i.attempts > 1 {
            write!(f, " (after {} attempts)", i.attempts)?;
        }
        if let (Some(wait), ErrorKind::RateLimited | ErrorKind::Server) = (i.retry_after, i.kind) {
            write!(f, " (the server asks to wait {} s)", wait.as_secs_f64().ceil() as u64)?;
        }
        if let Some(ray) = &i.ray_id {
            write!(f, " (cf-ray {ray})")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        let mut d = f.debug_struct("Error");
        d.field("kind", &i.kind).field("status", &i.status).field("ray_id", &i.ray_id);
        if !i.api_errors.is_empty() {
            d.field("api_errors", &i.api_errors);
        }
        if let Some(request) = &i.request {
            d.field("request", request);
        }
        if i.attempts > 1 {
            d.field("attempts", &i.attempts);
        }
        d.field("detail", &i.detail);
        if let Some(body) = &i.body_excerpt {
            d.field("body_excerpt", body);
        }
        if let Some(source) = &i.source {
            d.field("source", &source.to_string());
        }
        d.finish()
    }
}

/// An owned id converts to itself without failing.
impl From<std::convert::Infallible> for Error {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source.as_deref().map(|s| s as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_codes_and_string_codes_survive_decoding() {
        let errors: Vec<ApiError> = serde_json::from_str(
            r#"[{"code":81053,"message":"not empty","source":{"pointer":"/name"}},{"code":"1000","message":"x"},{"message":"no code"}]"#,
        )
        .unwrap();
        assert_eq!(errors[0].code, 81053);
        assert_eq!(errors[0].pointer.as_deref(), Some("/name"));
        assert_eq!(errors[1].code, 1000);
        assert_eq!(errors[2].code, 0);
    }

    #[test]
    fn display_shows_status_and_first_message() {
        let e = Error::new(ErrorKind::Conflict, "conflict")
            .with_status(409)
            .with_ray_id(Some("8e8dd2156ef28414-SJC".into()))
            .with_api_errors(vec![ApiError {
                code: 81053,
                message: "organization is not empty".into(),
                documentation_url: None,
                pointer: None,
            }]);
        assert_eq!(
            e.to_string(),
            "HTTP 409 Conflict: organization is not empty (code 81053) (cf-ray 8e8dd2156ef28414-SJC)"
        );
    }

    #[test]
    fn a_cause_is_shown_by_display_or_by_source_never_both() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset by peer");
        let e = Error::new(ErrorKind::Connection, "the connection failed").with_source(io);
        let source = std::error::Error::source(&e).expect("the cause is the source");
        assert!(!e.to_string().contains(&source.to_string()), "{e}");
        assert!(format!("{e:?}").contains("reset by peer"), "Debug shows it");
    }

    #[test]
    fn excerpts_are_short_and_folded() {
        let html = format!("<html>\n  <body>{}</body></html>", "x".repeat(500));
        let e = excerpt(html.as_bytes());
        assert!(e.starts_with("<html> <body>xxx"));
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
    }
}
