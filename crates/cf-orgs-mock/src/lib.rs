//! # cf-orgs-mock
//!
//! A stateful, in-memory Cloudflare Organizations API server: all 17
//! operations with the real API's rules (parents, non-empty deletes, page
//! tokens bound to their filters, per-operation auth, an audit log of every
//! change), answers in Cloudflare's envelope with a `cf-ray`, rate limits per
//! credential with Cloudflare's headers, and fault injection that is
//! deterministic from a seed.
//!
//! Around it, what a test suite needs from a fake, in Rust and (through the
//! `cf-orgs-mock` binary) in any language: fixtures and the whole state as
//! JSON ([`MockServer::load_fixtures`], [`MockServer::state`],
//! [`MockServer::restore`]), a journal of every request, a clock per
//! namespace, namespaces that keep parallel suites apart
//! ([`NAMESPACE_HEADER`]), an admin API under `/__mock/`
//! ([`MockServer::admin_url`]), and strict mode ([`Strict`]), on by default
//! here, which checks every answer against the spec's response schema before
//! it leaves.
//!
//! ```no_run
//! # async fn run() -> cf_orgs::Result<()> {
//! let server = cf_orgs_mock::MockServer::start().await;
//! let creds = server.mock_credentials();
//! let client = cf_orgs::Client::builder()
//!     .credentials(cf_orgs::Credentials::global_api_key(&creds.email, &creds.api_key))
//!     .base_url(server.base_url())
//!     .build()?;
//! let org = client.organizations().create("Acme").send().await?;
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

/// The crate's README, whose example compiles as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod admin;
mod auth;
mod clock;
mod document;
mod envelope;
mod faults;
mod journal;
mod namespace;
mod observe;
mod paging;
mod rate_limit;
mod routes;
mod state;
mod strict;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{OriginalUri, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use serde_json::Value;
use tokio::sync::{Notify, oneshot};

pub use auth::MockCredentials;
pub use document::{DocError as DocumentError, Loaded};
pub use faults::{FaultPlan, Faults};
use namespace::{Space, Spaces, Template, lock};
pub use rate_limit::Quota;
use routes::Ray;
use state::{Account, World};
pub use strict::Strict;

/// Where the API lives on the server, as on Cloudflare's.
pub const BASE_PATH: &str = "/client/v4";

/// The request header that selects a namespace: each has its own state, journal, faults, clock
/// and rate-limit counts.
pub const NAMESPACE_HEADER: &str = "X-Mock-Namespace";

/// State every request shares.
pub(crate) struct Shared {
    pub creds: MockCredentials,
    pub spaces: Spaces,
    pub ray_rng: Mutex<fastrand::Rng>,
    /// One JSON line per request on stderr.
    pub log: bool,
    /// What the admin API wants in `Authorization: Bearer`, when set.
    pub admin_token: Option<String>,
    /// Wakes whoever waits for [`MockServer::shutdown_requested`].
    pub shutdown: Notify,
    pub checker: Arc<strict::Checker>,
}

/// One answer the server gave, as [`MockServer::exchanges`] lists them.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// `GET /organizations/{organization_id}`: the method and path template.
    pub route: String,
    /// The HTTP status.
    pub status: u16,
    /// The JSON body (`Null` for none, and unless [`Builder::record`] is on).
    pub body: Value,
}

/// Configures a [`MockServer`].
#[derive(Debug, Clone)]
pub struct Builder {
    credentials: MockCredentials,
    seed: u64,
    faults: FaultPlan,
    listen: SocketAddr,
    record: bool,
    rate_limit: Option<Quota>,
    journal_cap: usize,
    max_namespaces: usize,
    max_objects: usize,
    log: bool,
    admin_token: Option<String>,
    strict: Strict,
}

impl Default for Builder {
    fn default() -> Self {
        Self {
            credentials: MockCredentials::default(),
            seed: 0x5eed,
            faults: FaultPlan::default(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            record: false,
            rate_limit: Some(Quota::CLOUDFLARE),
            journal_cap: Builder::DEFAULT_JOURNAL_CAP,
            max_namespaces: Builder::DEFAULT_MAX_NAMESPACES,
            max_objects: Builder::DEFAULT_MAX_OBJECTS,
            log: false,
            admin_token: None,
            strict: Strict::default(),
        }
    }
}

impl Builder {
    /// Requests each namespace's journal keeps (the oldest go first, counted as dropped).
    pub const DEFAULT_JOURNAL_CAP: usize = 10_000;
    /// Namespaces the server holds at once.
    pub const DEFAULT_MAX_NAMESPACES: usize = 256;
    /// Objects (organizations, members, accounts, shares, usage records, audit entries) one
    /// namespace holds; past it, creates are answered 507.
    pub const DEFAULT_MAX_OBJECTS: usize = 1_000_000;

