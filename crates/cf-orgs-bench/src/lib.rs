//! Shared pieces of the evidence in `BENCHMARKS.md`: a canned loopback server
//! that counts its connections, the hand-written raw reqwest baseline, paired
//! ratios, and peak RSS. Nothing here is part of the SDK.

pub mod canned;
pub mod paired;
pub mod raw;
pub mod rss;

/// README.md's Rust blocks, compiled as doctests of this (unpublished) crate,
/// so that a claim the README makes about the API cannot drift from it.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// docs/maintaining.md's Rust blocks, as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/maintaining.md")]
pub struct MaintainingDoctests;

/// docs/releasing.md's Rust blocks, as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/releasing.md")]
pub struct ReleasingDoctests;

/// BENCHMARKS.md's Rust blocks, as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../BENCHMARKS.md")]
pub struct BenchmarksDoctests;
