//! [`RateLimit`]: what an answer says of the client's rate limit, read from
//! either header family Cloudflare sends. A header that does not parse is
//! ignored, never an error: the answer it came with is still the answer.
//!
//! - `Ratelimit: "default";r=50;t=30` and `Ratelimit-Policy: "default";q=1200;w=300`
//!   (draft-ietf-httpapi-ratelimit-headers, structured fields, RFC 9651);
//! - `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (an
//!   HTTP date, or seconds), the family Cloudflare's older documentation names.

use std::convert::Infallible;
use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use sfv::visitor::{EntryVisitor, Ignored, InnerListVisitor, ItemVisitor, ListVisitor, ParameterVisitor};
use sfv::{BareItemFromInput, KeyRef};

/// The client's rate limit as one answer announced it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// The policy's name (`"default"`), when the header names one.
    pub policy: Option<String>,
    /// Requests left in the current window.
    pub remaining: u64,
    /// Time from the answer until the window resets.
    pub reset: Duration,
    /// Requests a window allows, when announced.
    pub quota: Option<u64>,
    /// The window's length, when announced.
    pub window: Option<Duration>,
}

impl RateLimit {
    /// Reads the rate limit an answer's headers announce: the `Ratelimit`
    /// family if it parses, else the `X-RateLimit-*` family; `None` when
    /// neither is there or well-formed. Of several policies, the one with the
    /// fewest requests left is the one that binds.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        Self::parse(headers, SystemTime::now())
    }

    pub(crate) fn parse(headers: &HeaderMap, now: SystemTime) -> Option<Self> {
        structured(headers).or_else(|| legacy(headers, now))
    }
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim)
}

/// `Ratelimit` (remaining `r`, reset `t`) with its `Ratelimit-Policy` (quota `q`, window `w`).
fn structured(headers: &HeaderMap) -> Option<RateLimit> {
    let limits = list(header(headers, "ratelimit")?)?;
    let policies = header(headers, "ratelimit-policy").and_then(list).unwrap_or_default();
    let binding = limits
        .iter()
        .filter_map(|e| Some((e, non_negative(e.param("r")?)?, non_negative(e.param("t")?)?)))
        .min_by_key(|(_, remaining, _)| *remaining)?;
    let (entry, remaining, reset) = binding;
    let policy = policies.iter().find(|p| p.name == entry.name).or(match policies.as_slice() {
        [only] => Some(only),
        _ => None,
    });
    Some(RateLimit {
        policy: entry.name.clone(),
        remaining,
        reset: Duration::from_secs(reset),
        quota: policy.and_then(|p| non_negative(p.param("q")?)),
        window: policy.and_then(|p| non_negative(p.param("w")?)).map(Duration::from_secs),
    })
}

/// `X-RateLimit-Remaining` and `X-RateLimit-Reset` (both needed), `X-RateLimit-Limit` if sent.
fn legacy(headers: &HeaderMap, now: SystemTime) -> Option<RateLimit> {
    let remaining = header(headers, "x-ratelimit-remaining")?.parse().ok()?;
    let reset = header(headers, "x-ratelimit-reset")?;
    let reset = match reset.parse::<u64>() {
        // A number this large is a Unix time, not a count of seconds.
        Ok(epoch) if epoch >= 1_000_000_000 => {
            (SystemTime::UNIX_EPOCH + Duration::from_secs(epoch)).duration_since(now).unwrap_or(Duration::ZERO)
        }
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => httpdate::parse_http_date(reset).ok()?.duration_since(now).unwrap_or(Duration::ZERO),
    };
    let quota = header(headers, "x-ratelimit-limit").and_then(|v| v.parse().ok());
    Some(RateLimit { policy: None, remaining, reset, quota, window: None })
}

fn non_negative(value: i64) -> Option<u64> {
    u64::try_from(value).ok()
}

/// One member of a structured-field list: its name (a string or token) and integer parameters.
#[derive(Debug, Default)]
struct Entry {
    name: Option<String>,
    params: Vec<(String, i64)>,
}

impl Entry {
    fn param(&self, key: &str) -> Option<i64> {
        // RFC 9651: of a repeated key, the last one counts.
        self.params.iter().rev().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
}

/// Parses a structured-field list strictly (RFC 9651): malformed is `None`.
fn list(text: &str) -> Option<Vec<Entry>> {
    let mut entries = Entries(Vec::new());
    sfv::Parser::new(text).parse_list_with_visitor(&mut entries).ok()?;
    Some(entries.0)
}

struct Entries(Vec<Entry>);

/// The entry being parsed.
struct Slot<'a>(&'a mut Entry);

impl<'de> ListVisitor<'de> for &mut Entries {
    type Out = ();
    type Error = Infallible;
    fn entry(&mut self) -> Result<impl EntryVisitor<'de>, Infallible> {
        let index = self.0.len();
        self.0.push(Entry::default());
        Ok(Slot(&mut self.0[index]))
    }
    fn finish(self) -> Result<(), Infallible> {
        Ok(())
    }
}

impl<'de> EntryVisitor<'de> for Slot<'_> {
    type Error = Infallible;
    fn item(self) -> Result<impl ItemVisitor<'de>, Infallible> {
        Ok(self)
    }
    fn inner_list(self) -> Result<impl InnerListVisitor<'de>, Infallible> {
        Ok(Ignored)
    }
}

