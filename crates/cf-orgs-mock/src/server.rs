//! The server: its configuration ([`Builder`]), starting it, what it answers to a test
//! ([`MockServer`]), and stopping it.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use serde_json::Value;
use tokio::sync::{Notify, oneshot};

use crate::auth::MockCredentials;
use crate::document::{self, DocError as DocumentError, Loaded};
use crate::faults::FaultPlan;
use crate::namespace::{Space, Spaces, Template, lock};
use crate::rate_limit::{self, Quota};
use crate::shared::Shared;
use crate::strict::{self, Strict};
use crate::world::World;
use crate::{BASE_PATH, admin, journal};

/// Which document [`Builder::check_documents`] refused, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentsError {
    /// The server state.
    State(DocumentError),
    /// The fixtures (on top of the state).
    Fixtures(DocumentError),
}

impl std::fmt::Display for DocumentsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::State(e) => write!(f, "the state: {e}"),
            Self::Fixtures(e) => write!(f, "the fixtures: {e}"),
        }
    }
}

impl std::error::Error for DocumentsError {}

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

    /// What every namespace of this server starts from.
    fn template(&self) -> Template {
        Template {
            seed: self.seed,
            faults: self.faults.clone(),
            quota: self.rate_limit,
            journal_cap: self.journal_cap,
            record_bodies: self.record,
        }
    }

    /// Checks a server state (as `--state` holds it) and fixtures as a server of this
    /// configuration would take them, the fixtures on top of the state, without listening: so that
    /// a bad file stops a start before any port is bound.
    ///
    /// # Errors
    /// What does not fit, in which of the two documents, at its JSON pointer.
    pub fn check_documents(&self, state: Option<&[u8]>, fixtures: Option<&[u8]>) -> Result<(), DocumentsError> {
        let spaces = Spaces::new(self.template(), self.max_namespaces, self.max_objects);
        if let Some(state) = state {
            spaces.restore(document::parse_as(state).map_err(DocumentsError::State)?).map_err(DocumentsError::State)?;
        }
        if let Some(fixtures) = fixtures {
            let doc = document::parse(fixtures).map_err(DocumentsError::Fixtures)?;
            spaces.default_space().load(doc, self.max_objects).map_err(DocumentsError::Fixtures)?;
        }
        Ok(())
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
        let shared = Arc::new(Shared {
            spaces: Spaces::new(self.template(), self.max_namespaces, self.max_objects),
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
        let app = crate::middleware::app(shared.clone());
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
        let id = space.world().seed_account(org, name, now);
        id.unwrap_or_else(|| panic!("seed_account: no organization {org}"))
    }

    /// Adds a user to an organization as an active member (no audit entry: it
    /// stands for users that predate the test); returns the member id.
    pub fn seed_user(&self, org: &str, email: &str) -> String {
        let space = self.space();
        let now = space.now();
        space.world().seed_user(org, email, now)
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
