//! cf-orgs-mock as a server: how fast the binary is ready, what 10,000 organizations loaded from
//! fixtures cost in memory, and requests per second on a lifecycle mix with 16 clients, strict
//! mode off and on side by side. `cargo bench -p cf-orgs-mock --bench server`
//!
//! Memory is no criterion figure: it is read once, before the benchmarks, from the binary's
//! `VmRSS` (Linux), empty and with the fixtures, and printed.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cf_orgs_mock::{MockServer, Strict};
use criterion::{Criterion, Throughput};
use serde_json::{Value, json};

const BINARY: &str = env!("CARGO_BIN_EXE_cf-orgs-mock");
const CLIENTS: usize = 16;
/// Requests in one client's lifecycle (see `lifecycle`).
const LIFECYCLE: usize = 7;
const ORGS: usize = 10_000;

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cf-orgs-mock-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// 10,000 organizations: 100 roots with 99 sub-organizations each, every one with a profile.
fn fixtures(dir: &Path) -> PathBuf {
    let mut organizations = Vec::with_capacity(ORGS);
    for root in 0..100 {
        for child in 0..100 {
            let id = format!("org-{root:03}-{child:03}");
            let parent = (child > 0).then(|| format!("org-{root:03}-000"));
            organizations.push(json!({
                "id": id, "name": format!("Organization {root}.{child}"), "parent": parent,
                "profile": { "business_name": format!("Business {root}.{child}"), "business_email": "ops@example.com",
                    "business_phone": "+1 555 0100", "business_address": "1 Main St", "external_metadata": "{}" }
            }));
        }
    }
    let path = dir.join("fixtures-10000.json");
    std::fs::write(&path, json!({ "organizations": organizations }).to_string()).expect("the fixtures written");
    path
}

/// Starts the binary and waits for its ready file: the process and how long it took.
fn start(dir: &Path, args: &[&str]) -> (Child, Duration) {
    let ready = dir.join(format!("ready-{}.json", fastrand_name()));
    let started = Instant::now();
    let child = Command::new(BINARY)
        .args(["--listen", "127.0.0.1:0", "--rate-limit", "off", "--ready-file"])
        .arg(&ready)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    while !ready.exists() {
        std::thread::sleep(Duration::from_micros(200));
        assert!(started.elapsed() < Duration::from_secs(60), "the binary did not get ready");
    }
    let took = started.elapsed();
    let _ = std::fs::remove_file(&ready);
    (child, took)
}

fn fastrand_name() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// The resident set of a process, in KiB (Linux `/proc`).
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn memory(dir: &Path, fixtures: &Path) {
    let (empty, _) = start(dir, &[]);
    let (loaded, took) = start(dir, &["--fixtures", fixtures.to_str().expect("a UTF-8 path")]);
    std::thread::sleep(Duration::from_millis(200));
    let (a, b) = (rss_kib(empty.id()), rss_kib(loaded.id()));
    let size = std::fs::metadata(fixtures).map(|m| m.len()).unwrap_or(0);
    match (a, b) {
        (Some(a), Some(b)) => println!(
            "memory: empty {:.1} MiB; with {ORGS} organizations from fixtures ({:.1} MiB of JSON, ready in {took:.0?}) {:.1} MiB: {:.0} bytes per organization",
            a as f64 / 1024.0,
            size as f64 / 1_048_576.0,
            b as f64 / 1024.0,
            (b.saturating_sub(a) * 1024) as f64 / ORGS as f64
        ),
        _ => println!("memory: /proc/PID/status has no VmRSS here"),
    }
    stop(empty);
    stop(loaded);
}

/// One client's lifecycle: create, get, rename, add a member, list members, remove them, delete.
async fn lifecycle(http: &reqwest::Client, base: &str, n: usize) {
    async fn call(request: reqwest::RequestBuilder) -> Value {
        let response = request.send().await.expect("an answer");
        assert!(response.status().is_success(), "{}", response.status());
        response.json().await.unwrap_or(Value::Null)
    }
    let org = call(http.post(format!("{base}/organizations")).json(&json!({ "name": format!("Bench {n}") }))).await;
    let id = org["result"]["id"].as_str().expect("an id").to_string();
    let at = format!("{base}/organizations/{id}");
    call(http.get(&at)).await;
    call(http.put(&at).json(&json!({ "name": format!("Bench {n} renamed") }))).await;
    let member = call(
        http.post(format!("{at}/members"))
            .json(&json!({ "member": { "user": { "email": format!("m{n}@example.com") } } })),
    )
    .await;
    let member = member["result"]["id"].as_str().expect("a member id").to_string();
    call(http.get(format!("{at}/members"))).await;
    call(http.delete(format!("{at}/members/{member}"))).await;
    call(http.delete(&at)).await;
}

fn http_client(server: &MockServer) -> reqwest::Client {
    let creds = server.mock_credentials();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-auth-email", creds.email.parse().expect("a header"));
    headers.insert("x-auth-key", creds.api_key.parse().expect("a header"));
    reqwest::Client::builder().default_headers(headers).build().expect("a client")
}

fn main() {
    let dir = scratch();
    let fixtures = fixtures(&dir);
    memory(&dir, &fixtures);

    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.bench_function("binary to ready file", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| {
                    let (child, took) = start(&dir, &[]);
                    stop(child);
                    took
                })
                .sum()
        })
    });
    group.bench_function("binary to ready file, 10000 organizations", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| {
                    let (child, took) = start(&dir, &["--fixtures", fixtures.to_str().expect("a UTF-8 path")]);
                    stop(child);
                    took
                })
                .sum()
        })
    });
    group.finish();

    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    let servers: Vec<(&str, MockServer)> = [("strict off", Strict::Off), ("strict fail", Strict::Fail)]
        .into_iter()
        .map(|(name, mode)| (name, rt.block_on(MockServer::builder().rate_limit(None).strict(mode).start())))
        .collect();
    let mut group = c.benchmark_group("lifecycle mix, 16 clients");
    group.throughput(Throughput::Elements((CLIENTS * LIFECYCLE) as u64));
    group.measurement_time(Duration::from_secs(10));
    for (name, server) in &servers {
        let http = http_client(server);
        let base: Arc<str> = server.base_url().into();
        group.bench_function(*name, |b| {
            b.to_async(&rt).iter(|| {
                let (http, base) = (http.clone(), base.clone());
                async move {
                    let clients = (0..CLIENTS).map(|n| {
                        let (http, base) = (http.clone(), base.clone());
                        tokio::spawn(async move { lifecycle(&http, &base, n).await })
                    });
                    for task in futures::future::join_all(clients).await {
                        task.expect("a lifecycle");
                    }
                }
            })
        });
    }
    group.finish();
    for (_, server) in &servers {
        assert!(server.strict_violations().is_empty(), "{:?}", server.strict_violations());
    }
    c.final_summary();
    let _ = std::fs::remove_dir_all(&dir);
}