    /// The credentials the server accepts.
    pub fn credentials(mut self, credentials: MockCredentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// The seed of ids and fault draws: the same seed, the same run.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Faults from the start, in every namespace.
    pub fn faults(mut self, plan: FaultPlan) -> Self {
        self.faults = plan;
        self
    }

    /// The address to listen on (default: a free loopback port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// Keeps every answer's body in the journal ([`MockServer::exchanges`]).
    pub fn record(mut self, on: bool) -> Self {
        self.record = on;
        self
    }

    /// The rate limit per credential (default [`Quota::CLOUDFLARE`], 1,200
    /// requests per 5 minutes); `None` turns it off.
    pub fn rate_limit(mut self, quota: impl Into<Option<Quota>>) -> Self {
        self.rate_limit = quota.into();
        self
    }

    /// Requests each namespace's journal keeps (default [`Builder::DEFAULT_JOURNAL_CAP`]).
    pub fn journal_cap(mut self, entries: usize) -> Self {
        self.journal_cap = entries;
        self
    }

    /// Namespaces the server holds at once (default [`Builder::DEFAULT_MAX_NAMESPACES`]).
    pub fn max_namespaces(mut self, namespaces: usize) -> Self {
        self.max_namespaces = namespaces;
        self
    }

    /// Objects one namespace holds (default [`Builder::DEFAULT_MAX_OBJECTS`]).
    pub fn max_objects(mut self, objects: usize) -> Self {
        self.max_objects = objects;
        self
    }

    /// One JSON line per request on stderr: method, path, status, credential mode, namespace,
    /// duration (never a secret).
    pub fn log(mut self, on: bool) -> Self {
        self.log = on;
        self
    }

    /// The token the admin API (`/__mock/`) wants as `Authorization: Bearer`; without one it
    /// is open, as befits a server on loopback.
    pub fn admin_token(mut self, token: impl Into<Option<String>>) -> Self {
        self.admin_token = token.into();
        self
    }

    /// Checks every answer against the spec's response schema for its operation and status
    /// (default [`Strict::Fail`]: an answer the spec does not allow becomes a 500 naming why, so
    /// no test passes on it; the binary's default is off).
    pub fn strict(mut self, mode: Strict) -> Self {
        self.strict = mode;
        self
    }

    /// Starts the server.
    ///
    /// # Panics
    /// When the address cannot be bound (a free loopback port always can).
    pub async fn start(self) -> MockServer {
        self.try_start().await.unwrap_or_else(|e| panic!("cf-orgs-mock cannot listen: {e}"))
    }

    /// Starts the server, or says why it could not listen.
    ///
    /// # Errors
    /// The bind error.
    pub async fn try_start(self) -> std::io::Result<MockServer> {
        let template = Template {
            seed: self.seed,
            faults: self.faults,
            quota: self.rate_limit,
            journal_cap: self.journal_cap,
            record_bodies: self.record,
        };
        let shared = Arc::new(Shared {
            spaces: Spaces::new(template, self.max_namespaces, self.max_objects),
            creds: self.credentials,
            ray_rng: Mutex::new(fastrand::Rng::with_seed(self.seed ^ 0x4a7)),
            log: self.log,
            admin_token: self.admin_token,
            shutdown: Notify::new(),
            checker: Arc::new(strict::Checker::new(self.strict)),
        });
        let listener = tokio::net::TcpListener::bind(self.listen).await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let app = router(shared.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(MockServer { addr, shared, stop: Some(stop), task: Some(task) })
    }
}

/// A running mock server. Dropping it shuts it down.
pub struct MockServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer").field("base_url", &self.base_url()).finish_non_exhaustive()
    }
}

impl MockServer {
    /// A server on a free loopback port, with the default credentials.
    pub async fn start() -> Self {
        Self::builder().start().await
    }

