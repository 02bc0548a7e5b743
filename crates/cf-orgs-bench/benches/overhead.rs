//! Per-request overhead: `client.organizations().get(&id)` beside the same GET
//! written by hand with raw reqwest + serde_json, each against its own
//! in-process loopback server answering the same canned envelope; one request
//! at a time, then 64 in flight. Goal: cf-orgs within 1.05x of raw.
//! `cargo bench -p cf-orgs-bench --bench overhead`
//!
//! Two kinds of figure. `get_organization/*` are criterion's usual benchmarks:
//! each runs alone for its own ten seconds, so two of them are measured at
//! different moments. `raw-reqwest-again` measures raw reqwest a second time,
//! later: on a shared machine its ratio to `raw-reqwest` shows how far the
//! machine's own speed moves between two windows. `paired/*` measure cf-orgs
//! and raw reqwest alternately inside every sample (the order swapped each
//! time), so both see the same machine; the ratio printed at the end is the
//! median over samples of (cf-orgs time / raw time) within each sample.

use std::future::{Future, IntoFuture};
use std::time::{Duration, Instant};

use cf_orgs::OrganizationId;
use cf_orgs_bench::canned::{self, CannedServer, ORGANIZATION_ENVELOPE};
use cf_orgs_bench::paired::Ratios;
use cf_orgs_bench::raw;
use criterion::{Criterion, criterion_group, criterion_main};
use futures::future::join_all;

const ID: &str = "a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8";
const IN_FLIGHT: usize = 64;

fn overhead(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    let start = || rt.block_on(CannedServer::start(ORGANIZATION_ENVELOPE)).expect("a loopback port");
    let (sdk_server, raw_server, again_server) = (start(), start(), start());
    let sdk = canned::sdk_client(&sdk_server.base_url);
    let id: OrganizationId = ID.parse().expect("a valid id");
    let sdk_get = move || {
        let request = sdk.organizations().get(&id);
        async move {
            let org = request.await.expect("cf-orgs get");
            assert_eq!(org.name, "Acme Corporation");
        }
    };
    let raw_client = |server: &CannedServer| {
        let http = canned::raw_client();
        let url = format!("{}/organizations/{ID}", server.base_url);
        move || {
            let (http, url) = (http.clone(), url.clone());
            async move {
                let org = raw::get::<raw::Organization>(&http, &url, &[]).await.expect("raw get").result;
                assert_eq!(org.expect("a result").name, "Acme Corporation");
            }
        }
    };
    let (raw_get, again_get) = (raw_client(&raw_server), raw_client(&again_server));

    let mut group = c.benchmark_group("get_organization");
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("cf-orgs/sequential", |b| b.to_async(&rt).iter(&sdk_get));
    group.bench_function("raw-reqwest/sequential", |b| b.to_async(&rt).iter(&raw_get));
    group.bench_function("cf-orgs/64-in-flight", |b| b.to_async(&rt).iter(|| batch(&sdk_get)));
    group.bench_function("raw-reqwest/64-in-flight", |b| b.to_async(&rt).iter(|| batch(&raw_get)));
    group.bench_function("raw-reqwest-again/64-in-flight", |b| b.to_async(&rt).iter(|| batch(&again_get)));
    group.finish();

    let mut group = c.benchmark_group("paired");
    group.measurement_time(Duration::from_secs(10));
    let sequential = Ratios::default();
    group.bench_function("cf-orgs-beside-raw/sequential", |b| {
        b.to_async(&rt).iter_custom(|iters| sample(&sequential, iters, &sdk_get, &raw_get))
    });
    let in_flight = Ratios::default();
    group.bench_function("cf-orgs-beside-raw/64-in-flight", |b| {
        b.to_async(&rt).iter_custom(|iters| sample(&in_flight, iters, || batch(&sdk_get), || batch(&raw_get)))
    });
    group.finish();
    println!("paired, cf-orgs / raw reqwest (median over samples, quartiles):");
    println!("  one at a time:   {}", sequential.summary());
    println!("  {IN_FLIGHT} in flight:    {}", in_flight.summary());
    // One pool per client: connections are opened once and reused, up to the
    // number in flight at once.
    println!("TCP connections opened: cf-orgs {}, raw reqwest {}", sdk_server.connections(), raw_server.connections());
}

/// `IN_FLIGHT` copies of `get`, each a task of its own, all awaited.
fn batch<F: Future<Output = ()> + Send + 'static>(get: impl Fn() -> F) -> impl Future<Output = ()> {
    let tasks = join_all((0..IN_FLIGHT).map(|_| tokio::spawn(get().into_future())));
    async move {
        for task in tasks.await {
            task.expect("the request task ran to the end");
        }
    }
}

/// Runs `sdk` and `raw` `iters` times each, alternately (the order swapped every iteration);
/// records their ratio in `ratios` and returns the time of `sdk`.
fn sample<A, B, FA, FB>(
    ratios: &Ratios,
    iters: u64,
    sdk: A,
    raw: B,
) -> impl Future<Output = Duration> + use<A, B, FA, FB>
where
    A: Fn() -> FA,
    B: Fn() -> FB,
    FA: Future<Output = ()>,
    FB: Future<Output = ()>,
{
    let ratios = ratios.clone();
    async move {
        let (mut sdk_time, mut raw_time) = (Duration::ZERO, Duration::ZERO);
        for i in 0..iters {
            if i % 2 == 0 {
                sdk_time += timed(sdk()).await;
                raw_time += timed(raw()).await;
            } else {
                raw_time += timed(raw()).await;
                sdk_time += timed(sdk()).await;
            }
        }
        ratios.record(sdk_time, raw_time);
        sdk_time
    }
}

async fn timed(work: impl Future<Output = ()>) -> Duration {
    let started = Instant::now();
    work.await;
    started.elapsed()
}

criterion_group!(benches, overhead);
criterion_main!(benches);
