//! The `cf-orgs` command line against cf-orgs-mock, side by side in one run:
//!
//! - `audit export` of 1,000 and 100,000 entries (JSON lines to /dev/null): peak RSS of the
//!   cf-orgs process and entries per second, beside cf-orgs's own `audit_logs().list().stream()`
//!   in a process of its own. Goals: the two CLI peaks within 10 MB; the CLI within 1.2× of
//!   `stream()` in entries per second.
//! - the same export through `--jq .id` (each entry as it streams: its peak should not grow with
//!   the entries) and `--jq length --slurp` (the whole list held for one run: its peak does).
//! - `member import` of 2,000 rows against the mock limited to 120 requests per 10 s: wall time
//!   against the quota's floor (goal: at most 1.05×), and rows failed (goal: 0).
//!
//! ```text
//! cargo build --release -p cf-orgs-cli && cargo run --release -p cf-orgs-bench --bin cli
//! ```
//!
//! The binary is `target/release/cf-orgs` beside this one (or `CF_ORGS_BIN`). Each server runs
//! in a process of its own (this binary, `serve-audit N` / `serve-import`), so a client's peak is
//! its own.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cf_orgs::{Client, Credentials};
use cf_orgs_bench::rss;
use cf_orgs_mock::{MockCredentials, MockServer, Quota, Strict};
use futures::TryStreamExt;
use serde_json::json;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const SINCE: &str = "2026-11-01";
const UNTIL: &str = "2026-12-01";
const PAGE: &str = "1000";
const ROWS: usize = 2000;
const QUOTA: (u64, u64) = (120, 10);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => compare(),
        ["serve-audit", n] => serve_audit(n.parse().expect("an entry count")),
        ["serve-import"] => serve_import(),
        ["stream", url] => stream(url),
        ["measure", args @ ..] => measure(args),
        _ => Err("usage: cli [serve-audit N | serve-import | stream URL]".into()),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn cf_orgs_bin() -> Result<PathBuf> {
    if let Some(bin) = std::env::var_os("CF_ORGS_BIN") {
        return Ok(bin.into());
    }
    let me = std::env::current_exe()?;
    let bin = me.with_file_name("cf-orgs");
    if !bin.exists() {
        return Err(format!("{} is not built: cargo build --release -p cf-orgs-cli", bin.display()).into());
    }
    Ok(bin)
}

/// Starts this binary as a server; its first line is `URL`.
fn server(args: &[&str]) -> Result<(std::process::Child, String)> {
    let mut child =
        Command::new(std::env::current_exe()?).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn()?;
    let mut ready = String::new();
    BufReader::new(child.stdout.take().ok_or("no server stdout")?).read_line(&mut ready)?;
    Ok((child, ready.trim().to_string()))
}

/// The peak RSS (KiB) of the largest child waited for so far, from `getrusage`.
fn children_peak_kib() -> u64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes the struct it is given; RUSAGE_CHILDREN is a valid `who`.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init()
    };
    usage.ru_maxrss as u64
}

/// `cf-orgs ARGS` with the mock's email and key.
fn cf_orgs(args: &[&str]) -> Result<Command> {
    let creds = MockCredentials::default();
    let mut command = Command::new(cf_orgs_bin()?);
    command
        .args(args)
        .env("CLOUDFLARE_EMAIL", &creds.email)
        .env("CLOUDFLARE_API_KEY", &creds.api_key)
        .env_remove("CLOUDFLARE_API_TOKEN")
        .stdin(Stdio::null());
    Ok(command)
}

/// Runs `cf-orgs ARGS`, its output kept; with its wall time.
fn cli(args: &[&str]) -> Result<(Duration, std::process::Output)> {
    let started = Instant::now();
    let out = cf_orgs(args)?.output()?;
    Ok((started.elapsed(), out))
}

/// `audit export` of the benchmark's range from the mock at `url`, then `extra`.
fn export_args<'a>(url: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args =
        vec!["audit", "export", "acme", "--since", SINCE, "--until", UNTIL, "--page-size", PAGE, "--base-url", url];
    args.extend(extra);
    args
}

