//! Fault injection, deterministic from the server's seed: 429 with
//! `Retry-After`, 503, Cloudflare's HTML 502 page, added latency, a dropped
//! connection, a truncated body. Configured globally or per route.

use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

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
///
/// Its text form (`--faults`, the admin API) is groups separated by `;`, each a list of
/// `KIND=VALUE` separated by `,`, for every route or, after `route=METHOD TEMPLATE:`, for one:
///
/// ```text
/// 429=0.1,503=0.05,latency=20ms;route=METHOD TEMPLATE:drop=0.2
/// ```
///
/// Kinds: `429`, `503`, `502` (Cloudflare's HTML page), `drop` (connection closed after the
/// headers), `truncate` (half the body) take a rate from 0 to 1; `latency` and `retry-after` (of
/// the 429s) a duration in `ms`, `s` or `m`. `off` is no faults.
#[derive(Debug, Clone, Default, PartialEq)]
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

/// The rate kinds of the text form, each with its field.
/// A field of [`Faults`], by the name the text form gives it.
type Field<T> = (&'static str, fn(&mut Faults) -> &mut T);

const RATES: [Field<f64>; 5] = [
    ("429", |f| &mut f.rate_limit),
    ("503", |f| &mut f.server_error),
    ("502", |f| &mut f.html_error),
    ("drop", |f| &mut f.drop_connection),
    ("truncate", |f| &mut f.truncate_body),
];

/// The duration kinds of the text form, each with its field.
const DURATIONS: [Field<Duration>; 2] = [("latency", |f| &mut f.latency), ("retry-after", |f| &mut f.retry_after)];

fn duration(text: &str) -> Option<Duration> {
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (digits, unit) = text.split_at(split);
    let n: u64 = digits.parse().ok()?;
    match unit {
        "ms" => Some(Duration::from_millis(n)),
        "s" => Some(Duration::from_secs(n)),
        "m" => n.checked_mul(60).map(Duration::from_secs),
        _ => None,
    }
}

impl std::str::FromStr for Faults {
    type Err = String;

    /// `429=0.1,503=0.05,latency=20ms`: one group of the text form.
    fn from_str(text: &str) -> Result<Self, String> {
        let mut faults = Faults::default();
        for item in text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (kind, value) =
                item.split_once('=').ok_or_else(|| format!("{item:?}: expected KIND=VALUE, e.g. 503=0.1"))?;
            let (kind, value) = (kind.trim(), value.trim());
            if let Some((_, field)) = RATES.iter().find(|(k, _)| *k == kind) {
                let rate: f64 = value
                    .parse()
                    .ok()
                    .filter(|r: &f64| (0.0..=1.0).contains(r))
                    .ok_or_else(|| format!("{item:?}: {value:?} is not a rate from 0 to 1"))?;
                *field(&mut faults) = rate;
            } else if let Some((_, field)) = DURATIONS.iter().find(|(k, _)| *k == kind) {
                *field(&mut faults) = duration(value)
                    .ok_or_else(|| format!("{item:?}: {value:?} is not a duration like 20ms, 2s or 1m"))?;
            } else {
                let known: Vec<&str> = RATES.iter().map(|r| r.0).chain(DURATIONS.iter().map(|d| d.0)).collect();
                return Err(format!("{item:?}: unknown fault {kind:?} (known: {})", known.join(", ")));
            }
        }
        let total: f64 = RATES.iter().map(|(_, field)| *field(&mut faults.clone())).sum();
        if total > 1.0 + 1e-9 {
            return Err(format!("{text:?}: the rates add up to {total}, more than 1"));
        }
        Ok(faults)
    }
}

impl fmt::Display for Faults {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut me = self.clone();
        let mut items = Vec::new();
        for (kind, field) in RATES {
            let rate = *field(&mut me);
            if rate > 0.0 {
                items.push(format!("{kind}={rate}"));
            }
        }
        for (kind, field) in DURATIONS {
            let d = *field(&mut me);
            if !d.is_zero() {
                items.push(format!("{kind}={}ms", d.as_millis()));
            }
        }
        f.write_str(&items.join(","))
    }
}

impl std::str::FromStr for FaultPlan {
    type Err = String;

