//! `cf-orgs-mock --listen 127.0.0.1:8787 --email E --api-key K --api-token T`

use std::net::SocketAddr;
use std::process::ExitCode;

use cf_orgs_mock::{MockCredentials, MockServer, Quota};

const USAGE: &str = "usage: cf-orgs-mock [--listen ADDR] [--email E] [--api-key K] [--api-token T] [--seed N] [--rate-limit N/WINDOW|off]
  --listen      address to listen on (default 127.0.0.1:8787; loopback unless you say otherwise)
  --rate-limit  requests per window and credential, e.g. 120/10s or 1200/5m (default 1200/5m, Cloudflare's), or off";

#[tokio::main]
async fn main() -> ExitCode {
    let mut creds = MockCredentials::default();
    let mut listen: SocketAddr = ([127, 0, 0, 1], 8787).into();
    let mut seed = 0x5eed;
    let mut rate_limit = Some(Quota::CLOUDFLARE);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let Some(value) = args.next().filter(|_| flag.starts_with("--") && flag != "--help") else {
            eprintln!("{USAGE}");
            return if flag == "--help" || flag == "-h" { ExitCode::SUCCESS } else { ExitCode::from(2) };
        };
        match flag.as_str() {
            "--listen" => match value.parse() {
                Ok(addr) => listen = addr,
                Err(e) => {
                    eprintln!("error: --listen {value:?}: {e}");
                    return ExitCode::from(2);
                }
            },
            "--email" => creds.email = value,
            "--api-key" => creds.api_key = value,
            "--api-token" => creds.api_token = value,
            "--seed" => match value.parse() {
                Ok(s) => seed = s,
                Err(e) => {
                    eprintln!("error: --seed {value:?}: {e}");
                    return ExitCode::from(2);
                }
            },
            "--rate-limit" if value == "off" => rate_limit = None,
            "--rate-limit" => match value.parse() {
                Ok(quota) => rate_limit = Some(quota),
                Err(e) => {
                    eprintln!("error: --rate-limit {e}");
                    return ExitCode::from(2);
                }
            },
            _ => {
                eprintln!("error: unknown flag {flag}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let builder = MockServer::builder().credentials(creds.clone()).seed(seed).listen(listen).rate_limit(rate_limit);
    let server = match builder.try_start().await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("error: cannot listen on {listen}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("cf-orgs-mock listening: {}", server.base_url());
    println!("  CLOUDFLARE_BASE_URL={}", server.base_url());
    println!("  CLOUDFLARE_EMAIL={} CLOUDFLARE_API_KEY={}", creds.email, creds.api_key);
    println!("  CLOUDFLARE_API_TOKEN={}  (list organizations, audit logs, billable usage)", creds.api_token);
    match rate_limit {
        Some(quota) => println!("  rate limit: {quota} per credential"),
        None => println!("  rate limit: off"),
    }
    let _ = tokio::signal::ctrl_c().await;
    server.shutdown().await;
    ExitCode::SUCCESS
}
