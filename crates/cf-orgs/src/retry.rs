//! When to retry and how long to wait. The rule that matters most: a request
//! the server may already have acted on is re-sent only if it is idempotent.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderName, RETRY_AFTER};

use crate::error::{Error, ErrorKind};

/// The longest the retry loop sleeps before an attempt. A server asking for
/// longer (a 429 or 503 whose `Retry-After` exceeds it) is not retried: the
/// error comes back at once, and [`Error::retry_after`] says how long the
/// server asked for.
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(60);

/// Exponential backoff with jitter: attempt `n` waits between half and all of
/// `min(max, base * 2^n)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Backoff {
    pub base: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self { base: Duration::from_millis(500), max: Duration::from_secs(8) }
    }
}

impl Backoff {
    /// The wait before retry number `retry` (0 for the first retry); `unit`
    /// in `[0, 1)` is the jitter draw.
    pub(crate) fn delay(&self, retry: u32, unit: f64) -> Duration {
        let ceiling = self.base.saturating_mul(1u32.checked_shl(retry.min(30)).unwrap_or(u32::MAX)).min(self.max);
        let half = ceiling / 2;
        (half + half.mul_f64(unit.clamp(0.0, 1.0))).min(MAX_RETRY_DELAY)
    }
}

/// What was retried, for [`ClientBuilder::on_retry`](crate::ClientBuilder::on_retry) hooks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryEvent {
    /// `METHOD /path/template` of the request.
    pub request: String,
    /// The attempt that failed (1 for the first).
    pub attempt: u32,
    /// How long the client waits before the next attempt.
    pub delay: Duration,
    /// Why the attempt failed.
    pub kind: ErrorKind,
    /// The failed attempt's HTTP status, if it had one.
    pub status: Option<u16>,
}

/// Whether a failed attempt may be sent again.
///
/// Idempotent requests (GET, PUT, DELETE) retry any transient failure. A
/// POST retries only on 429 (the server refused it unprocessed) and on a
/// connection that failed before the request left (refused, DNS): never on
/// 5xx, 409, a timeout or a connection dropped after the body was sent.
pub(crate) fn should_retry(idempotent: bool, err: &Error) -> bool {
    if !err.is_retryable() {
        return false;
    }
    idempotent || matches!(err.kind(), ErrorKind::RateLimited) || err.is_before_sending()
}

/// How long the server asked to wait: `retry-after-ms`, else `Retry-After`
/// in seconds or as an HTTP date, as the server said it (not capped).
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    const RETRY_AFTER_MS: HeaderName = HeaderName::from_static("retry-after-ms");
    let header = |name: &HeaderName| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let wait = if let Some(ms) = header(&RETRY_AFTER_MS).and_then(|v| v.parse::<f64>().ok()) {
        Duration::try_from_secs_f64(ms / 1000.0).ok()?
    } else {
        let value = header(&RETRY_AFTER)?;
        match value.parse::<f64>() {
            Ok(secs) => Duration::try_from_secs_f64(secs).ok()?,
            Err(_) => httpdate::parse_http_date(value).ok()?.duration_since(now).unwrap_or(Duration::ZERO),
        }
    };
    Some(wait)
}

/// Whether the server asked for a longer wait than the retry loop sleeps:
/// such a failure is returned, not retried blind before the server is ready.
pub(crate) fn waits_too_long(err: &Error) -> bool {
    err.retry_after().is_some_and(|wait| wait > MAX_RETRY_DELAY)
}

/// The wait before the next attempt: the server's word if it gave one, else backoff.
pub(crate) fn delay(err: &Error, retry: u32, backoff: &Backoff) -> Duration {
    err.retry_after().unwrap_or_else(|| backoff.delay(retry, fastrand::f64())).min(MAX_RETRY_DELAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(retry_after(&headers(&[("retry-after", "3")]), now), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(&headers(&[("retry-after", "1.5")]), now), Some(Duration::from_millis(1500)));
        assert_eq!(
            retry_after(&headers(&[("retry-after-ms", "250"), ("retry-after", "9")]), now),
            Some(Duration::from_millis(250))
        );
        let date = httpdate::fmt_http_date(now + Duration::from_secs(42));
        assert_eq!(retry_after(&headers(&[("retry-after", &date)]), now), Some(Duration::from_secs(42)));
        let past = httpdate::fmt_http_date(now - Duration::from_secs(42));
        assert_eq!(retry_after(&headers(&[("retry-after", &past)]), now), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers(&[("retry-after", "86400")]), now), Some(Duration::from_secs(86400)));
        assert_eq!(retry_after(&headers(&[("retry-after", "soon")]), now), None);
        assert_eq!(retry_after(&headers(&[("retry-after", "-1")]), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn backoff_grows_with_jitter_and_stays_under_its_cap() {
        let b = Backoff::default();
        assert_eq!(b.delay(0, 0.0), Duration::from_millis(250));
        assert_eq!(b.delay(0, 0.999_999).as_millis(), 499);
        assert_eq!(b.delay(3, 0.0), Duration::from_secs(2));
        assert_eq!(b.delay(40, 1.0), Duration::from_secs(8));
    }

    #[test]
    fn posts_retry_only_where_the_server_cannot_have_acted() {
        let e503 = Error::new(ErrorKind::Server, "x").with_status(503);
        let e429 = Error::new(ErrorKind::RateLimited, "x").with_status(429);
        let e409 = Error::new(ErrorKind::Conflict, "x").with_status(409);
        let refused = Error::new(ErrorKind::Connection, "refused").before_sending();
        let dropped = Error::new(ErrorKind::Connection, "reset after sending");
        let timeout = Error::new(ErrorKind::Timeout, "x");
        assert!(should_retry(true, &e503) && should_retry(true, &dropped) && should_retry(true, &timeout));
        assert!(!should_retry(true, &e409));
        assert!(should_retry(false, &e429) && should_retry(false, &refused));
        assert!(!should_retry(false, &e503) && !should_retry(false, &e409));
        assert!(!should_retry(false, &dropped) && !should_retry(false, &timeout));
    }

    proptest::proptest! {
        /// Whatever the backoff settings, the attempt, the jitter or the
        /// server's headers, no wait exceeds the cap.
        #[test]
        fn retry_delays_never_exceed_the_cap(
            retry in proptest::prelude::any::<u32>(),
            unit in proptest::prelude::any::<f64>(),
            base_ms in 0u64..10_000_000,
            max_ms in 0u64..10_000_000,
            header in "[0-9.eE+-]{0,24}|[A-Za-z0-9:, ]{0,40}",
        ) {
            let backoff = Backoff { base: Duration::from_millis(base_ms), max: Duration::from_millis(max_ms) };
            let d = backoff.delay(retry, unit);
            proptest::prop_assert!(d <= MAX_RETRY_DELAY && d <= backoff.max);
            let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
            for name in ["retry-after", "retry-after-ms"] {
                if let Ok(value) = header.parse() {
                    let mut h = HeaderMap::new();
                    h.insert(name, value);
                    let wait = retry_after(&h, now);
                    let err = Error::new(ErrorKind::RateLimited, "x").with_retry_after(wait);
                    proptest::prop_assert!(delay(&err, retry, &backoff) <= MAX_RETRY_DELAY);
                }
            }
        }
    }
}
