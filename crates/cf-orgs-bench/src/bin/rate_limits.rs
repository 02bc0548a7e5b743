//! Rate limits: N reads, C at a time, against cf-orgs-mock limited to Q
//! requests per window W, with cf-orgs's pacer on and then off, side by side
//! in one run. For each: reads that failed, 429s the server sent, and wall
//! time against the quota's floor (the earliest the last read can be
//! admitted: `(ceil(N / Q) - 1) * W`, with the server's fixed windows).
//!
//! `cargo run --release -p cf-orgs-bench --bin rate_limits -- [--reads N] [--concurrency C] [--quota Q/W] [--check]`
//! (defaults: 2000 reads, 16 in flight, 120/10s). With `--check` it exits 1
//! unless the pacer met the goals: 0 failed and 429s at most 1% of reads.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use cf_orgs::{Client, Credentials};
use cf_orgs_mock::{MockServer, Quota};
use futures::StreamExt;

struct Options {
    reads: u64,
    concurrency: usize,
    quota: Quota,
    check: bool,
}

fn options() -> Result<Options, String> {
    let mut o = Options { reads: 2000, concurrency: 16, quota: Quota::new(120, Duration::from_secs(10)), check: false };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--check" {
            o.check = true;
            continue;
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value:?}: {e}");
        match flag.as_str() {
            "--reads" => o.reads = value.parse().map_err(|e| bad(&e))?,
            "--concurrency" => o.concurrency = value.parse().map_err(|e| bad(&e))?,
            "--quota" => o.quota = value.parse().map_err(|e| bad(&e))?,
            _ => return Err(format!("unknown flag {flag}; flags: --reads --concurrency --quota --check")),
        }
    }
    if o.concurrency == 0 || o.reads == 0 {
        return Err("--reads and --concurrency must be above 0".into());
    }
    Ok(o)
}

struct Outcome {
    failed: u64,
    rate_limited: u64,
    waits: u64,
    wall: Duration,
}

/// `reads` organization lists with the API token (the setup used email + key,
/// which the mock counts apart), `concurrency` at a time.
async fn run(o: &Options, pace: bool) -> Outcome {
    let server = MockServer::builder().rate_limit(None).start().await;
    let setup = Client::builder()
        .credentials(cf_orgs_testing::mock_credentials(&server))
        .base_url(server.base_url())
        .build()
        .unwrap();
    setup.organizations().create("Paced Inc").send().await.expect("the setup request");
    server.set_rate_limit(o.quota);
    let token = &server.mock_credentials().api_token;
    let waits = Arc::new(AtomicU64::new(0));
    let seen = waits.clone();
    let client = Client::builder()
        .credentials(Credentials::api_token(token))
        .base_url(server.base_url())
        .pace_rate_limits(pace)
        .on_rate_limit_wait(move |_| {
            seen.fetch_add(1, Ordering::Relaxed);
        })
        .build()
        .unwrap();
    let failed = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    futures::stream::iter(0..o.reads)
        .for_each_concurrent(o.concurrency, |_| {
            let (client, failed) = (client.clone(), failed.clone());
            async move {
                if client.organizations().list().send().await.is_err() {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
            }
        })
        .await;
    let wall = start.elapsed();
    Outcome {
        failed: failed.load(Ordering::Relaxed),
        rate_limited: server.rate_limited(),
        waits: waits.load(Ordering::Relaxed),
        wall,
    }
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
    let windows = o.reads.div_ceil(o.quota.requests);
    let floor = o.quota.window * u32::try_from(windows - 1).unwrap_or(u32::MAX);
    println!(
        "{} reads, {} in flight, the mock limited to {} per credential: floor {:.1} s ({windows} windows)",
        o.reads,
        o.concurrency,
        o.quota,
        floor.as_secs_f64()
    );
    println!("| pacer | failed | 429s sent | 429s / reads | held (hook calls) | wall time | × floor |");
    println!("|---|---|---|---|---|---|---|");
    let mut paced = None;
    for pace in [true, false] {
        let r = run(&o, pace).await;
        let share = r.rate_limited as f64 / o.reads as f64;
        let ratio = if floor.is_zero() { f64::NAN } else { r.wall.as_secs_f64() / floor.as_secs_f64() };
        println!(
            "| {} | {} | {} | {:.2}% | {} | {:.1} s | {ratio:.3} |",
            if pace { "on" } else { "off" },
            r.failed,
            r.rate_limited,
            share * 100.0,
            r.waits,
            r.wall.as_secs_f64()
        );
        if pace {
            paced = Some((r.failed, share));
        }
    }
    if o.check
        && let Some((failed, share)) = paced
        && (failed > 0 || share > 0.01)
    {
        eprintln!("error: with the pacer on, {failed} reads failed and 429s were {:.2}% of reads", share * 100.0);
        std::process::exit(1);
    }
}
