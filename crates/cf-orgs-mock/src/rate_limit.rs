//! Rate limits as Cloudflare's API applies them: a quota of requests per
//! window, counted per credential (1,200 per 5 minutes by default). Every
//! answer says where the client stands, in the headers of
//! draft-ietf-httpapi-ratelimit-headers as Cloudflare sends them:
//! `Ratelimit: "default";r=<left>;t=<seconds to reset>` and
//! `Ratelimit-Policy: "default";q=<quota>;w=<window seconds>`. Past the
//! quota, a 429 with `Retry-After` in Cloudflare's envelope, and the handler
//! does not run.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};

/// A quota of requests per window, per credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    /// Requests each window allows.
    pub requests: u64,
    /// The window's length (whole seconds, as the headers say it).
    pub window: Duration,
}

impl Quota {
    /// Cloudflare's global limit: 1,200 requests per 5 minutes per user.
    pub const CLOUDFLARE: Quota = Quota { requests: 1200, window: Duration::from_secs(300) };

    /// `requests` per `window`.
    pub fn new(requests: u64, window: Duration) -> Self {
        Self { requests, window }
    }
}

impl Default for Quota {
    fn default() -> Self {
        Self::CLOUDFLARE
    }
}

impl fmt::Display for Quota {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}s", self.requests, self.window.as_secs())
    }
}

/// `120/10s`, `1200/5m`, `100/1h`, or `1200/300` (seconds).
impl FromStr for Quota {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("{text:?} is not a rate limit: expected REQUESTS/WINDOW, e.g. 120/10s or 1200/5m");
        let (requests, window) = text.trim().split_once('/').ok_or_else(bad)?;
        let requests: u64 = requests.trim().parse().map_err(|_| bad())?;
        let window = window.trim();
        let (digits, unit) = window.split_at(window.find(|c: char| !c.is_ascii_digit()).unwrap_or(window.len()));
        let count: u64 = digits.parse().map_err(|_| bad())?;
        let seconds = match unit {
            "" | "s" => count,
            "m" => count.checked_mul(60).ok_or_else(bad)?,
            "h" => count.checked_mul(3600).ok_or_else(bad)?,
            _ => return Err(bad()),
        };
        if requests == 0 || seconds == 0 {
            return Err(format!("{text:?}: the quota and the window must be positive"));
        }
        Ok(Quota { requests, window: Duration::from_secs(seconds) })
    }
}

/// Requests counted in one credential's current window.
#[derive(Debug, Clone, Copy)]
struct Count {
    started: DateTime<Utc>,
    used: u64,
}

/// What the limiter holds: the quota in force (`None`: off) and each credential's count.
#[derive(Debug, Default)]
pub(crate) struct Limiter {
    pub quota: Option<Quota>,
    /// 429s sent for the quota.
    pub refused: u64,
    counts: HashMap<String, Count>,
}

impl Limiter {
    pub(crate) fn new(quota: Option<Quota>) -> Self {
        Self { quota, refused: 0, counts: HashMap::new() }
    }

    /// Counts a request of `who` at `now` (the namespace's clock): `Ok(left)` when admitted,
    /// `Err(())` past the quota; with the time to the window's reset either way.
    pub(crate) fn admit(&mut self, quota: Quota, who: String, now: DateTime<Utc>) -> (Result<u64, ()>, Duration) {
        let count = self.counts.entry(who).or_insert(Count { started: now, used: 0 });
        // A clock set back starts a window too: a window never outlasts its length.
        let elapsed = (now - count.started).to_std().ok().filter(|e| *e < quota.window);
        let elapsed = match elapsed {
            Some(e) => e,
            None => {
                *count = Count { started: now, used: 0 };
                Duration::ZERO
            }
        };
        let reset = quota.window.saturating_sub(elapsed);
        if count.used >= quota.requests {
            self.refused += 1;
            return (Err(()), reset);
        }
        count.used += 1;
        (Ok(quota.requests - count.used), reset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_parse_from_the_flags_text() {
        assert_eq!("120/10s".parse(), Ok(Quota::new(120, Duration::from_secs(10))));
        assert_eq!("1200/5m".parse(), Ok(Quota::CLOUDFLARE));
        assert_eq!("1200/300".parse(), Ok(Quota::CLOUDFLARE));
        assert_eq!("5/1h".parse(), Ok(Quota::new(5, Duration::from_secs(3600))));
        for bad in ["", "120", "120/", "/10s", "x/10s", "120/10d", "0/10s", "120/0s", "120/10s5", "-1/10s"] {
            assert!(bad.parse::<Quota>().is_err(), "{bad:?}");
        }
        assert_eq!(Quota::CLOUDFLARE.to_string(), "1200/300s");
    }

    #[test]
    fn each_credential_has_its_own_window() {
        let quota = Quota::new(2, Duration::from_secs(10));
        let mut limiter = Limiter::new(Some(quota));
        let t0 = Utc::now();
        assert_eq!(limiter.admit(quota, "a".into(), t0).0, Ok(1));
        assert_eq!(limiter.admit(quota, "a".into(), t0).0, Ok(0));
        let (refused, reset) = limiter.admit(quota, "a".into(), t0 + Duration::from_secs(4));
        assert_eq!((refused, reset), (Err(()), Duration::from_secs(6)));
        assert_eq!(limiter.admit(quota, "b".into(), t0).0, Ok(1), "another credential");
        assert_eq!(limiter.admit(quota, "a".into(), t0 + Duration::from_secs(10)).0, Ok(1), "a new window");
        assert_eq!(limiter.admit(quota, "a".into(), t0 + Duration::from_secs(10)).0, Ok(0));
        assert_eq!(limiter.admit(quota, "a".into(), t0).0, Ok(1), "a clock set back: a new window");
    }
}