/// The `N` numbers of a measuring process's line.
fn numbers<const N: usize>(line: &[u8]) -> Result<[f64; N]> {
    let line = std::str::from_utf8(line)?;
    let numbers = line.split_whitespace().map(str::parse).collect::<std::result::Result<Vec<f64>, _>>()?;
    numbers.try_into().map_err(|_| format!("expected {N} numbers, got {line:?}").into())
}

fn compare() -> Result<()> {
    println!("audit export: {SINCE} to {UNTIL}, pages of {PAGE}, JSON lines to /dev/null");
    println!("| entries | client | peak RSS | entries/s | seconds |\n|---|---|---|---|---|");
    for n in [1_000u64, 100_000] {
        let (mut server, url) = server(&["serve-audit", &n.to_string()])?;
        // The SDK's own stream, in a process of its own.
        let out = Command::new(std::env::current_exe()?).args(["stream", &url]).output()?;
        if !out.status.success() {
            return Err(format!("stream: {}", String::from_utf8_lossy(&out.stderr)).into());
        }
        let [items, seconds, peak] = numbers(&out.stdout)?;
        assert_eq!(items as u64, n, "stream() saw every entry");
        println!("| {n} | cf-orgs `stream()` | {:.1} MiB | {:.0} | {seconds:.3} |", peak / 1024.0, items / seconds);
        // The CLI, its output to /dev/null, from a process of its own that reports its peak.
        let export = export_args(&url, &["-o", "jsonl"]);
        let out = Command::new(std::env::current_exe()?).arg("measure").args(&export).output()?;
        if !out.status.success() {
            return Err(format!("measure: {}", String::from_utf8_lossy(&out.stderr)).into());
        }
        let [seconds, peak] = numbers(&out.stdout)?;
        // The count, checked apart (not timed): every entry, once.
        let (_, counted) = cli(&export_args(&url, &["-q"]))?;
        let lines = counted.stdout.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count() as u64;
        assert_eq!(lines, n, "the export wrote every entry");
        println!(
            "| {n} | `cf-orgs audit export` | {:.1} MiB | {:.0} | {seconds:.3} |",
            peak / 1024.0,
            n as f64 / seconds
        );
        // --jq on each entry as it streams, and --slurp, which holds the whole list for one run.
        for (label, jq) in [("--jq .id", &["--jq", ".id"][..]), ("--jq length --slurp", &["--jq", "length", "--slurp"])]
        {
            let out = Command::new(std::env::current_exe()?).arg("measure").args(export_args(&url, jq)).output()?;
            if !out.status.success() {
                return Err(format!("measure {label}: {}", String::from_utf8_lossy(&out.stderr)).into());
            }
            let [seconds, peak] = numbers(&out.stdout)?;
            println!(
                "| {n} | `cf-orgs audit export {label}` | {:.1} MiB | {:.0} | {seconds:.3} |",
                peak / 1024.0,
                n as f64 / seconds
            );
        }
        let (_, counted) = cli(&export_args(&url, &["--jq", "length", "--slurp"]))?;
        assert_eq!(String::from_utf8_lossy(&counted.stdout).trim(), n.to_string(), "--slurp counted every entry");
        drop(server.stdin.take());
        server.wait()?;
    }

    let (requests, window) = QUOTA;
    let (mut server, url) = server(&["serve-import"])?;
    let (url, org) = url.split_once(' ').ok_or("serve-import's line")?;
    let dir = std::env::temp_dir().join(format!("cf-orgs-bench-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("people.csv");
    let rows: Vec<String> = (0..ROWS).map(|i| format!("user{i:05}@import.example,active")).collect();
    std::fs::write(&file, rows.join("\n") + "\n")?;
    let results = dir.join("results.jsonl");
    let _ = std::fs::remove_file(&results);
    // One list of the members there (empty: one page), then a batch per 10 rows.
    let sent = 1 + ROWS.div_ceil(10) as u64;
    let windows = sent.div_ceil(requests);
    let floor = (windows - 1) * window;
    let (elapsed, out) = cli(&[
        "member",
        "import",
        org,
        file.to_str().ok_or("path")?,
        "--results",
        results.to_str().ok_or("path")?,
        "--base-url",
        url,
    ])?;
    let text = std::fs::read_to_string(&results)?;
    let failed = text.lines().filter(|l| l.contains("\"status\":\"failed\"")).count();
    let created = text.lines().filter(|l| l.contains("\"status\":\"created\"")).count();
    println!(
        "\nmember import: {ROWS} rows ({sent} requests), the mock limited to {requests}/{window}s: floor {floor}.0 s ({windows} windows)"
    );
    println!("| rows | created | failed | exit | wall time | × floor |\n|---|---|---|---|---|---|");
    println!(
        "| {ROWS} | {created} | {failed} | {} | {:.1} s | {:.3} |",
        out.status.code().unwrap_or(-1),
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() / floor as f64
    );
    let _ = std::fs::remove_dir_all(&dir);
    drop(server.stdin.take());
    server.wait()?;
    Ok(())
}

/// Runs `cf-orgs ARGS` with its output to /dev/null; prints `seconds peak_kib` (this process's
/// only child is it, so the children's peak is its own).
fn measure(args: &[&str]) -> Result<()> {
    let started = Instant::now();
    let status = cf_orgs(args)?.stdout(Stdio::from(std::fs::File::create("/dev/null")?)).status()?;
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!("cf-orgs {}: {status}", args.join(" ")).into());
    }
    println!("{seconds} {}", children_peak_kib());
    Ok(())
}

