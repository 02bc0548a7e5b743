//! The admin API under `/__mock/`: what a test suite in any language needs
//! from a fake besides the API itself (health, reset, fixtures, the whole
//! state, faults, the request journal, the clock, shutdown). It takes no
//! Cloudflare credentials; when the server has an admin token, every route
//! but `health` and `openapi.json` wants `Authorization: Bearer <token>`.
//! Each acts on the namespace `X-Mock-Namespace` names (the default one
//! without it). Answers are in Cloudflare's envelope, as the API's are.
//!
//! The routes are [`Route::ALL`]; `admin-openapi.json` (served at
//! `/__mock/openapi.json`) describes them, and a test holds the two together.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{OriginalUri, RawQuery, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, delete, get, post, put};
use axum::{Extension, Router};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::json;

use crate::document::{self, DocError};
use crate::envelope::{Failure, Outcome, ok};
use crate::faults::FaultPlan;
use crate::journal::Filter;
use crate::namespace::{Space, lock};
use crate::shared::Shared;

/// Where the admin API lives.
pub const PREFIX: &str = "/__mock";

/// The admin API's OpenAPI document.
pub const OPENAPI: &str = include_str!("../admin-openapi.json");

/// Every admin route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Health,
    OpenApi,
    Reset,
    LoadFixtures,
    ExportState,
    ImportState,
    GetFaults,
    SetFaults,
    ClearFaults,
    ListRequests,
    CountRequests,
    ClearRequests,
    GetClock,
    SetClock,
    AdvanceClock,
    ClearClock,
    Shutdown,
}

impl Route {
    pub const ALL: [Route; 17] = [
        Route::Health,
        Route::OpenApi,
        Route::Reset,
        Route::LoadFixtures,
        Route::ExportState,
        Route::ImportState,
        Route::GetFaults,
        Route::SetFaults,
        Route::ClearFaults,
        Route::ListRequests,
        Route::CountRequests,
        Route::ClearRequests,
        Route::GetClock,
        Route::SetClock,
        Route::AdvanceClock,
        Route::ClearClock,
        Route::Shutdown,
    ];

    /// The method and the path under [`PREFIX`].
    pub fn method_and_path(self) -> (&'static str, &'static str) {
        match self {
            Route::Health => ("GET", "/health"),
            Route::OpenApi => ("GET", "/openapi.json"),
            Route::Reset => ("POST", "/reset"),
            Route::LoadFixtures => ("POST", "/fixtures"),
            Route::ExportState => ("GET", "/state"),
            Route::ImportState => ("PUT", "/state"),
            Route::GetFaults => ("GET", "/faults"),
            Route::SetFaults => ("PUT", "/faults"),
            Route::ClearFaults => ("DELETE", "/faults"),
            Route::ListRequests => ("GET", "/requests"),
            Route::CountRequests => ("GET", "/requests/count"),
            Route::ClearRequests => ("DELETE", "/requests"),
            Route::GetClock => ("GET", "/clock"),
            Route::SetClock => ("PUT", "/clock"),
            Route::AdvanceClock => ("POST", "/clock/advance"),
            Route::ClearClock => ("DELETE", "/clock"),
            Route::Shutdown => ("POST", "/shutdown"),
        }
    }

    /// Whether the route is open without the admin token (readiness probes, the document).
    fn open(self) -> bool {
        matches!(self, Route::Health | Route::OpenApi)
    }

    fn handler(self) -> MethodRouter<Arc<Shared>> {
        match self {
            Route::Health => get(health),
            Route::OpenApi => get(|| async { ([(header::CONTENT_TYPE, "application/json")], OPENAPI) }),
            Route::Reset => post(reset),
            Route::LoadFixtures => post(load_fixtures),
            Route::ExportState => get(export_state),
            Route::ImportState => put(import_state),
            Route::GetFaults => get(get_faults),
            Route::SetFaults => put(set_faults),
            Route::ClearFaults => delete(clear_faults),
            Route::ListRequests => get(list_requests),
            Route::CountRequests => get(count_requests),
            Route::ClearRequests => delete(clear_requests),
            Route::GetClock => get(get_clock),
            Route::SetClock => put(set_clock),
            Route::AdvanceClock => post(advance_clock),
            Route::ClearClock => delete(clear_clock),
            Route::Shutdown => post(shutdown),
        }
    }
}

