//! # cf-orgs-mock
//!
//! A stateful, in-memory Cloudflare Organizations API server: all 28
//! operations of the service with the real API's rules (parents, non-empty
//! deletes, accounts moved between organizations, tenants, page tokens bound to
//! their filters, per-operation auth, an audit log of every change), answers in Cloudflare's envelope with a `cf-ray`, rate limits per
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
mod middleware;
mod namespace;
mod paging;
mod rate_limit;
mod routes;
mod server;
mod shared;
mod strict;
mod world;

pub use auth::MockCredentials;
pub use document::{DocError as DocumentError, Loaded};
pub use faults::{FaultPlan, Faults};
pub use rate_limit::Quota;
pub use server::{Builder, DocumentsError, Exchange, MockServer};
pub use strict::Strict;

/// Where the API lives on the server, as on Cloudflare's.
pub const BASE_PATH: &str = "/client/v4";

/// The request header that selects a namespace: each has its own state, journal, faults, clock
/// and rate-limit counts.
pub const NAMESPACE_HEADER: &str = "X-Mock-Namespace";
