//! Shared pieces of the evidence in `BENCHMARKS.md`: a canned loopback server
//! that counts its connections, the hand-written raw reqwest baseline, and
//! peak RSS. Nothing here is part of the SDK.

pub mod canned;
pub mod raw;
pub mod rss;
