//! Per-request overhead: `client.organizations().get(&id)` beside the same GET
//! written by hand with raw reqwest + serde_json, each against its own
//! in-process loopback server answering the same canned envelope; one request
//! at a time, then 64 in flight. Goal: cf-orgs within 1.10x of raw at the
//! median. `cargo bench -p cf-orgs-bench --bench overhead`

use std::future::IntoFuture;

use cf_orgs::{Client, Credentials, OrganizationId};
use cf_orgs_bench::canned::{CannedServer, ORGANIZATION_ENVELOPE};
use cf_orgs_bench::raw;
use criterion::{Criterion, criterion_group, criterion_main};
use futures::future::join_all;

const ID: &str = "a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8";

fn overhead(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    let (sdk_server, raw_server) = rt.block_on(async {
        let start = || CannedServer::start(ORGANIZATION_ENVELOPE);
        (start().await.expect("a loopback port"), start().await.expect("a loopback port"))
    });
    let sdk = Client::builder()
        .credentials(Credentials::global_api_key("bench@example.com", "bench-key"))
        .base_url(&sdk_server.base_url)
        .build()
        .expect("a client");
    // The same SDK without its per-attempt timeout (reqwest's defaults under the builder), to
    // tell what the timeout's timer costs when 64 requests are in flight.
    let untimed_server = rt.block_on(CannedServer::start(ORGANIZATION_ENVELOPE)).expect("a loopback port");
    let untimed = Client::builder()
        .credentials(Credentials::global_api_key("bench@example.com", "bench-key"))
        .base_url(&untimed_server.base_url)
        .http_client(reqwest::Client::builder())
        .build()
        .expect("a client");
    let http = raw::client("bench@example.com", "bench-key");
    let url = format!("{}/organizations/{ID}", raw_server.base_url);
    let id: OrganizationId = ID.parse().expect("a valid id");

    let sdk_get = || {
        let request = sdk.organizations().get(&id);
        async move {
            let org = request.await.expect("cf-orgs get");
            assert_eq!(org.name, "Acme Corporation");
        }
    };
    let untimed_get = || {
        let request = untimed.organizations().get(&id);
        async move {
            let org = request.await.expect("cf-orgs get");
            assert_eq!(org.name, "Acme Corporation");
        }
    };
    let raw_get = || async {
        let org = raw::get::<raw::Organization>(&http, &url, &[]).await.expect("raw get").result.expect("a result");
        assert_eq!(org.name, "Acme Corporation");
    };

    let mut group = c.benchmark_group("get_organization");
    group.measurement_time(std::time::Duration::from_secs(10));
    group.bench_function("cf-orgs/sequential", |b| b.to_async(&rt).iter(sdk_get));
    group.bench_function("raw-reqwest/sequential", |b| b.to_async(&rt).iter(raw_get));
    group.bench_function("cf-orgs/64-in-flight", |b| {
        b.to_async(&rt).iter(|| join_all((0..64).map(|_| tokio::spawn(sdk_get().into_future()))))
    });
    group.bench_function("cf-orgs-untimed/64-in-flight", |b| {
        b.to_async(&rt).iter(|| join_all((0..64).map(|_| tokio::spawn(untimed_get().into_future()))))
    });
    group.bench_function("raw-reqwest/64-in-flight", |b| {
        b.to_async(&rt).iter(|| {
            join_all((0..64).map(|_| {
                let (http, url) = (http.clone(), url.clone());
                tokio::spawn(async move {
                    let org = raw::get::<raw::Organization>(&http, &url, &[]).await.expect("raw get");
                    assert!(org.result.is_some());
                })
            }))
        })
    });
    group.finish();
    // One pool per client: connections are opened once and reused, up to the
    // number in flight at once.
    println!("TCP connections opened: cf-orgs {}, raw reqwest {}", sdk_server.connections(), raw_server.connections());
}

criterion_group!(benches, overhead);
criterion_main!(benches);
