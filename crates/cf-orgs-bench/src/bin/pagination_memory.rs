//! Streams 1,000 and then 100,000 members from cf-orgs-mock in pages of 1,000,
//! with cf-orgs and with raw reqwest + serde_json, and prints the peak RSS and
//! items per second of each. Goal: the two cf-orgs peaks differ by under
//! 10 MB; cf-orgs within 1.2x of raw in items per second.
//!
//! `cargo run --release -p cf-orgs-bench --bin pagination_memory`
//!
//! Each measurement runs in a fresh process of its own (this binary, called
//! with `stream`), and the server in another (`serve`), so a peak counts only
//! the client streaming, not the server's state or an earlier run.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Instant;

use cf_orgs::{Client, Credentials};
use cf_orgs_bench::{raw, rss};
use cf_orgs_mock::{MockCredentials, MockServer};
use futures::TryStreamExt;

const PAGE: u32 = 1000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => compare(&[1_000, 100_000]),
        ["serve", n] => serve(n.parse().expect("a member count")),
        ["stream", mode, url, org] => stream(mode, url, org),
        _ => Err("usage: pagination_memory [serve N | stream cf-orgs|raw URL ORG]".into()),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The orchestrator: a server per size, a streaming process per client.
fn compare(sizes: &[u64]) -> Result<()> {
    let me = std::env::current_exe()?;
    println!(
        "{:>8}  {:<8} {:>13} {:>10} {:>8} {:>14}",
        "members", "client", "peak RSS MiB", "items/s", "seconds", "client CPU s"
    );
    for &n in sizes {
        let mut server =
            Command::new(&me).args(["serve", &n.to_string()]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn()?;
        let mut ready = String::new();
        BufReader::new(server.stdout.take().ok_or("no server stdout")?).read_line(&mut ready)?;
        let [url, org] = ready.split_whitespace().collect::<Vec<_>>()[..] else {
            return Err(format!("the server said {ready:?}").into());
        };
        for mode in ["cf-orgs", "raw"] {
            let out = Command::new(&me).args(["stream", mode, url, org]).output()?;
            if !out.status.success() {
                return Err(format!("stream {mode}: {}", String::from_utf8_lossy(&out.stderr)).into());
            }
            let line = String::from_utf8(out.stdout)?;
            let [items, seconds, peak, cpu]: [f64; 4] = line
                .split_whitespace()
                .map(str::parse)
                .collect::<std::result::Result<Vec<f64>, _>>()?
                .try_into()
                .map_err(|_| format!("stream {mode} said {line:?}"))?;
            if items as u64 != n {
                return Err(format!("stream {mode} saw {items} members of {n}").into());
            }
            println!(
                "{n:>8}  {mode:<8} {:>13.1} {:>10.0} {:>8.3} {cpu:>14.2}",
                peak / 1024.0,
                items / seconds,
                seconds
            );
        }
        // Closing its stdin stops the server.
        drop(server.stdin.take());
        server.wait()?;
    }
    Ok(())
}

/// A mock with one organization of `n` members; prints `URL ORG`, serves until stdin closes.
fn serve(n: u64) -> Result<()> {
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        // Pages, not the rate limit, are measured here.
        let server = MockServer::builder().rate_limit(None).start().await;
        let client = Client::builder()
            .credentials(cf_orgs_testing::mock_credentials(&server))
            .base_url(server.base_url())
            .build()?;
        let org = client.organizations().create("Big Co").send().await?;
        for i in 0..n {
            server.seed_user(org.id.as_str(), &format!("user{i:06}@big.example"));
        }
        println!("{} {}", server.base_url(), org.id);
        std::io::stdout().flush()?;
        tokio::task::spawn_blocking(|| std::io::stdin().lines().count()).await?;
        Ok(())
    })
}

/// Streams every member; prints `items seconds peak_kib cpu_seconds`.
fn stream(mode: &str, url: &str, org: &str) -> Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let creds = MockCredentials::default();
    let (items, seconds) = rt.block_on(async {
        let started = Instant::now();
        let items = match mode {
            "cf-orgs" => {
                let client = Client::builder()
                    .credentials(Credentials::global_api_key(&creds.email, &creds.api_key))
                    .base_url(url)
                    .build()?;
                let members = client.organization(org).members().list().page_size(PAGE).stream();
                members.try_fold(0u64, |n, _member| async move { Ok(n + 1) }).await?
            }
            "raw" => raw_stream(url, org, &creds).await?,
            other => return Err(format!("unknown client {other:?}").into()),
        };
        Ok::<_, Box<dyn std::error::Error>>((items, started.elapsed().as_secs_f64()))
    })?;
    let peak = rss::peak_kib().ok_or("no VmHWM in /proc/self/status")?;
    println!("{items} {seconds} {peak} {}", rss::cpu_seconds().ok_or("no /proc/self/stat")?);
    Ok(())
}

/// The same pages by hand: GET, decode, follow `next_page_token`.
async fn raw_stream(url: &str, org: &str, creds: &MockCredentials) -> Result<u64> {
    let http = raw::client(&creds.email, &creds.api_key);
    let url = format!("{url}/organizations/{org}/members");
    let size = PAGE.to_string();
    let (mut items, mut token) = (0u64, None::<String>);
    loop {
        let mut query = vec![("page_size", size.as_str())];
        if let Some(t) = &token {
            query.push(("page_token", t));
        }
        let page = raw::get::<Vec<raw::Member>>(&http, &url, &query).await?;
        items += page.result.map_or(0, |r| r.len() as u64);
        token = page.result_info.and_then(|i| i["next_page_token"].as_str().map(str::to_string));
        if token.is_none() {
            return Ok(items);
        }
    }
}