    /// The text form; a route must be one of the spec's operations.
    fn from_str(text: &str) -> Result<Self, String> {
        let mut plan = FaultPlan::default();
        if matches!(text.trim(), "" | "off" | "none") {
            return Ok(plan);
        }
        for group in text.split(';').map(str::trim).filter(|g| !g.is_empty()) {
            let Some(rest) = group.strip_prefix("route=") else {
                plan.global = group.parse()?;
                continue;
            };
            // Templates hold no `=`, and may hold a `:` (a custom method): the items start
            // after the last `:` before the first `=`.
            let first_eq = rest.find('=').unwrap_or(rest.len());
            let colon = rest[..first_eq]
                .rfind(':')
                .ok_or_else(|| format!("{group:?}: expected route=METHOD TEMPLATE:KIND=VALUE,…"))?;
            let (route, items) = (rest[..colon].trim(), &rest[colon + 1..]);
            let routes: Vec<String> = cf_orgs_gen::operations::Operation::ALL.iter().map(|op| op_route(*op)).collect();
            if !routes.iter().any(|r| r == route) {
                return Err(format!("{group:?}: {route:?} is not an operation of the spec (e.g. {})", routes[0]));
            }
            plan.routes.insert(route.to_string(), items.parse()?);
        }
        Ok(plan)
    }
}

impl fmt::Display for FaultPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut groups = Vec::new();
        if self.global != Faults::default() {
            groups.push(self.global.to_string());
        }
        let mut routes: Vec<_> = self.routes.iter().collect();
        routes.sort_by(|a, b| a.0.cmp(b.0));
        groups.extend(routes.into_iter().map(|(route, faults)| format!("route={route}:{faults}")));
        if groups.is_empty() { f.write_str("off") } else { f.write_str(&groups.join(";")) }
    }
}

impl FaultPlan {
    pub(crate) fn for_route(&self, route: &str) -> &Faults {
        self.routes.get(route).unwrap_or(&self.global)
    }
}

pub(crate) enum Fault {
    RateLimit,
    ServerError,
    Html,
    Drop,
    Truncate,
}

pub(crate) fn choose(faults: &Faults, draw: f64) -> Option<Fault> {
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

/// An operation's route key, as the text form and the journal write it: `METHOD TEMPLATE`.
pub fn op_route(op: cf_orgs_gen::operations::Operation) -> String {
    format!("{} {}", op.method(), op.path_template())
}

#[cfg(test)]
mod tests {
    use super::*;

    use cf_orgs_gen::operations::Operation as Op;

    #[test]
    fn the_text_form_reads_and_prints_the_same_plan() {
        let list = op_route(Op::OrganizationListOrganizations);
        let plan: FaultPlan = format!("429=0.1,503=0.05,latency=20ms;route={list}:drop=0.2").parse().unwrap();
        assert_eq!(plan.global.rate_limit, 0.1);
        assert_eq!(plan.global.server_error, 0.05);
        assert_eq!(plan.global.latency, Duration::from_millis(20));
        assert_eq!(plan.routes[&list].drop_connection, 0.2);
        assert_eq!(plan.to_string().parse::<FaultPlan>().unwrap(), plan);
        // A template with a `:` of its own (a custom method).
        let batch_route = op_route(Op::MembersBatchCreate);
        assert!(batch_route.contains(':'), "{batch_route}");
        let batch: FaultPlan = format!("route={batch_route}:truncate=1").parse().unwrap();
        assert_eq!(batch.routes[&batch_route].truncate_body, 1.0);
        assert_eq!(batch.to_string(), format!("route={batch_route}:truncate=1"));
        assert_eq!("off".parse::<FaultPlan>().unwrap(), FaultPlan::default());
        assert_eq!(FaultPlan::default().to_string(), "off");
        let durations: Faults = "retry-after=2s,latency=1m".parse().unwrap();
        assert_eq!((durations.retry_after, durations.latency), (Duration::from_secs(2), Duration::from_secs(60)));
    }

    #[test]
    fn a_bad_text_form_names_what_is_wrong() {
        let no_items = format!("route={}", op_route(Op::OrganizationListOrganizations));
        for (text, says) in [
            ("429=2", "not a rate"),
            ("429=x", "not a rate"),
            ("429", "KIND=VALUE"),
            ("teapot=0.1", "unknown fault \"teapot\""),
            ("latency=20", "not a duration"),
            ("429=0.6,503=0.6", "more than 1"),
            ("route=GET /nowhere:503=1", "not an operation of the spec"),
            (no_items.as_str(), "route=METHOD TEMPLATE"),
        ] {
            let err = text.parse::<FaultPlan>().unwrap_err();
            assert!(err.contains(says), "{text}: {err}");
        }
    }
}
