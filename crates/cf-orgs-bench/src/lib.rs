//! Shared pieces of the evidence in `BENCHMARKS.md`: a canned loopback server
//! that counts its connections, the hand-written raw reqwest baseline, and
//! peak RSS. Nothing here is part of the SDK.

pub mod canned;
pub mod raw;
pub mod rss;

/// The mock's email + Global API key, as the client's credentials: every operation takes them.
pub fn mock_credentials(server: &cf_orgs_mock::MockServer) -> cf_orgs::Credentials {
    let creds = server.mock_credentials();
    cf_orgs::Credentials::global_api_key(&creds.email, &creds.api_key)
}

/// README.md's Rust blocks, compiled as doctests of this (unpublished) crate,
/// so that a claim the README makes about the API cannot drift from it.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
