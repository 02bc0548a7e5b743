//! The `cf-orgs-mock` binary: listens where told, prints its base URL and
//! credentials, and accepts the credentials it was given.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use cf_orgs::{Client, Credentials, ErrorKind};

/// Starts the binary with `args`: the process, the base URL it prints, and the four lines after it.
fn start(args: &[&str]) -> (std::process::Child, String, Vec<String>) {
    let mut child =
        Command::new(env!("CARGO_BIN_EXE_cf-orgs-mock")).args(args).stdout(Stdio::piped()).spawn().expect("it starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let base = first.rsplit(' ').next().unwrap().to_string();
    let rest: Vec<String> = lines.take(4).map(Result::unwrap).collect();
    (child, base, rest)
}

#[tokio::test]
async fn the_binary_serves_with_the_given_credentials() {
    let (mut child, base, rest) =
        start(&["--listen", "127.0.0.1:0", "--email", "e@x.example", "--api-key", "K123", "--api-token", "T456"]);
    assert!(base.starts_with("http://127.0.0.1:") && base.ends_with("/client/v4"), "{base}");
    assert!(rest.iter().any(|l| l.contains("CLOUDFLARE_API_KEY=K123")), "{rest:?}");

    let client = Client::builder()
        .credentials(Credentials::global_api_key("e@x.example", "K123"))
        .base_url(&base)
        .build()
        .unwrap();
    let org = client.organizations().create("From the binary").send().await.unwrap();
    let token = Client::builder().credentials(Credentials::api_token("T456")).base_url(&base).build().unwrap();
    assert_eq!(token.organizations().list().send().await.unwrap().items[0].id, org.id);
    let wrong = Client::builder().credentials(Credentials::api_token("nope")).base_url(&base).build().unwrap();
    assert_eq!(wrong.organizations().list().send().await.unwrap_err().kind(), ErrorKind::Forbidden);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_bad_flag_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_cf-orgs-mock")).args(["--listen", "not-an-address"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--listen"));
}

#[tokio::test]
async fn the_binary_limits_as_told() {
    let (mut child, base, rest) = start(&["--listen", "127.0.0.1:0", "--rate-limit", "2/60s"]);
    assert!(rest.iter().any(|l| l.contains("rate limit: 2/60s")), "{rest:?}");
    let client = Client::builder()
        .credentials({
            let c = cf_orgs_mock::MockCredentials::default();
            Credentials::global_api_key(c.email, c.api_key)
        })
        .base_url(&base)
        .pace_rate_limits(false)
        .max_retries(0)
        .build()
        .unwrap();
    for _ in 0..2 {
        client.organizations().list().send().await.unwrap();
    }
    let err = client.organizations().list().send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert!(err.retry_after().is_some_and(|w| w.as_secs() > 50), "{err:?}");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_bad_rate_limit_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_cf-orgs-mock")).args(["--rate-limit", "lots"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("REQUESTS/WINDOW"));
}
