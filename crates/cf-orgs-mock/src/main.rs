//! `cf-orgs-mock`: the mock as a server for any language's tests. See `--help`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cf_orgs_mock::{
    DocumentError, DocumentsError, FaultPlan, MockCredentials, MockServer, NAMESPACE_HEADER, Quota, Strict,
};
use clap::Parser;
use serde_json::json;

/// `--help`'s sections after the flags; its example route is one of the spec's operations.
fn after_help() -> String {
    let list = cf_orgs_gen::operations::Operation::OrganizationListOrganizations;
    let route = format!("{} {}", list.method(), list.path_template());
    format!(
        "\
FAULTS
  --faults takes groups separated by ';', each KIND=VALUE items separated by ',',
  for every route or, after 'route=METHOD TEMPLATE:', for one operation of the spec:
    429=0.1,503=0.05,latency=20ms
    route={route}:drop=0.2
  Rates from 0 to 1 (adding up to at most 1): 429 (with Retry-After), 503, 502 (Cloudflare's
  HTML page), drop (connection closed after the headers), truncate (half the body).
  Durations (ms, s, m): latency, retry-after. 'off' is none.

ADMIN API
  Under /__mock/ (described at /__mock/openapi.json): health, reset, fixtures, state, faults,
  requests (the journal), clock, shutdown. Each acts on the namespace the X-Mock-Namespace
  header names, the default one without it.

READY
  Once listening it prints one JSON line on stdout (and writes it to --ready-file, atomically):
  base_url, admin_url, port, credentials, namespace_header. Everything else goes to stderr."
    )
}

/// A stateful Cloudflare Organizations API server for tests: all the spec's operations under
/// /client/v4, an admin API under /__mock/, namespaces per test suite.
#[derive(Debug, Parser)]
#[command(name = "cf-orgs-mock", version, about, after_help = after_help())]
struct Args {
    /// Address to listen on; port 0 takes a free one.
    #[arg(long, default_value = "127.0.0.1:8787", value_name = "ADDR")]
    listen: SocketAddr,
    /// The X-Auth-Email accepted with --api-key.
    #[arg(long, value_name = "EMAIL")]
    email: Option<String>,
    /// The Global API key accepted (X-Auth-Key).
    #[arg(long, value_name = "KEY")]
    api_key: Option<String>,
    /// The API token accepted (Authorization: Bearer), for the operations the spec lets take one.
    #[arg(long, value_name = "TOKEN")]
    api_token: Option<String>,
    /// Seed of ids and fault draws: the same seed, the same run.
    #[arg(long, default_value_t = 0x5eed, value_name = "N")]
    seed: u64,
    /// A JSON document of organizations (parents, profiles, accounts, members, shares, usage) and
    /// audit entries, loaded into the default namespace at start.
    #[arg(long, value_name = "FILE")]
    fixtures: Option<PathBuf>,
    /// Faults in every namespace from the start (see FAULTS below).
    #[arg(long, value_name = "SPEC", value_parser = parse_faults)]
    faults: Option<FaultPlan>,
    /// Requests per window and credential, e.g. 120/10s or 1200/5m (Cloudflare's), or off.
    #[arg(long, default_value = "1200/5m", value_name = "N/WINDOW", value_parser = parse_rate_limit)]
    rate_limit: RateLimit,
    /// Loads every namespace from FILE at start (when it exists) and writes them back to it,
    /// atomically, on shutdown (SIGINT, SIGTERM, POST /__mock/shutdown).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// One JSON line per request on stderr: method, path, status, credential mode, namespace,
    /// duration. Never a secret.
    #[arg(long)]
    log: bool,
    /// Writes the ready line's JSON to FILE once listening (for harnesses that start it on port 0).
    #[arg(long, value_name = "FILE")]
    ready_file: Option<PathBuf>,
    /// The token the admin API wants (Authorization: Bearer); without one it is open.
    #[arg(long, value_name = "TOKEN", env = "CF_ORGS_MOCK_ADMIN_TOKEN", hide_env_values = true)]
    admin_token: Option<String>,
    /// Requests each namespace's journal keeps.
    #[arg(long, default_value_t = cf_orgs_mock::Builder::DEFAULT_JOURNAL_CAP, value_name = "N")]
    journal_cap: usize,
    /// Namespaces the server holds at once.
    #[arg(long, default_value_t = cf_orgs_mock::Builder::DEFAULT_MAX_NAMESPACES, value_name = "N")]
    max_namespaces: usize,
    /// Objects one namespace holds; past it, creates are answered 507.
    #[arg(long, default_value_t = cf_orgs_mock::Builder::DEFAULT_MAX_OBJECTS, value_name = "N")]
    max_objects: usize,
    /// Keeps answers' bodies in the journal too.
    #[arg(long)]
    record_bodies: bool,
    /// Checks every answer against the spec's response schema for its operation and status:
    /// `fail` (the default when given) answers a 500 naming a mismatch, `log` logs it on stderr.
    #[arg(long, value_name = "MODE", num_args = 0..=1, default_missing_value = "fail", value_parser = parse_strict)]
    strict: Option<Strict>,
}

fn parse_strict(text: &str) -> Result<Strict, String> {
    match text {
        "fail" => Ok(Strict::Fail),
        "log" => Ok(Strict::Log),
        "off" => Ok(Strict::Off),
        other => Err(format!("{other:?}: expected fail, log or off")),
    }
}

