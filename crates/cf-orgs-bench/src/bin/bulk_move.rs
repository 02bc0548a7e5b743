//! A bulk move: N accounts moved into one organization with `client.move_all()` (C in flight,
//! the pacer on), against cf-orgs-mock limited to Q requests per window W. Prints the moves that
//! failed, the 429s the server sent, and wall time against the quota's floor (the earliest the
//! last move can be admitted: `(ceil(N / Q) - 1) * W`, with the server's fixed windows).
//!
//! `cargo run --release -p cf-orgs-bench --bin bulk_move -- [--accounts N] [--concurrency C] [--quota Q/W]`
//! (defaults: 2000 accounts, 8 in flight, 120/10s).

use std::time::{Duration, Instant};

use cf_orgs::Client;
use cf_orgs_mock::{MockServer, Quota};

fn options() -> Result<(u64, usize, Quota), String> {
    let (mut accounts, mut concurrency, mut quota) = (2000, 8, Quota::new(120, Duration::from_secs(10)));
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value:?}: {e}");
        match flag.as_str() {
            "--accounts" => accounts = value.parse().map_err(|e| bad(&e))?,
            "--concurrency" => concurrency = value.parse().map_err(|e| bad(&e))?,
            "--quota" => quota = value.parse().map_err(|e| bad(&e))?,
            _ => return Err(format!("unknown flag {flag}; flags: --accounts --concurrency --quota")),
        }
    }
    if accounts == 0 || concurrency == 0 {
        return Err("--accounts and --concurrency must be above 0".into());
    }
    Ok((accounts, concurrency, quota))
}

#[tokio::main]
async fn main() {
    let (n, concurrency, quota) = options().unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(2);
    });
    let server = MockServer::builder().rate_limit(None).journal_cap(100).start().await;
    let client = Client::builder()
        .credentials(cf_orgs_testing::mock_credentials(&server))
        .base_url(server.base_url())
        .build()
        .expect("a client");
    let from = client.organizations().create("From").send().await.expect("the setup");
    let to = client.organizations().create("To").send().await.expect("the setup");
    let accounts: Vec<String> =
        (0..n).map(|i| server.seed_account(from.id.as_str(), &format!("account {i}"))).collect();
    server.set_rate_limit(quota);
    let windows = n.div_ceil(quota.requests);
    let floor = quota.window * u32::try_from(windows - 1).unwrap_or(u32::MAX);
    println!(
        "{n} accounts, {concurrency} in flight, the mock limited to {quota}: floor {:.1} s ({windows} windows)",
        floor.as_secs_f64()
    );
    let start = Instant::now();
    let outcomes = client.move_all(accounts, &to.id).concurrency(concurrency).await;
    let wall = start.elapsed();
    let failed = outcomes.iter().filter(|o| o.result.is_err()).count();
    let ratio = if floor.is_zero() { f64::NAN } else { wall.as_secs_f64() / floor.as_secs_f64() };
    println!("| moved | failed | 429s sent | wall time | × floor |");
    println!("|---|---|---|---|---|");
    println!(
        "| {} | {failed} | {} | {:.1} s | {ratio:.3} |",
        outcomes.len() - failed,
        server.rate_limited(),
        wall.as_secs_f64()
    );
    if failed > 0 {
        std::process::exit(1);
    }
}
