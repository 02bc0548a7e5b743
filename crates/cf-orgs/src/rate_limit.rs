//! [`RateLimit`]: what an answer says of the client's rate limit, read from
//! either header family Cloudflare sends. A header that does not parse is
//! ignored, never an error: the answer it came with is still the answer.
//!
//! - `Ratelimit: "default";r=50;t=30` and `Ratelimit-Policy: "default";q=1200;w=300`
//!   (draft-ietf-httpapi-ratelimit-headers; structured fields, RFC 9651);
//! - `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (an
//!   HTTP date, or seconds), the family Cloudflare's older documentation names.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderName};

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

// Named once: a lookup by `&str` parses the name on every answer.
const RATELIMIT: HeaderName = HeaderName::from_static("ratelimit");
const RATELIMIT_POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");
const X_RATELIMIT_LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
const X_RATELIMIT_REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
const X_RATELIMIT_RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");

fn header<'h>(headers: &'h HeaderMap, name: &HeaderName) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim)
}

/// `Ratelimit` (remaining `r`, reset `t`) with its `Ratelimit-Policy` (quota `q`, window `w`).
fn structured(headers: &HeaderMap) -> Option<RateLimit> {
    let limits = list(header(headers, &RATELIMIT)?)?;
    let policies = header(headers, &RATELIMIT_POLICY).and_then(list).unwrap_or_default();
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
    let remaining = header(headers, &X_RATELIMIT_REMAINING)?.parse().ok()?;
    let reset = header(headers, &X_RATELIMIT_RESET)?;
    let reset = match reset.parse::<u64>() {
        // A number this large is a Unix time, not a count of seconds.
        Ok(epoch) if epoch >= 1_000_000_000 => {
            (SystemTime::UNIX_EPOCH + Duration::from_secs(epoch)).duration_since(now).unwrap_or(Duration::ZERO)
        }
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => httpdate::parse_http_date(reset).ok()?.duration_since(now).unwrap_or(Duration::ZERO),
    };
    let quota = header(headers, &X_RATELIMIT_LIMIT).and_then(|v| v.parse().ok());
    Some(RateLimit { policy: None, remaining, reset, quota, window: None })
}

fn non_negative(value: i64) -> Option<u64> {
    u64::try_from(value).ok()
}

/// One member of a structured-field list: its name (a string or token) and integer parameters.
#[derive(Debug, Default, PartialEq)]
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

/// Parses a structured-field list (RFC 9651 §4.2.1) strictly: anything
/// malformed is `None`. Only what these headers use is taken: items that are
/// strings, tokens, integers, decimals or booleans, with parameters of the
/// same; inner lists, byte sequences, dates and display strings are `None`
/// too. (The `sfv` crate, the RFC's parser, checks this one in the tests: it
/// costs a downstream build a second `syn`, through `ref-cast-impl`.)
fn list(text: &str) -> Option<Vec<Entry>> {
    let mut p = Cursor(text.as_bytes());
    let mut entries = Vec::new();
    p.skip(b' ');
    if p.0.is_empty() {
        return Some(entries);
    }
    loop {
        let (name, _) = p.bare_item()?;
        let mut entry = Entry { name, params: Vec::new() };
        while p.eat(b';') {
            p.skip(b' ');
            let key = p.key()?;
            let value = if p.eat(b'=') { p.bare_item()?.1 } else { None };
            if let Some(n) = value {
                entry.params.retain(|(k, _)| *k != key);
                entry.params.push((key, n));
            } else {
                // A key without an integer value: a later one replaces an earlier integer.
                entry.params.retain(|(k, _)| *k != key);
            }
        }
        entries.push(entry);
        p.skip_ows();
        if p.0.is_empty() {
            return Some(entries);
        }
        if !p.eat(b',') {
            return None;
        }
        p.skip_ows();
        if p.0.is_empty() {
            return None;
        }
    }
}