/// The admin API, to be nested at [`PREFIX`].
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let routes = Route::ALL.into_iter().fold(Router::new(), |router, route| {
        let (_, path) = route.method_and_path();
        let guarded: MethodRouter<Arc<Shared>> =
            route.handler().layer(middleware::from_fn_with_state(shared.clone(), authorize));
        router.route(path, guarded.layer(Extension(route)))
    });
    routes
        .method_not_allowed_fallback(|| async {
            Failure::new(StatusCode::METHOD_NOT_ALLOWED, 7001, "Method not allowed for this admin route")
        })
        .fallback(|method: axum::http::Method, uri: OriginalUri| async move {
            Failure::new(StatusCode::NOT_FOUND, 7003, format!("no admin route {method} {}", uri.path()))
        })
        .with_state(shared)
}

/// Wants the admin token, when the server has one, on every route not open without it.
async fn authorize(State(s): State<Arc<Shared>>, route: Extension<Route>, request: Request, next: Next) -> Response {
    let Some(token) = s.admin_token.as_deref().filter(|_| !route.open()) else { return next.run(request).await };
    let given = request.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    if given.and_then(|v| v.strip_prefix("Bearer ")) == Some(token) {
        next.run(request).await
    } else {
        Failure::new(StatusCode::UNAUTHORIZED, 10000, "the admin API wants Authorization: Bearer <admin token>")
            .into_response()
    }
}

/// A JSON admin body, refused with the JSON pointer of what does not fit.
fn body<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, Failure> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let pointer = e.path().to_string();
        Failure::bad_request(format!("invalid body at {pointer:?}: {}", e.into_inner()))
    })
}

/// The query's pairs, refusing any name not in `known`.
fn pairs(query: &Option<String>, known: &[&str]) -> Result<Vec<(String, String)>, Failure> {
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes()).into_owned().collect();
    match pairs.iter().find(|(k, _)| !known.contains(&k.as_str())) {
        Some((k, _)) => {
            Err(Failure::bad_request(format!("unknown query parameter {k:?} (known: {})", known.join(", "))))
        }
        None => Ok(pairs),
    }
}