    /// Configures a server.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// The API's base URL: `http://127.0.0.1:<port>/client/v4`.
    pub fn base_url(&self) -> String {
        format!("http://{}{BASE_PATH}", self.addr)
    }

    /// The admin API's base URL: `http://127.0.0.1:<port>/__mock`.
    pub fn admin_url(&self) -> String {
        format!("http://{}{}", self.addr, admin::PREFIX)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The credentials the server accepts, in all three modes: email + Global
    /// API key for every operation, the API token for those whose `security`
    /// lists it (list organizations, audit logs, billable usage).
    pub fn mock_credentials(&self) -> &MockCredentials {
        &self.shared.creds
    }

    /// The default namespace: what requests without [`NAMESPACE_HEADER`] reach, and what the
    /// methods below read and change.
    fn space(&self) -> Arc<Space> {
        self.shared.spaces.default_space()
    }

    /// Replaces the faults in force.
    pub fn set_faults(&self, plan: FaultPlan) {
        *lock(&self.space().faults) = plan;
    }

    /// Replaces the rate limit in force (`None`: off), with every count started afresh.
    pub fn set_rate_limit(&self, quota: impl Into<Option<Quota>>) {
        *lock(&self.space().limiter) = rate_limit::Limiter::new(quota.into());
    }

    /// The rate limit in force.
    pub fn rate_limit(&self) -> Option<Quota> {
        lock(&self.space().limiter).quota
    }

    /// How many requests the rate limit refused (429) since it was set.
    pub fn rate_limited(&self) -> u64 {
        lock(&self.space().limiter).refused
    }

    fn with_world<R>(&self, f: impl FnOnce(&mut World) -> R) -> R {
        f(&mut self.space().world())
    }

    /// Adds an account to an organization; returns its id.
    ///
    /// # Panics
    /// When the organization does not exist.
    pub fn seed_account(&self, org: &str, name: &str) -> String {
        let space = self.space();
        let now = space.now();
        let mut w = space.world();
        assert!(w.orgs.contains_key(org), "seed_account: no organization {org}");
        let id = w.ids.tag();
        let pubname = name.to_lowercase().replace(' ', "-");
        let account_type = if name.to_lowercase().contains("enterprise") {
            cf_orgs_gen::types::OrganizationsApiAccountType::Enterprise
        } else {
            cf_orgs_gen::types::OrganizationsApiAccountType::Standard
        };
        let created_on = now;
        let seq = w.next_seq();
        w.accounts.insert(
            id.clone(),
            Account { seq, id: id.clone(), org: org.into(), name: name.into(), pubname, account_type, created_on },
        );
        id
    }

    /// Adds a user to an organization as an active member (no audit entry: it
    /// stands for users that predate the test); returns the member id.
    pub fn seed_user(&self, org: &str, email: &str) -> String {
        let space = self.space();
        let t = space.now();
        let mut w = space.world();
        let id = w.ids.tag();
        let user_id = w.ids.tag();
        let seq = w.next_seq();
        let member = state::Member {
            seq,
            id: id.clone(),
            org: org.into(),
            status: cf_orgs_gen::types::OrganizationsApiMemberStatus::Active,
            user_id,
            email: email.to_lowercase(),
            name: email.into(),
            create_time: t,
            update_time: t,
        };
        w.members.insert(id.clone(), member);
        id
    }

    /// Adds a resource share (a JSON object as the spec's `share_object`) to an organization.
    ///
    /// # Panics
    /// When `share` is not a valid `share_object`: the mock answers only what the spec allows.
    pub fn seed_share(&self, org: &str, share: Value) {
        let share = serde_json::from_value(share).unwrap_or_else(|e| panic!("seed_share: not a share_object: {e}"));
        self.with_world(|w| w.shares.entry(org.into()).or_default().push(share));
    }

    /// Adds billable usage records (FOCUS objects, as the spec's `cost_and_usage_data`).
    ///
    /// # Panics
    /// When a record is not a valid `cost_and_usage_data`.
    pub fn seed_usage(&self, org: &str, records: impl IntoIterator<Item = Value>) {
        let records: Vec<_> = records
            .into_iter()
            .map(|r| serde_json::from_value(r).unwrap_or_else(|e| panic!("seed_usage: not a cost_and_usage_data: {e}")))
            .collect();
        self.with_world(|w| w.usage.entry(org.into()).or_default().extend(records));
    }

    /// How many creates (organizations and members) succeeded.
    pub fn creates(&self) -> u64 {
        self.with_world(|w| w.creates)
    }

    /// How many organizations exist.
    pub fn organization_count(&self) -> usize {
        self.with_world(|w| w.orgs.len())
    }

    /// How many members an organization has.
    pub fn member_count(&self, org: &str) -> usize {
        self.with_world(|w| w.members.values().filter(|m| m.org == org).count())
    }

    /// How many audit log entries exist.
    pub fn audit_count(&self) -> usize {
        self.with_world(|w| w.audit.len())
    }

    /// Every answer the journal holds, oldest first (bodies when [`Builder::record`] is on).
    pub fn exchanges(&self) -> Vec<Exchange> {
        let space = self.space();
        let journal = lock(&space.journal);
        journal
            .matching(&journal::Filter::default())
            .map(|e| Exchange {
                route: format!("{} {}", e.method, e.route),
                status: e.status,
                body: e.response_body.clone(),
            })
            .collect()
    }

    /// Loads fixtures (the JSON document `--fixtures` and `POST /__mock/fixtures` take) into the
    /// default namespace: all of them, or, when any does not fit, none.
    ///
    /// # Errors
    /// What does not fit, at its JSON pointer.
    pub fn load_fixtures(&self, json: &[u8]) -> Result<Loaded, DocumentError> {
        let doc = document::parse(json)?;
        self.space().load(doc, self.shared.spaces.max_objects)
    }

    /// Every namespace's whole state, as `--state` writes it: `{"namespaces": {NAME: …}}`.
    pub fn state(&self) -> Value {
        serde_json::to_value(self.shared.spaces.export()).unwrap_or_default()
    }

    /// Replaces every namespace with those of a state [`MockServer::state`] wrote: all of them,
    /// or, when any does not fit, none.
    ///
    /// # Errors
    /// What does not fit, at its JSON pointer.
    pub fn restore(&self, json: &[u8]) -> Result<(), DocumentError> {
        self.shared.spaces.restore(document::parse_as(json)?)
    }

    /// Every answer strict mode found outside the spec, oldest first (empty when all matched).
    pub fn strict_violations(&self) -> Vec<String> {
        lock(&self.shared.checker.violations).clone()
    }

    /// Resolves when a client asks the server to stop (`POST /__mock/shutdown`).
    pub async fn shutdown_requested(&self) {
        self.shared.shutdown.notified().await;
    }

    /// Stops the server and waits for it.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

fn router(shared: Arc<Shared>) -> Router {
    let api = routes::router("")
        .route_layer(middleware::from_fn(strict::check))
        .route_layer(axum::Extension(shared.checker.clone()))
        .route_layer(middleware::from_fn(observe::keep_body))
        .route_layer(middleware::from_fn(faults::inject))
        .route_layer(middleware::from_fn(observe::mark_route))
        .method_not_allowed_fallback(|| async {
            envelope::error(StatusCode::METHOD_NOT_ALLOWED, 7001, "Method not allowed for this route")
        })
        .fallback(|uri: OriginalUri| async move {
            envelope::error(
                StatusCode::NOT_FOUND,
                7003,
                format!("Could not route to {}, perhaps your object identifier is invalid?", uri.path()),
            )
        })
        .with_state(shared.clone());
    let api = api
        .layer(middleware::from_fn(rate_limit::limit))
        .layer(middleware::from_fn_with_state(shared.clone(), namespace::bounded))
        .layer(middleware::from_fn_with_state(shared.clone(), observe::observe))
        .layer(middleware::from_fn_with_state(shared.clone(), namespace::select));
    Router::new()
        .nest(BASE_PATH, api)
        .nest(admin::PREFIX, admin::router(shared.clone()))
        .fallback(|request: Request| async move {
            envelope::error(StatusCode::NOT_FOUND, 7003, format!("Could not route to {}", request.uri().path()))
        })
        .layer(middleware::from_fn_with_state(shared, ray))
}

/// Gives every request a ray id, and every answer its `cf-ray` header.
async fn ray(State(shared): State<Arc<Shared>>, mut request: Request, next: Next) -> Response {
    let ray = format!("{:016x}-SJC", lock(&shared.ray_rng).u64(..));
    request.extensions_mut().insert(Ray(ray.clone()));
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&ray) {
        response.headers_mut().insert("cf-ray", value);
    }
    response
}