/// The rest of a header, read from the front.
struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.0.first().copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let (first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*first)
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        if hit {
            self.0 = &self.0[1..];
        }
        hit
    }

    fn skip(&mut self, b: u8) {
        while self.eat(b) {}
    }

    fn skip_ows(&mut self) {
        while self.eat(b' ') || self.eat(b'\t') {}
    }

    /// `key = ( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" / "." / "*" )`
    fn key(&mut self) -> Option<String> {
        let first = self.peek().filter(|c| c.is_ascii_lowercase() || *c == b'*')?;
        let mut key = String::from(first as char);
        self.bump();
        while let Some(c) = self.peek().filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"_-.*".contains(c))
        {
            key.push(c as char);
            self.bump();
        }
        Some(key)
    }

    /// A bare item: its text when a string or token, its value when an integer.
    fn bare_item(&mut self) -> Option<(Option<String>, Option<i64>)> {
        match self.peek()? {
            b'-' | b'0'..=b'9' => self.number().map(|n| (None, n)),
            b'"' => self.string().map(|s| (Some(s), None)),
            b'?' => {
                self.bump();
                matches!(self.bump()?, b'0' | b'1').then_some((None, None))
            }
            c if c.is_ascii_alphabetic() || c == b'*' => Some((Some(self.token()), None)),
            _ => None,
        }
    }

    /// An integer (at most 15 digits) or a decimal (at most 12.3 digits, taken as no integer).
    fn number(&mut self) -> Option<Option<i64>> {
        let negative = self.eat(b'-');
        let mut whole = String::new();
        while let Some(c) = self.peek().filter(u8::is_ascii_digit) {
            whole.push(c as char);
            self.bump();
        }
        if whole.is_empty() {
            return None;
        }
        if !self.eat(b'.') {
            let n: i64 = whole.parse().ok().filter(|_| whole.len() <= 15)?;
            return Some(Some(if negative { -n } else { n }));
        }
        let mut fraction = 0;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
            fraction += 1;
        }
        (whole.len() <= 12 && (1..=3).contains(&fraction)).then_some(None)
    }

    /// `DQUOTE *( unescaped / "\\" ( DQUOTE / "\\" ) ) DQUOTE`, printable ASCII only.
    fn string(&mut self) -> Option<String> {
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump()? {
                b'"' => return Some(out),
                b'\\' => match self.bump()? {
                    c @ (b'"' | b'\\') => out.push(c as char),
                    _ => return None,
                },
                c @ 0x20..=0x7e => out.push(c as char),
                _ => return None,
            }
        }
    }

    /// `( ALPHA / "*" ) *( tchar / ":" / "/" )`
    fn token(&mut self) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek().filter(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~:/".contains(c)) {
            out.push(c as char);
            self.bump();
        }
        out
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

    /// The same list read by the `sfv` crate (RFC 9651's parser), into the same
    /// entries: a name when a string or token, the last value of each key
    /// when it is an integer.
    fn by_sfv(text: &str) -> Option<Vec<Entry>> {
        use sfv::visitor::{EntryVisitor, Ignored, InnerListVisitor, ItemVisitor, ListVisitor, ParameterVisitor};
        use sfv::{BareItemFromInput, GenericBareItem, KeyRef};
        use std::convert::Infallible;

        struct Entries(Vec<Entry>);
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
            fn bare_item(
                self,
                item: BareItemFromInput<'de>,
            ) -> Result<impl ParameterVisitor<'de, Out = ()>, Infallible> {
                self.0.name = match &item {
                    GenericBareItem::String(s) => Some(s.as_str().to_string()),
                    GenericBareItem::Token(t) => Some(t.as_str().to_string()),
                    _ => None,
                };
                Ok(self)
            }
        }
        impl<'de> ParameterVisitor<'de> for Slot<'_> {
            type Out = ();
            type Error = Infallible;
            fn parameter(&mut self, key: &'de KeyRef, value: BareItemFromInput<'de>) -> Result<(), Infallible> {
                self.0.params.retain(|(k, _)| k != key.as_str());
                if let GenericBareItem::Integer(n) = value {
                    self.0.params.push((key.as_str().to_string(), i64::from(n)));
                }
                Ok(())
            }
            fn finish(self) -> Result<(), Infallible> {
                Ok(())
            }
        }
        let mut entries = Entries(Vec::new());
        sfv::Parser::new(text).parse_list_with_visitor(&mut entries).ok()?;
        Some(entries.0)
    }

    #[test]
    fn lists_read_as_the_rfc_reads_them() {
        for text in [
            "\"default\";r=50;t=30",
            "default;r=0;t=7, \"day\";r=3;t=4000",
            "a;r=1;r=2",
            "a;r=1;r=x",
            "a;r;t=2",
            "a ;r=1",
            "a; r=1",
            "*x:y/z;q=-5",
            "\"esc\\\"aped\";w=9",
            "1;r=2, 2.5;t=3, ?1;w=4",
            "a;r=1.5",
            "",
        ] {
            assert_eq!(list(text), by_sfv(text), "{text:?}");
        }
        for malformed in ["a,", ",a", "a;R=1", "a;r=", "a;r=1234567890123456", "\"open", "a b", "a;r=1.2345"] {
            assert_eq!((list(malformed), by_sfv(malformed)), (None, None), "{malformed:?}");
        }
    }

    proptest::proptest! {
        /// On any text, what this parser takes the RFC's parser takes alike.
        #[test]
        fn never_takes_what_the_rfc_refuses(text in "[ -~]{0,40}") {
            if let Some(entries) = list(&text) {
                proptest::prop_assert_eq!(Some(entries), by_sfv(&text), "{:?}", text);
            }
        }

        /// Lists of the shape these headers use, written any way the RFC allows, read alike.
        #[test]
        fn reads_what_the_rfc_reads(
            items in proptest::collection::vec(
                ("\"[a-z ]{0,6}\"|[a-z*][a-z0-9:/*]{0,5}|-?[0-9]{1,4}", proptest::collection::vec(("[a-z*][a-z0-9_.*-]{0,3}", "-?[0-9]{1,15}|[a-z]{1,3}|\\?[01]"), 0..4)),
                1..4,
            ),
            gap in "[ ]{0,2}",
        ) {
            let text = items
                .iter()
                .map(|(item, params)| {
                    let params: String = params.iter().map(|(k, v)| format!(";{k}={v}")).collect();
                    format!("{item}{params}")
                })
                .collect::<Vec<_>>()
                .join(&format!(",{gap}"));
            let ours = list(&text);
            proptest::prop_assert!(ours.is_some(), "{:?}", text);
            proptest::prop_assert_eq!(ours, by_sfv(&text), "{:?}", text);
        }
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
