//! With fault injection on: retries recover what is safe to recover, POSTs
//! are never duplicated, and every kind of fault reaches the client as the
//! error it should be.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use cf_orgs::{Client, ErrorKind};
use cf_orgs_mock::{FaultPlan, Faults, MockServer};
use futures::{StreamExt, TryStreamExt};

fn client(server: &MockServer, retries: u32) -> Client {
    Client::builder()
        .credentials(server.credentials())
        .base_url(server.base_url())
        .max_retries(retries)
        .backoff(Duration::from_millis(1), Duration::from_millis(20))
        .build()
        .unwrap()
}

#[derive(Default)]
struct Tally {
    ok: AtomicU64,
    failed: AtomicU64,
    creates_ok: AtomicU64,
    creates_failed: AtomicU64,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_mixed_operations_under_20_percent_429_and_503() {
    let server = MockServer::builder().seed(42).start().await;
    let setup = client(&server, 2);
    let org = setup.organizations().create("Fault Tolerance Inc").send().await.unwrap();
    server.set_faults(FaultPlan::global(Faults::flaky(0.10))); // 10% 429 + 10% 503

    let client = client(&server, 4);
    let tally = Arc::new(Tally::default());
    let before = server.creates();
    futures::stream::iter(0..1000u32)
        .for_each_concurrent(16, |i| {
            let (client, tally, org) = (client.clone(), tally.clone(), org.id.clone());
            async move {
                let o = client.organization(&org);
                let (is_create, outcome) = match i % 5 {
                    0 => (true, client.organizations().create(format!("sub-{i}")).parent(&org).send().await.map(drop)),
                    1 => (true, o.members().create(format!("user{i}@example.com")).send().await.map(drop)),
                    2 => (false, client.organizations().get(&org).await.map(drop)),
                    3 => (false, o.members().list().page_size(50).send().await.map(drop)),
                    _ => (false, client.organizations().list().parent(&org).page_size(100).send().await.map(drop)),
                };
                match (outcome, is_create) {
                    (Ok(()), true) => {
                        tally.ok.fetch_add(1, Ordering::Relaxed);
                        tally.creates_ok.fetch_add(1, Ordering::Relaxed);
                    }
                    (Ok(()), false) => {
                        tally.ok.fetch_add(1, Ordering::Relaxed);
                    }
                    (Err(e), create) => {
                        // A POST answered 503 is reported, never re-sent; nothing else may fail.
                        assert!(create && e.status() == Some(503), "op {i}: {e}");
                        tally.failed.fetch_add(1, Ordering::Relaxed);
                        tally.creates_failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        })
        .await;

    let (ok, failed) = (tally.ok.load(Ordering::Relaxed), tally.failed.load(Ordering::Relaxed));
    let creates_ok = tally.creates_ok.load(Ordering::Relaxed);
    let in_state = server.creates() - before;
    println!(
        "1000 operations: {ok} ok, {failed} failed (POSTs answered 503, reported not re-sent); creates: {creates_ok} acknowledged, {in_state} in the server's state"
    );
    assert_eq!(ok + failed, 1000, "every operation completed");
    assert_eq!(in_state, creates_ok, "no lost and no duplicated creates");
    // What the server holds matches, item by item.
    let members =
        client.organization(&org.id).members().list().page_size(1000).stream().try_collect::<Vec<_>>().await.unwrap();
    let subs =
        client.organizations().list().parent(&org.id).page_size(1000).stream().try_collect::<Vec<_>>().await.unwrap();
    assert_eq!((members.len() + subs.len()) as u64, creates_ok);
    assert!(failed > 0 && failed < 120, "about 10% of 400 POSTs meet a 503: {failed}");
}

#[tokio::test]
async fn concurrent_creates_lose_nothing() {
    let server = MockServer::start().await;
    let client = client(&server, 0);
    let org = client.organizations().create("Busy").send().await.unwrap();
    let results: Vec<_> = futures::stream::iter(0..200)
        .map(|i| {
            let client = client.clone();
            let org = org.id.clone();
            async move { client.organization(&org).members().create(format!("u{i}@busy.example")).send().await }
        })
        .buffer_unordered(32)
        .collect()
        .await;
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(server.member_count(org.id.as_str()), 200);
}

#[tokio::test]
async fn each_fault_reaches_the_client_as_its_error() {
    let server = MockServer::start().await;
    let client = client(&server, 0);
    let org = client.organizations().create("Acme").send().await.unwrap();
    let get = "GET /organizations/{organization_id}";
    let on_get = |f: Faults| FaultPlan::default().route(get, f);

    server.set_faults(on_get(Faults { html_error: 1.0, ..Faults::none() }));
    let err = client.organizations().get(&org.id).await.unwrap_err();
    assert_eq!((err.kind(), err.status()), (&ErrorKind::NonJson, Some(502)));
    assert!(err.ray_id().is_some() && err.body_excerpt().unwrap().contains("Bad gateway"));

    server.set_faults(on_get(Faults { drop_connection: 1.0, ..Faults::none() }));
    assert_eq!(client.organizations().get(&org.id).await.unwrap_err().kind(), &ErrorKind::Connection);

    server.set_faults(on_get(Faults { truncate_body: 1.0, ..Faults::none() }));
    assert_eq!(client.organizations().get(&org.id).await.unwrap_err().kind(), &ErrorKind::Connection);

    server.set_faults(on_get(Faults { rate_limit: 1.0, retry_after: Duration::from_secs(3), ..Faults::none() }));
    let err = client.organizations().get(&org.id).await.unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));

    let slow = Client::builder()
        .credentials(server.credentials())
        .base_url(server.base_url())
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .build()
        .unwrap();
    server.set_faults(on_get(Faults { latency: Duration::from_millis(500), ..Faults::none() }));
    assert!(slow.organizations().get(&org.id).await.unwrap_err().is_timeout());

    // Other routes were untouched throughout, and a truncated POST is not re-sent.
    server
        .set_faults(FaultPlan::default().route("POST /organizations", Faults { truncate_body: 1.0, ..Faults::none() }));
    let before = server.creates();
    let retrying = self::client(&server, 3);
    assert_eq!(retrying.organizations().create("Cut").send().await.unwrap_err().kind(), &ErrorKind::Connection);
    assert_eq!(server.creates() - before, 1, "the server acted once; the client did not send it again");
    server.set_faults(FaultPlan::default());
    assert_eq!(client.organizations().get(&org.id).await.unwrap().name, "Acme");
}
