//! A namespace's request journal: what the server received and answered,
//! newest last, capped (the oldest entries go first, and are counted).

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

/// One request and its answer.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// 1, 2, 3, …: the request's number in its namespace (gaps: dropped or cleared).
    pub seq: u64,
    /// The namespace's clock when the request came.
    pub time: DateTime<Utc>,
    pub method: String,
    /// The path as sent, without `/client/v4`.
    pub path: String,
    /// The spec's path template of the operation it reached; empty when no route matched.
    pub route: String,
    /// The query string as sent (no secrets travel in it).
    pub query: String,
    /// The request's JSON body (`null` for none, a string when not JSON).
    pub request_body: Value,
    pub status: u16,
    /// Which credentials came: `api_token`, `api_email+api_key`, `user_service_key`, `none`, `mixed`.
    pub credentials: &'static str,
    pub duration_ms: f64,
    /// The answer's JSON body: kept only when the server records bodies.
    #[serde(skip_serializing_if = "Value::is_null")]
    pub response_body: Value,
}

/// Filters of the admin API's `requests`: each one given must match.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    pub method: Option<String>,
    /// A path template, as `route` holds it.
    pub route: Option<String>,
    pub status: Option<u16>,
}

impl Filter {
    fn matches(&self, e: &Entry) -> bool {
        self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(&e.method))
            && self.route.as_deref().is_none_or(|r| r == e.route)
            && self.status.is_none_or(|s| s == e.status)
    }
}

/// The capped journal.
#[derive(Debug)]
pub struct Journal {
    cap: usize,
    entries: VecDeque<Entry>,
    /// Entries pushed out by the cap since the last clear.
    pub dropped: u64,
    next: u64,
}

impl Journal {
    pub fn new(cap: usize) -> Self {
        Self { cap, entries: VecDeque::new(), dropped: 0, next: 1 }
    }

    pub fn cap(&self) -> usize {
        self.cap
    }

    /// The next entry's number.
    pub fn next_seq(&mut self) -> u64 {
        let seq = self.next;
        self.next += 1;
        seq
    }

    pub fn push(&mut self, entry: Entry) {
        if self.cap == 0 {
            self.dropped += 1;
            return;
        }
        while self.entries.len() >= self.cap {
            self.entries.pop_front();
            self.dropped += 1;
        }
        self.entries.push_back(entry);
    }

    pub fn matching<'a>(&'a self, filter: &'a Filter) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| filter.matches(e))
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.dropped = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: u64, method: &str, route: &str, status: u16) -> Entry {
        Entry {
            seq,
            time: Utc::now(),
            method: method.into(),
            path: route.into(),
            route: route.into(),
            query: String::new(),
            request_body: Value::Null,
            status,
            credentials: "none",
            duration_ms: 0.0,
            response_body: Value::Null,
        }
    }

    #[test]
    fn the_cap_drops_the_oldest_and_counts_them() {
        let mut j = Journal::new(2);
        for n in 1..=5 {
            let seq = j.next_seq();
            j.push(entry(seq, "GET", "/things", 200 + n));
        }
        let all = Filter::default();
        assert_eq!(j.matching(&all).map(|e| e.seq).collect::<Vec<_>>(), [4, 5]);
        assert_eq!(j.dropped, 3);
        j.clear();
        assert_eq!((j.matching(&all).count(), j.dropped), (0, 0));
        assert_eq!(j.next_seq(), 6, "numbers go on after a clear");
    }

    #[test]
    fn filters_match_method_route_and_status() {
        let mut j = Journal::new(10);
        // The journal compares templates as text: any will do.
        j.push(entry(1, "GET", "/things", 200));
        j.push(entry(2, "POST", "/things", 200));
        j.push(entry(3, "GET", "/things/{id}", 404));
        let f = |method: Option<&str>, route: Option<&str>, status| Filter {
            method: method.map(Into::into),
            route: route.map(Into::into),
            status,
        };
        let seqs = |f: Filter| j.matching(&f).map(|e| e.seq).collect::<Vec<_>>();
        assert_eq!(seqs(f(Some("get"), None, None)), [1, 3]);
        assert_eq!(seqs(f(None, Some("/things"), None)), [1, 2]);
        assert_eq!(seqs(f(Some("GET"), None, Some(404))), [3]);
        assert_eq!(seqs(f(Some("DELETE"), None, None)), Vec::<u64>::new());
    }
}
