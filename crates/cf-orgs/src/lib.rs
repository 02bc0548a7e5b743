//! # cf-orgs
//!
//! The Rust SDK for the Cloudflare Organizations API: organizations, their
//! accounts, profile, members, audit logs, shares and billable usage.
//!
//! ```no_run
//! use cf_orgs::{Client, Credentials};
//! use futures::TryStreamExt;
//!
//! # async fn run() -> cf_orgs::Result<()> {
//! let client = Client::builder()
//!     .credentials(Credentials::global_api_key("ops@acme.example", "..."))
//!     .max_retries(3)
//!     .timeout(std::time::Duration::from_secs(30))
//!     .build()?;
//!
//! let org = client.organizations().create("Acme").send().await?;
//! let org = client.organizations().update(&org.id).name("Acme Corp").send().await?;
//! let roots: Vec<_> = client.organizations().list().roots_only().page_size(100).stream().try_collect().await?;
//!
//! let members = client.organization(&org.id).members();
//! members.create("alice@acme.example").send().await?;
//! let everyone: Vec<_> = members.list().stream().try_collect().await?;
//! # let _ = (roots, everyone);
//! # Ok(())
//! # }
//! ```
//!
//! What it does for you:
//! - **Auth**: exactly one of Cloudflare's three modes per request ([`Credentials`]);
//!   secrets print as `***` everywhere.
//! - **Envelope**: `result` unwrapped; `success: false` is an error; `messages` and
//!   `result_info` reachable through `.with_meta()` ([`Response`]).
//! - **Errors**: one [`Error`] with a [`kind`](Error::kind), the HTTP
//!   [`status`](Error::status), every API error code (as `i64`: they exceed `u16`), and the
//!   [`cf-ray`](Error::ray_id).
//! - **Retries**: backoff with jitter on 408/429/5xx and connection failures, honouring
//!   `Retry-After`; a POST is never re-sent once the server may have acted on it.
//! - **Rate limits**: every answer's `Ratelimit` headers read ([`RateLimit`]), and
//!   requests held until the reset when the announced budget is spent, by one pacer
//!   shared by a client and its clones ([`ClientBuilder::pace_rate_limits`]).
//! - **The server judges vocabulary and limits**: values the spec does not list
//!   (a newer enum value, a larger page size) are sent as given; only what cannot
//!   be sent correctly or safely (an id that is not one path segment) is refused.
//! - **Pagination**: `.stream()` follows every page, one page in memory at a time.
//! - **Tolerance**: unknown enum values are kept (`MemberStatus::Unknown("…")`), unknown
//!   fields ignored or kept in `other`.
//!
//! Every method returns a named builder (`ListMembers`, `CreateOrganization`,
//! …) with its own setters: await it, or `.send()`, `.with_meta()`, and for
//! lists `.stream()`. Every request is built from the request layer
//! generated from the spec; that crate is `cf_orgs::generated` with the
//! feature of that name, which also adds requests chosen at run time:
//! `Client::send_endpoint` (any operation of the request layer) and
//! `Client::raw` (any path under the base URL), through the same credentials,
//! retries, pacing and errors.
#![deny(missing_docs, unnameable_types, unreachable_pub)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The crate's README (its crates.io page), whose example compiles as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod client;
mod credentials;
#[cfg(feature = "generated")]
mod dynamic;
mod envelope;
mod error;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod ids;
mod open_enum;
mod operation;
mod pacer;
mod pagination;
mod rate_limit;
mod request;
mod resources;
mod retry;
#[cfg(test)]
mod spec_binding;
mod tls;
mod transport;

pub use client::{
    Client, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, USER_AGENT,
};
pub use credentials::{Credentials, env};
#[cfg(feature = "generated")]
#[cfg_attr(docsrs, doc(cfg(feature = "generated")))]
pub use dynamic::{NextPage, RawRequest, RequestPreview};
pub use envelope::{ApiMessage, Response, ResponseMeta};
pub use error::{ApiError, Error, ErrorKind, Result};
#[doc(inline)]
pub use ids::{AccountId, MemberId, OrganizationId};
pub use pacer::{MAX_PACER_WAIT, RateLimitWait};
pub use pagination::{ItemStream, Page};
pub use rate_limit::RateLimit;
/// A root certificate for [`ClientBuilder::add_root_certificate`] (reqwest's, from PEM or DER).
#[cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))))]
pub use reqwest::Certificate;
pub use resources::*;
pub use retry::{MAX_RETRY_DELAY, RetryEvent};

/// The crate generated from Cloudflare's spec: the request layer
/// (`generated::operations`, one struct per operation) and the strict types
/// (feature `generated`, or `schemars`, which brings it). Its names follow the
/// spec's operationIds, so they change when the spec renames one; cf-orgs's
/// own API does not.
#[cfg(feature = "generated")]
#[cfg_attr(docsrs, doc(cfg(feature = "generated")))]
pub use cf_orgs_gen as generated;
