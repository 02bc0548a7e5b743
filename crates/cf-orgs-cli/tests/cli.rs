//! The `cf-orgs` binary against cf-orgs-mock: generated commands, `api`, output formats, exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use cf_orgs_mock::MockServer;
use serde_json::Value;

/// Runs `cf-orgs ARGS` against `server` with its email and key (stdin optional).
fn run(server: &MockServer, args: &[&str], stdin: Option<&str>) -> Output {
    let creds = server.mock_credentials();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cf-orgs"))
        .args(args)
        .env_remove("CLOUDFLARE_API_TOKEN")
        .env("CLOUDFLARE_EMAIL", &creds.email)
        .env("CLOUDFLARE_API_KEY", &creds.api_key)
        .env("CLOUDFLARE_BASE_URL", server.base_url())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cf-orgs starts");
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

/// The JSON a successful run printed.
fn ok(server: &MockServer, args: &[&str]) -> Value {
    let out = run(server, args, None);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)))
}

/// The exit code and stderr of a failed run.
fn fails(server: &MockServer, args: &[&str]) -> (i32, String) {
    let out = run(server, args, None);
    assert!(!out.status.success(), "{args:?} succeeded");
    (out.status.code().unwrap(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_generated_commands_drive_a_lifecycle() {
    let server = MockServer::start().await;
    let out = run(&server, &["org", "create", "--body", "-"], Some(r#"{"name": "Acme"}"#));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let acme: Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = acme["id"].as_str().unwrap();
    assert_eq!(ok(&server, &["org", "get", id])["name"], "Acme");
    let found = ok(&server, &["org", "list", "--name-starts-with", "Ac", "--page-size", "5"]);
    assert_eq!(found.as_array().unwrap().len(), 1);
    let added = run(
        &server,
        &["member", "add", id, "--body", "-"],
        Some(r#"{"member": {"user": {"email": "a@acme.example"}}}"#),
    );
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let members =
        run(&server, &["member", "list", id, "-o", "jsonl", "--status", "pending", "--status", "active"], None);
    let lines: Vec<Value> =
        String::from_utf8_lossy(&members.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    let member = lines[0]["id"].as_str().unwrap().to_string();
    let removed = run(&server, &["member", "remove", id, &member], None);
    assert!(removed.status.success() && removed.stdout.is_empty(), "a 204 prints nothing");
    assert_eq!(ok(&server, &["org", "delete", id])["id"], id);
    assert!(server.strict_violations().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_that_is_not_the_operations_is_refused_before_sending() {
    let server = MockServer::start().await;
    let out = run(&server, &["org", "create", "--body", "-"], Some("{}"));
    assert_eq!(out.status.code(), Some(2), "a body without the required name is not the operation's body");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--body -"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(server.organization_count(), 0, "nothing was sent");
}

#[tokio::test(flavor = "multi_thread")]
async fn exit_codes_say_what_went_wrong() {
    let server = MockServer::start().await;
    let (code, stderr) = fails(&server, &["org", "get", "0000"]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.starts_with("error: 404 1003") && stderr.contains("cf-ray"),
        "one line, status, code, ray: {stderr}"
    );
    let (code, stderr) = fails(&server, &["org", "list", "--page-size", "lots"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--page-size \"lots\""), "{stderr}");
    let (code, _) = fails(&server, &["org", "frobnicate"]);
    assert_eq!(code, 2, "clap's usage error");
    let out = Command::new(env!("CARGO_BIN_EXE_cf-orgs"))
        .args(["org", "list"])
        .env_remove("CLOUDFLARE_API_TOKEN")
        .env("CLOUDFLARE_EMAIL", "someone@example.com")
        .env("CLOUDFLARE_API_KEY", "wrong-key")
        .env("CLOUDFLARE_BASE_URL", server.base_url())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("wrong-key"), "no secret in the error");
}

#[tokio::test(flavor = "multi_thread")]
async fn api_calls_any_path_and_follows_pages() {
    let server = MockServer::start().await;
    for name in ["A", "B", "C"] {
        let out =
            run(&server, &["api", "POST", "/organizations", "--body", "-"], Some(&format!(r#"{{"name": "{name}"}}"#)));
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let one_page = ok(&server, &["api", "GET", "/organizations", "-F", "page_size=2"]);
    assert_eq!(one_page.as_array().unwrap().len(), 2);
    let out = run(&server, &["api", "get", "/organizations", "-F", "page_size=2", "--paginate", "-o", "jsonl"], None);
    let names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["A", "B", "C"], "every page, in order");
    let (code, stderr) = fails(&server, &["api", "GET", "/../elsewhere"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _) = fails(&server, &["api", "BREW", "/organizations"]);
    assert_eq!(code, 2);
}

#[test]
fn help_shows_the_spec() {
    let out = Command::new(env!("CARGO_BIN_EXE_cf-orgs")).args(["audit", "list", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for wanted in [
        "--action-type-not",
        "--since <DATE>",
        "Credentials:",
        "[repeatable]",
        "GET /organizations/{organization_id}/logs/audit",
    ] {
        assert!(help.contains(wanted), "{wanted} in:\n{help}");
    }
    let version = Command::new(env!("CARGO_BIN_EXE_cf-orgs")).arg("--version").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("cf-orgs {}", env!("CARGO_PKG_VERSION")));
}

#[tokio::test(flavor = "multi_thread")]
async fn lists_follow_every_page_unless_told() {
    let server = MockServer::start().await;
    let client = cf_orgs_testing::mock_client(&server);
    let org = client.organizations().create("Paged").send().await.unwrap();
    for n in 0..5 {
        client.organization(&org.id).members().create(format!("m{n}@example.com")).send().await.unwrap();
    }
    let id = org.id.as_str();
    let all = ok(&server, &["member", "list", id, "--page-size", "2"]);
    assert_eq!(all.as_array().unwrap().len(), 5, "three pages, one array: {all}");
    let capped = run(&server, &["member", "list", id, "--page-size", "2", "--limit", "3", "-o", "jsonl"], None);
    assert_eq!(String::from_utf8_lossy(&capped.stdout).lines().count(), 3);
    let first = ok(&server, &["member", "list", id, "--page-size", "2", "--no-paginate"]);
    assert_eq!(first.as_array().unwrap().len(), 2);
    // The audit log pages by cursor; its spec's `limit` is the page size there too.
    let audit =
        ok(&server, &["audit", "list", id, "--since", "2000-01-01", "--before", "2100-01-01", "--page-size", "2"]);
    assert_eq!(audit.as_array().unwrap().len(), 6, "the create and five adds: {audit}");
    let none = ok(&server, &["member", "list", id, "--user-email", "nobody@example.com"]);
    assert_eq!(none, serde_json::json!([]));
    let pages = server.exchanges().iter().filter(|e| e.route == "GET /organizations/{organization_id}/members").count();
    assert_eq!(pages, 3 + 2 + 1 + 1, "--limit 3 stops after the second page of two");
}
