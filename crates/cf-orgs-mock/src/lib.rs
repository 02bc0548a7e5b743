//! # cf-orgs-mock
//!
//! A stateful, in-memory Cloudflare Organizations API server: all 17
//! operations with the real API's rules (parents, non-empty deletes, page
//! tokens bound to their filters, per-operation auth, an audit log of every
//! change), answers in Cloudflare's envelope with a `cf-ray`, rate limits per
//! credential with Cloudflare's headers, and fault injection that is
//! deterministic from a seed.
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

mod auth;
mod envelope;
mod faults;
mod paging;
mod rate_limit;
mod routes;
mod state;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::Value;
use tokio::sync::oneshot;

pub use auth::MockCredentials;
pub use faults::{FaultPlan, Faults};
pub use rate_limit::Quota;
use routes::Ray;
use state::{Account, World};

/// Where the API lives on the server, as on Cloudflare's.
pub const BASE_PATH: &str = "/client/v4";

/// State every request shares.
pub(crate) struct Shared {
    pub world: Mutex<World>,
    pub creds: MockCredentials,
    pub faults: Mutex<FaultPlan>,
    pub fault_rng: Mutex<fastrand::Rng>,
    pub ray_rng: Mutex<fastrand::Rng>,
    pub journal: Option<Mutex<Vec<Exchange>>>,
    pub limiter: Mutex<rate_limit::Limiter>,
}

/// One answer the server gave, recorded when [`Builder::record`] is on.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// `GET /organizations/{organization_id}`: the method and path template.
    pub route: String,
    /// The HTTP status.
    pub status: u16,
    /// The JSON body (`Null` for none).
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
        }
    }
}

impl Builder {
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

    /// Faults from the start.
    pub fn faults(mut self, plan: FaultPlan) -> Self {
        self.faults = plan;
        self
    }

    /// The address to listen on (default: a free loopback port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// Records every answer's route, status and body ([`MockServer::exchanges`]).
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
            world: Mutex::new(World::new(self.seed)),
            creds: self.credentials,
            faults: Mutex::new(self.faults),
            fault_rng: Mutex::new(fastrand::Rng::with_seed(self.seed ^ 0xfa17)),
            ray_rng: Mutex::new(fastrand::Rng::with_seed(self.seed ^ 0x4a7)),
            journal: self.record.then(|| Mutex::new(Vec::new())),
            limiter: Mutex::new(rate_limit::Limiter::new(self.rate_limit)),
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

    /// Replaces the faults in force.
    pub fn set_faults(&self, plan: FaultPlan) {
        *self.shared.faults.lock().unwrap_or_else(|p| p.into_inner()) = plan;
    }

    /// Replaces the rate limit in force (`None`: off), with every count started afresh.
    pub fn set_rate_limit(&self, quota: impl Into<Option<Quota>>) {
        *self.shared.limiter.lock().unwrap_or_else(|p| p.into_inner()) = rate_limit::Limiter::new(quota.into());
    }

    /// The rate limit in force.
    pub fn rate_limit(&self) -> Option<Quota> {
        self.shared.limiter.lock().unwrap_or_else(|p| p.into_inner()).quota
    }

    /// How many requests the rate limit refused (429) since it was set.
    pub fn rate_limited(&self) -> u64 {
        self.shared.limiter.lock().unwrap_or_else(|p| p.into_inner()).refused
    }

    fn world(&self) -> std::sync::MutexGuard<'_, World> {
        self.shared.world.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds an account to an organization; returns its id.
    ///
    /// # Panics
    /// When the organization does not exist.
    pub fn seed_account(&self, org: &str, name: &str) -> String {
        let mut w = self.world();
        assert!(w.orgs.contains_key(org), "seed_account: no organization {org}");
        let id = w.ids.tag();
        let pubname = name.to_lowercase().replace(' ', "-");
        let account_type = if name.to_lowercase().contains("enterprise") {
            cf_orgs_gen::types::OrganizationsApiAccountType::Enterprise
        } else {
            cf_orgs_gen::types::OrganizationsApiAccountType::Standard
        };
        let created_on = Utc::now();
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
        let mut w = self.world();
        let id = w.ids.tag();
        let user_id = w.ids.tag();
        let t = Utc::now();
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
        self.world().shares.entry(org.into()).or_default().push(share);
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
        self.world().usage.entry(org.into()).or_default().extend(records);
    }

    /// How many creates (organizations and members) succeeded.
    pub fn creates(&self) -> u64 {
        self.world().creates
    }

    /// How many organizations exist.
    pub fn organization_count(&self) -> usize {
        self.world().orgs.len()
    }

    /// How many members an organization has.
    pub fn member_count(&self, org: &str) -> usize {
        self.world().members.values().filter(|m| m.org == org).count()
    }

    /// How many audit log entries exist.
    pub fn audit_count(&self) -> usize {
        self.world().audit.len()
    }

    /// Every answer so far, when recording is on.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.shared.journal.as_ref().map(|j| j.lock().unwrap_or_else(|p| p.into_inner()).clone()).unwrap_or_default()
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
    let api = routes::router(BASE_PATH)
        .route_layer(middleware::from_fn_with_state(shared.clone(), record))
        .route_layer(middleware::from_fn_with_state(shared.clone(), faults::inject))
        .method_not_allowed_fallback(|| async {
            envelope::error(StatusCode::METHOD_NOT_ALLOWED, 7001, "Method not allowed for this route")
        })
        .fallback(|request: Request| async move {
            envelope::error(
                StatusCode::NOT_FOUND,
                7003,
                format!("Could not route to {}, perhaps your object identifier is invalid?", request.uri().path()),
            )
        })
        .with_state(shared.clone());
    api.layer(middleware::from_fn_with_state(shared.clone(), rate_limit::limit))
        .layer(middleware::from_fn_with_state(shared, ray))
}

/// Gives every request a ray id, and every answer its `cf-ray` header.
async fn ray(State(shared): State<Arc<Shared>>, mut request: Request, next: Next) -> Response {
    let ray = format!("{:016x}-SJC", shared.ray_rng.lock().unwrap_or_else(|p| p.into_inner()).u64(..));
    request.extensions_mut().insert(Ray(ray.clone()));
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&ray) {
        response.headers_mut().insert("cf-ray", value);
    }
    response
}

/// Records answers (route, status, body) when the server was built with `record(true)`.
async fn record(
    State(shared): State<Arc<Shared>>,
    matched: Option<MatchedPath>,
    request: Request,
    next: Next,
) -> Response {
    let Some(journal) = &shared.journal else { return next.run(request).await };
    let route = faults::route_key(request.method().as_str(), matched.as_ref().map(MatchedPath::as_str).unwrap_or(""));
    let response = next.run(request).await;
    let (parts, body) = response.into_parts();
    let bytes: Bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let json = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap_or(Value::Null) };
    journal.lock().unwrap_or_else(|p| p.into_inner()).push(Exchange {
        route,
        status: parts.status.as_u16(),
        body: json,
    });
    Response::from_parts(parts, axum::body::Body::from(bytes)).into_response()
}