/// A mock with organization `acme` and `n` audit entries in the range; prints `URL`.
fn serve_audit(n: u64) -> Result<()> {
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        let server = MockServer::builder().rate_limit(None).strict(Strict::Off).start().await;
        let audit: Vec<serde_json::Value> = (0..n)
            .map(|i| {
                json!({
                    "organization": { "id": "acme" },
                    "action": { "time": format!("2026-11-{:02}T{:02}:{:02}:{:02}Z", 1 + i % 28, i % 24, i / 24 % 60, i / 1440 % 60), "type": "update", "result": "success" },
                    "actor": { "email": format!("user{}@acme.example", i % 97), "type": "user" },
                    "resource": { "type": "member", "product": "organizations" }
                })
            })
            .collect();
        let doc = json!({ "organizations": [{ "id": "acme", "name": "Acme" }], "audit": audit });
        server.load_fixtures(doc.to_string().as_bytes()).map_err(|e| e.to_string())?;
        println!("{}", server.base_url());
        std::io::stdout().flush()?;
        tokio::task::spawn_blocking(|| std::io::stdin().lines().count()).await?;
        Ok(())
    })
}

/// A mock limited to the quota, with an empty organization; prints `URL ORG`.
fn serve_import() -> Result<()> {
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        let (requests, window) = QUOTA;
        let server = MockServer::builder().strict(Strict::Off).start().await;
        let client = Client::builder()
            .credentials(cf_orgs_testing::mock_credentials(&server))
            .base_url(server.base_url())
            .build()?;
        let org = client.organizations().create("Import Co").send().await?;
        // The quota starts after the set-up request: the import has every window to itself.
        server.set_rate_limit(Quota::new(requests, Duration::from_secs(window)));
        println!("{} {}", server.base_url(), org.id);
        std::io::stdout().flush()?;
        tokio::task::spawn_blocking(|| std::io::stdin().lines().count()).await?;
        Ok(())
    })
}

/// Streams every audit entry of the range with cf-orgs; prints `items seconds peak_kib`.
fn stream(url: &str) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let creds = MockCredentials::default();
    let date = |s: &str| chrono_date(s);
    let (items, seconds) = rt.block_on(async {
        let client = Client::builder()
            .credentials(Credentials::global_api_key(&creds.email, &creds.api_key))
            .base_url(url)
            .build()?;
        let started = Instant::now();
        let entries =
            client.organization("acme").audit_logs().list().since(date(SINCE)).before(date(UNTIL)).limit(1000).stream();
        let items = entries.try_fold(0u64, |n, _entry| async move { Ok(n + 1) }).await?;
        Ok::<_, Box<dyn std::error::Error>>((items, started.elapsed().as_secs_f64()))
    })?;
    println!("{items} {seconds} {}", rss::peak_kib().unwrap_or(0));
    Ok(())
}

fn chrono_date(text: &str) -> chrono::NaiveDate {
    text.parse().expect("a date")
}
