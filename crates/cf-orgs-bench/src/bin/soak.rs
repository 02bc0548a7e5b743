//! Soak: N mixed operations, C at a time, against cf-orgs-mock with faults
//! on (429, 503, HTML 502, dropped connections, truncated bodies). Prints
//! operations per second, retries, and what the server holds against what
//! the client was told: lost (acknowledged, not there) and duplicated (there
//! more than once) must both be 0, or it exits 1.
//!
//! `cargo xtask soak [--ops N] [--concurrency C] [--fault-rate R] [--seed S]`
//! (runs `cargo run --release -p cf-orgs-bench --bin soak -- ...`)

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use cf_orgs::{Client, ErrorKind};
use cf_orgs_mock::{FaultPlan, Faults, MockServer};
use futures::{StreamExt, TryStreamExt};

struct Options {
    ops: u64,
    concurrency: usize,
    fault_rate: f64,
    seed: u64,
}

fn options() -> Result<Options, String> {
    let mut o = Options { ops: 10_000, concurrency: 32, fault_rate: 0.20, seed: 7 };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value:?}: {e}");
        match flag.as_str() {
            "--ops" => o.ops = value.parse().map_err(|e| bad(&e))?,
            "--concurrency" => o.concurrency = value.parse().map_err(|e| bad(&e))?,
            "--fault-rate" => o.fault_rate = value.parse().map_err(|e| bad(&e))?,
            "--seed" => o.seed = value.parse().map_err(|e| bad(&e))?,
            _ => return Err(format!("unknown flag {flag}; flags: --ops --concurrency --fault-rate --seed")),
        }
    }
    if !(0.0..=0.5).contains(&o.fault_rate) || o.concurrency == 0 {
        return Err("--fault-rate must be within 0..=0.5 and --concurrency above 0".into());
    }
    Ok(o)
}

/// The fault mix at `rate` in all: mostly 429 and 503, some edge HTML, dropped and truncated answers.
fn faults(rate: f64) -> Faults {
    Faults {
        rate_limit: rate * 0.35,
        server_error: rate * 0.35,
        html_error: rate * 0.10,
        drop_connection: rate * 0.10,
        truncate_body: rate * 0.10,
        retry_after: Duration::from_millis(5),
        latency: Duration::ZERO,
    }
}

#[derive(Default)]
struct Tally {
    ok: AtomicU64,
    failed: AtomicU64,
    retries: AtomicU64,
}

#[tokio::main]
async fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    // The soak measures faults and retries, not the rate limit: it sends more than 1,200 requests.
    let server = MockServer::builder().seed(o.seed).rate_limit(None).start().await;
    let tally = Arc::new(Tally::default());
    let counter = tally.clone();
    let client = Client::builder()
        .credentials(cf_orgs_testing::mock_credentials(&server))
        .base_url(server.base_url())
        .max_retries(6)
        .backoff(Duration::from_millis(1), Duration::from_millis(50))
        .on_retry(move |_| {
            counter.retries.fetch_add(1, Ordering::Relaxed);
        })
        .build()
        .expect("a client");
    let root = client.organizations().create("Soak Root").send().await.expect("the root organization");
    server.set_faults(FaultPlan::global(faults(o.fault_rate)));

    // Every create has a name of its own: the server's state then tells, name
    // by name, whether an acknowledged create was lost or a create happened twice.
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let failures = Arc::new(std::sync::Mutex::new(HashMap::<String, u64>::new()));
    let started = Instant::now();
    futures::stream::iter(0..o.ops)
        .for_each_concurrent(o.concurrency, |i| {
            let (client, root, tally) = (client.clone(), root.id.clone(), tally.clone());
            let (acknowledged, failures) = (acknowledged.clone(), failures.clone());
            async move {
                let org = client.organization(&root);
                let (created, outcome) = match i % 8 {
                    0 => {
                        let name = format!("sub-{i}");
                        let r = client.organizations().create(name.clone()).parent(&root).send().await.map(drop);
                        (Some(name), r)
                    }
                    1 | 2 => {
                        let email = format!("user{i}@soak.example");
                        (Some(email.clone()), org.members().create(email).send().await.map(drop))
                    }
                    3 => (None, client.organizations().get(&root).await.map(drop)),
                    4 => (None, org.members().list().page_size(100).send().await.map(drop)),
                    5 => (None, client.organizations().list().parent(&root).page_size(100).send().await.map(drop)),
                    6 => (None, org.audit_logs().list().limit(50).send().await.map(drop)),
                    _ => (None, org.profile().get().await.map(drop).or_else(not_found_is_fine)),
                };
                match outcome {
                    Ok(()) => {
                        tally.ok.fetch_add(1, Ordering::Relaxed);
                        if let Some(name) = created {
                            acknowledged.lock().expect("no panics").push(name);
                        }
                    }
                    Err(e) => {
                        tally.failed.fetch_add(1, Ordering::Relaxed);
                        let what = format!("{} {:?}", if created.is_some() { "create" } else { "read" }, e.kind());
                        *failures.lock().expect("no panics").entry(what).or_default() += 1;
                    }
                }
            }
        })
        .await;
    let seconds = started.elapsed().as_secs_f64();

    server.set_faults(FaultPlan::default());
    let mut held: HashMap<String, u64> = HashMap::new();
    let subs = client.organizations().list().parent(&root.id).page_size(1000).stream();
    let subs: Vec<_> = subs.try_collect().await.expect("listing sub-organizations");
    let members = client.organization(&root.id).members().list().page_size(1000).stream();
    let members: Vec<_> = members.try_collect().await.expect("listing members");
    for name in subs.into_iter().map(|o| o.name).chain(members.into_iter().map(|m| m.user.email)) {
        *held.entry(name).or_default() += 1;
    }
    let acknowledged = acknowledged.lock().expect("no panics").clone();
    let lost = acknowledged.iter().filter(|name| !held.contains_key(*name)).count();
    let duplicated = held.values().filter(|&&n| n > 1).count();
    // Created on the server although the client was told it failed (a body cut
    // after the handler ran): reported, never re-sent, so never doubled.
    let unacknowledged = held.len() - (acknowledged.len() - lost);

    let (ok, failed) = (tally.ok.load(Ordering::Relaxed), tally.failed.load(Ordering::Relaxed));
    println!(
        "soak: {} operations, {} at a time, {:.0}% of answers faulted (seed {})",
        o.ops,
        o.concurrency,
        o.fault_rate * 100.0,
        o.seed
    );
    println!("  {seconds:.2} s, {:.0} operations/s", o.ops as f64 / seconds);
    println!("  {ok} ok, {failed} failed, {} retries", tally.retries.load(Ordering::Relaxed));
    let mut failures: Vec<_> = failures.lock().expect("no panics").clone().into_iter().collect();
    failures.sort();
    for (what, n) in failures {
        println!("    failed: {n:>5} {what}");
    }
    println!(
        "  creates: {} acknowledged, {} held by the server ({unacknowledged} of them reported failed to the client)",
        acknowledged.len(),
        held.len()
    );
    println!("  lost = {lost}, duplicates = {duplicated}");
    if lost > 0 || duplicated > 0 || ok + failed != o.ops {
        std::process::exit(1);
    }
}

/// A profile that was never set answers 404: that is not a failure here.
fn not_found_is_fine(e: cf_orgs::Error) -> cf_orgs::Result<()> {
    if e.kind() == ErrorKind::NotFound { Ok(()) } else { Err(e) }
}