async fn health(State(s): State<Arc<Shared>>) -> Outcome {
    let names: Vec<String> = s.spaces.all().iter().map(|space| space.name.clone()).collect();
    Ok(ok(json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION"), "namespaces": names })))
}

async fn reset(State(s): State<Arc<Shared>>, space: Extension<Arc<Space>>, RawQuery(query): RawQuery) -> Outcome {
    let all = match pairs(&query, &["all"])?.first().map(|(_, v)| v.as_str()) {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => return Err(Failure::bad_request(format!("all: {other:?} is not true or false"))),
    };
    if all {
        s.spaces.reset_all();
        Ok(ok(json!({ "reset": "all" })))
    } else {
        s.spaces.reset(&space.name);
        Ok(ok(json!({ "reset": space.name })))
    }
}

/// A document's error as an answer: a 400 naming its pointer, or a 507 past the object cap.
fn refused(e: DocError) -> Failure {
    if e.is_full() {
        Failure::new(StatusCode::INSUFFICIENT_STORAGE, 10507, e.message)
    } else {
        Failure::bad_request(format!("invalid document {e}"))
    }
}

async fn load_fixtures(State(s): State<Arc<Shared>>, space: Extension<Arc<Space>>, bytes: Bytes) -> Outcome {
    let doc = document::parse(&bytes).map_err(refused)?;
    if doc.clock.is_some() || doc.faults.is_some() || doc.sequence.is_some() {
        return Err(Failure::bad_request("clock, faults and sequence are state: PUT /__mock/state takes them"));
    }
    let loaded = space.load(doc, s.spaces.max_objects).map_err(refused)?;
    Ok(ok(json!({ "loaded": loaded })))
}

async fn export_state(space: Extension<Arc<Space>>) -> Outcome {
    Ok(ok(serde_json::to_value(space.export()).unwrap_or_default()))
}

async fn import_state(State(s): State<Arc<Shared>>, space: Extension<Arc<Space>>, bytes: Bytes) -> Outcome {
    let (doc, within) = document::parse_unwrapped(&bytes).map_err(refused)?;
    let prepared = space
        .prepare(doc, s.spaces.seed_of(&space.name), s.spaces.max_objects)
        .map_err(|e| refused(e.under(within)))?;
    let loaded = prepared.loaded;
    space.apply(prepared);
    Ok(ok(json!({ "loaded": loaded })))
}

fn faults_view(plan: &FaultPlan) -> serde_json::Value {
    json!({ "spec": plan.to_string() })
}

async fn get_faults(space: Extension<Arc<Space>>) -> Outcome {
    Ok(ok(faults_view(&lock(&space.faults))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultsBody {
    /// The text form of `--faults`.
    spec: String,
}

async fn set_faults(space: Extension<Arc<Space>>, bytes: Bytes) -> Outcome {
    let FaultsBody { spec } = body(&bytes)?;
    let plan: FaultPlan = spec.parse().map_err(|e| Failure::bad_request(format!("invalid body at \"spec\": {e}")))?;
    let view = faults_view(&plan);
    *lock(&space.faults) = plan;
    Ok(ok(view))
}

async fn clear_faults(space: Extension<Arc<Space>>) -> Outcome {
    *lock(&space.faults) = FaultPlan::default();
    Ok(ok(faults_view(&FaultPlan::default())))
}

/// The journal's filters, from the query.
fn filter(query: &Option<String>) -> Result<Filter, Failure> {
    let mut filter = Filter::default();
    for (k, v) in pairs(query, &["method", "route", "status"])? {
        match k.as_str() {
            "method" => filter.method = Some(v),
            "route" => filter.route = Some(v),
            _ => {
                filter.status =
                    Some(v.parse().map_err(|_| Failure::bad_request(format!("status: {v:?} is not an HTTP status")))?)
            }
        }
    }
    Ok(filter)
}

async fn list_requests(space: Extension<Arc<Space>>, RawQuery(query): RawQuery) -> Outcome {
    let filter = filter(&query)?;
    let journal = lock(&space.journal);
    let entries: Vec<_> = journal.matching(&filter).collect();
    Ok(ok(json!({ "count": entries.len(), "dropped": journal.dropped, "cap": journal.cap(), "entries": entries })))
}

async fn count_requests(space: Extension<Arc<Space>>, RawQuery(query): RawQuery) -> Outcome {
    let filter = filter(&query)?;
    let journal = lock(&space.journal);
    Ok(ok(json!({ "count": journal.matching(&filter).count(), "dropped": journal.dropped })))
}

async fn clear_requests(space: Extension<Arc<Space>>) -> Outcome {
    let mut journal = lock(&space.journal);
    let cleared = journal.matching(&Filter::default()).count();
    journal.clear();
    Ok(ok(json!({ "cleared": cleared })))
}

fn clock_view(space: &Space) -> serde_json::Value {
    let clock = *lock(&space.clock);
    json!({ "now": clock.now(), "frozen": clock.frozen_at.is_some(), "offset_seconds": clock.offset_seconds })
}

async fn get_clock(space: Extension<Arc<Space>>) -> Outcome {
    Ok(ok(clock_view(&space)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetClock {
    now: DateTime<Utc>,
    /// Stand still there (the default), or run on from there.
    #[serde(default = "yes")]
    frozen: bool,
}

fn yes() -> bool {
    true
}

async fn set_clock(space: Extension<Arc<Space>>, bytes: Bytes) -> Outcome {
    let SetClock { now, frozen } = body(&bytes)?;
    lock(&space.clock).set(now, frozen);
    Ok(ok(clock_view(&space)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    seconds: i64,
}

async fn advance_clock(space: Extension<Arc<Space>>, bytes: Bytes) -> Outcome {
    let Advance { seconds } = body(&bytes)?;
    lock(&space.clock)
        .advance(seconds)
        .ok_or_else(|| Failure::bad_request(format!("seconds: {seconds} takes the clock out of range")))?;
    Ok(ok(clock_view(&space)))
}

async fn clear_clock(space: Extension<Arc<Space>>) -> Outcome {
    *lock(&space.clock) = Default::default();
    Ok(ok(clock_view(&space)))
}

async fn shutdown(State(s): State<Arc<Shared>>) -> Response {
    s.shutdown.notify_one();
    (StatusCode::ACCEPTED, ok(json!({ "shutting_down": true }))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_document_describes_exactly_the_routes() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI).expect("admin-openapi.json is JSON");
        assert_eq!(doc["openapi"].as_str().map(|v| &v[..4]), Some("3.0."));
        let mut documented = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for method in item.as_object().expect("a path item").keys() {
                documented.insert((method.to_uppercase(), path.clone()));
            }
        }
        let routed: BTreeSet<(String, String)> =
            Route::ALL.iter().map(|r| r.method_and_path()).map(|(m, p)| (m.to_string(), p.to_string())).collect();
        assert_eq!(documented, routed, "admin-openapi.json and Route::ALL differ");
        // Every reference resolves.
        let text = OPENAPI.to_string();
        for name in text.split("\"#/components/").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]) {
            let pointer = format!("/components/{name}");
            assert!(doc.pointer(&pointer).is_some(), "{pointer} is referenced but not defined");
        }
    }
}