impl<'de> ItemVisitor<'de> for Slot<'_> {
    type Out = ();
    type Error = Infallible;
    fn bare_item(self, item: BareItemFromInput<'de>) -> Result<impl ParameterVisitor<'de, Out = ()>, Infallible> {
        self.0.name = match &item {
            sfv::GenericBareItem::String(s) => Some(s.as_str().to_string()),
            sfv::GenericBareItem::Token(t) => Some(t.as_str().to_string()),
            _ => None,
        };
        Ok(self)
    }
}

impl<'de> ParameterVisitor<'de> for Slot<'_> {
    type Out = ();
    type Error = Infallible;
    fn parameter(&mut self, key: &'de KeyRef, value: BareItemFromInput<'de>) -> Result<(), Infallible> {
        if let sfv::GenericBareItem::Integer(n) = value {
            self.0.params.push((key.as_str().to_string(), i64::from(n)));
        }
        Ok(())
    }
    fn finish(self) -> Result<(), Infallible> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    const NOW: SystemTime = SystemTime::UNIX_EPOCH;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn cloudflares_structured_headers() {
        let h = headers(&[("ratelimit", "\"default\";r=50;t=30"), ("ratelimit-policy", "\"default\";q=1200;w=300")]);
        let rl = RateLimit::parse(&h, NOW).unwrap();
        assert_eq!(rl.policy.as_deref(), Some("default"));
        assert_eq!((rl.remaining, rl.reset), (50, Duration::from_secs(30)));
        assert_eq!((rl.quota, rl.window), (Some(1200), Some(Duration::from_secs(300))));
    }

    #[test]
    fn of_several_policies_the_tightest_binds_with_its_own_quota() {
        let h = headers(&[
            ("ratelimit", "\"burst\";r=90;t=1, \"day\";r=3;t=4000"),
            ("ratelimit-policy", "\"burst\";q=100;w=1, \"day\";q=5000;w=86400"),
        ]);
        let rl = RateLimit::parse(&h, NOW).unwrap();
        assert_eq!((rl.policy.as_deref(), rl.remaining, rl.quota), (Some("day"), 3, Some(5000)));
        let tokens = headers(&[("ratelimit", "default;r=0;t=7")]);
        let rl = RateLimit::parse(&tokens, NOW).unwrap();
        assert_eq!((rl.remaining, rl.reset, rl.quota), (0, Duration::from_secs(7), None));
    }

    #[test]
    fn the_older_x_ratelimit_family() {
        let date = httpdate::fmt_http_date(at(1_800_000_042));
        let h = headers(&[("x-ratelimit-limit", "1200"), ("x-ratelimit-remaining", "7"), ("x-ratelimit-reset", &date)]);
        let rl = RateLimit::parse(&h, at(1_800_000_000)).unwrap();
        assert_eq!((rl.remaining, rl.reset, rl.quota, rl.window), (7, Duration::from_secs(42), Some(1200), None));
        let epoch = headers(&[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1800000010")]);
        assert_eq!(RateLimit::parse(&epoch, at(1_800_000_000)).unwrap().reset, Duration::from_secs(10));
        let secs = headers(&[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "3")]);
        assert_eq!(RateLimit::parse(&secs, NOW).unwrap().reset, Duration::from_secs(3));
        let past = headers(&[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", &date)]);
        assert_eq!(RateLimit::parse(&past, at(1_900_000_000)).unwrap().reset, Duration::ZERO);
    }

    #[test]
    fn malformed_or_absent_headers_are_ignored() {
        for bad in [
            &[("ratelimit", "\"default\";r=50;t=")][..],
            &[("ratelimit", "\"default\";r=-1;t=30")],
            &[("ratelimit", "\"default\";t=30")],
            &[("ratelimit", "\"default\";r=5.5;t=30")],
            &[("ratelimit", "((")],
            &[("ratelimit", "\"unterminated;r=1;t=1")],
            &[("x-ratelimit-remaining", "many"), ("x-ratelimit-reset", "3")],
            &[("x-ratelimit-remaining", "5")],
            &[("x-ratelimit-remaining", "5"), ("x-ratelimit-reset", "soon")],
            &[],
        ] {
            assert_eq!(RateLimit::parse(&headers(bad), NOW), None, "{bad:?}");
        }
        // A malformed policy costs only the quota and window.
        let h = headers(&[("ratelimit", "\"default\";r=1;t=2"), ("ratelimit-policy", "q=;;")]);
        assert_eq!(RateLimit::parse(&h, NOW).unwrap().quota, None);
        // A malformed structured header falls back to the older family.
        let h = headers(&[("ratelimit", "r=="), ("x-ratelimit-remaining", "4"), ("x-ratelimit-reset", "9")]);
        assert_eq!(RateLimit::parse(&h, NOW).unwrap().remaining, 4);
    }

    proptest::proptest! {
        /// Whatever the headers hold, reading them never panics.
        #[test]
        fn any_header_text_is_read_or_ignored(a in "[ -~]{0,60}", b in "[ -~]{0,60}", c in "[ -~]{0,30}") {
            let mut h = HeaderMap::new();
            for (name, value) in [("ratelimit", &a), ("ratelimit-policy", &b), ("x-ratelimit-remaining", &c), ("x-ratelimit-reset", &a)] {
                if let Ok(v) = value.parse() {
                    h.insert(name, v);
                }
            }
            let _ = RateLimit::parse(&h, NOW);
        }
    }
}