#[derive(Debug, Clone, Copy)]
struct RateLimit(Option<Quota>);

fn parse_rate_limit(text: &str) -> Result<RateLimit, String> {
    if text == "off" { Ok(RateLimit(None)) } else { text.parse().map(|q| RateLimit(Some(q))) }
}

fn parse_faults(text: &str) -> Result<FaultPlan, String> {
    text.parse()
}

/// A startup failure: what, and the exit code (2: bad input, 1: the system).
struct Fatal(String, u8);

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fatal(message, code)) => {
            eprintln!("cf-orgs-mock: error: {message}");
            ExitCode::from(code)
        }
    }
}

async fn run(args: Args) -> Result<(), Fatal> {
    let defaults = MockCredentials::default();
    let creds = MockCredentials {
        email: args.email.unwrap_or(defaults.email),
        api_key: args.api_key.unwrap_or(defaults.api_key),
        api_token: args.api_token.unwrap_or(defaults.api_token),
        user_service_key: defaults.user_service_key,
    };
    // Read every file before listening: a bad one stops the start, and nothing is written.
    let state = match &args.state {
        Some(path) if path.exists() => Some(read(path, "--state")?),
        _ => None,
    };
    let fixtures = args.fixtures.as_deref().map(|path| read(path, "--fixtures")).transpose()?;
    let builder = MockServer::builder()
        .credentials(creds.clone())
        .seed(args.seed)
        .listen(args.listen)
        .rate_limit(args.rate_limit.0)
        .faults(args.faults.unwrap_or_default())
        .log(args.log)
        .admin_token(args.admin_token)
        .journal_cap(args.journal_cap)
        .max_namespaces(args.max_namespaces)
        .max_objects(args.max_objects)
        .record(args.record_bodies)
        .strict(args.strict.unwrap_or(Strict::Off));
    // And every document checked as the server would load it: a bad one stops the start before
    // the port is bound, whatever else listens there.
    let named = |flag: &str, path: &Option<PathBuf>, e: DocumentError| {
        let path = path.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
        Fatal(format!("{flag} {path}: {e}"), 2)
    };
    builder.check_documents(state.as_deref(), fixtures.as_deref()).map_err(|e| match e {
        DocumentsError::State(e) => named("--state", &args.state, e),
        DocumentsError::Fixtures(e) => named("--fixtures", &args.fixtures, e),
    })?;
    let server = builder.try_start().await.map_err(|e| Fatal(format!("cannot listen on {}: {e}", args.listen), 1))?;
    if let (Some(bytes), Some(path)) = (&state, &args.state) {
        server.restore(bytes).map_err(|e| Fatal(format!("--state {}: {e}", path.display()), 2))?;
    }
    if let (Some(bytes), Some(path)) = (&fixtures, &args.fixtures) {
        server.load_fixtures(bytes).map_err(|e| Fatal(format!("--fixtures {}: {e}", path.display()), 2))?;
    }

    let ready = json!({
        "base_url": server.base_url(),
        "admin_url": server.admin_url(),
        "port": server.addr().port(),
        "address": server.addr().to_string(),
        "credentials": { "email": creds.email, "api_key": creds.api_key, "api_token": creds.api_token },
        "namespace_header": NAMESPACE_HEADER,
        "strict": format!("{:?}", args.strict.unwrap_or(Strict::Off)).to_lowercase(),
        "pid": std::process::id(),
    });
    if let Some(path) = &args.ready_file {
        write_atomically(path, format!("{ready}\n").as_bytes())
            .map_err(|e| Fatal(format!("--ready-file {}: {e}", path.display()), 1))?;
    }
    println!("{ready}");
    eprintln!("cf-orgs-mock {} listening on {}", env!("CARGO_PKG_VERSION"), server.base_url());
    eprintln!("  CLOUDFLARE_BASE_URL={}", server.base_url());
    eprintln!(
        "  admin API: {}/ (openapi.json, health, reset, fixtures, state, faults, requests, clock)",
        server.admin_url()
    );
    match args.rate_limit.0 {
        Some(quota) => eprintln!("  rate limit: {quota} per credential"),
        None => eprintln!("  rate limit: off"),
    }

    stopped(&server).await;
    eprintln!("cf-orgs-mock: shutting down");
    let saved = match &args.state {
        Some(path) => {
            let text = serde_json::to_vec_pretty(&server.state()).unwrap_or_default();
            write_atomically(path, &text)
                .map_err(|e| Fatal(format!("--state {}: not written, the old file is intact: {e}", path.display()), 1))
        }
        None => Ok(()),
    };
    server.shutdown().await;
    saved
}

fn read(path: &Path, flag: &str) -> Result<Vec<u8>, Fatal> {
    std::fs::read(path).map_err(|e| Fatal(format!("{flag} {}: {e}", path.display()), 2))
}

/// Resolves on SIGINT, SIGTERM or `POST /__mock/shutdown`.
async fn stopped(server: &MockServer) {
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
        () = server.shutdown_requested() => {}
    }
}

/// Writes `bytes` to a temporary file beside `path`, flushed to disk, then renames it over
/// `path`: a reader (or a crash) sees the old file or the new one, never half of either.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| std::io::Error::other("not a file name"))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}
