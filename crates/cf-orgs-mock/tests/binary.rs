//! The `cf-orgs-mock` binary, as a harness in any language drives it: started on port 0, it
//! announces itself in one JSON line (and a ready file), takes fixtures, faults and a state file,
//! logs without secrets, and writes its state back when stopped.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use cf_orgs::{Client, Credentials, ErrorKind};
use serde_json::{Value, json};

/// A running binary: the process and its ready line.
struct Mock {
    child: Child,
    ready: Value,
}

impl Mock {
    /// Starts the binary on port 0 with `args`, and reads its ready line.
    fn start(args: &[&str]) -> Self {
        Self::start_with(args, Stdio::null())
    }

    fn start_with(args: &[&str], stderr: Stdio) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cf-orgs-mock"))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("it starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let ready = serde_json::from_str(&line).unwrap_or_else(|e| panic!("the ready line is JSON: {e}: {line:?}"));
        Self { child, ready }
    }

    fn base_url(&self) -> &str {
        self.ready["base_url"].as_str().unwrap()
    }

    fn client(&self) -> Client {
        let creds = &self.ready["credentials"];
        Client::builder()
            .credentials(Credentials::global_api_key(
                creds["email"].as_str().unwrap(),
                creds["api_key"].as_str().unwrap(),
            ))
            .base_url(self.base_url())
            .build()
            .unwrap()
    }

    /// Sends SIGTERM and waits: the exit code.
    fn terminate(mut self) -> Option<i32> {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
        self.child.wait().unwrap().code()
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A directory of its own under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("binary-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The binary's exit code and stderr when it refuses to start.
fn refused(args: &[&str]) -> (Option<i32>, String) {
    // On a free port unless the case is the address itself: a refusal must not depend on whether
    // something else on the machine listens on the default one.
    let port = if args.contains(&"--listen") { &[][..] } else { &["--listen", "127.0.0.1:0"][..] };
    let out = Command::new(env!("CARGO_BIN_EXE_cf-orgs-mock")).args(port).args(args).output().unwrap();
    assert!(out.stdout.is_empty(), "no ready line");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[tokio::test]
async fn the_binary_serves_with_the_given_credentials() {
    let mock = Mock::start(&["--email", "e@x.example", "--api-key", "K123", "--api-token", "T456"]);
    assert!(mock.base_url().starts_with("http://127.0.0.1:") && mock.base_url().ends_with("/client/v4"));
    assert_eq!(mock.ready["credentials"]["api_key"], "K123");
    assert_eq!(mock.ready["namespace_header"], "X-Mock-Namespace");
    assert_eq!(mock.ready["strict"], "off", "the binary checks answers when told to");
    let org = mock.client().organizations().create("From the binary").send().await.unwrap();
    let token =
        Client::builder().credentials(Credentials::api_token("T456")).base_url(mock.base_url()).build().unwrap();
    assert_eq!(token.organizations().list().send().await.unwrap().items[0].id, org.id);
    let wrong =
        Client::builder().credentials(Credentials::api_token("nope")).base_url(mock.base_url()).build().unwrap();
    assert_eq!(wrong.organizations().list().send().await.unwrap_err().kind(), ErrorKind::Forbidden);
}

#[test]
fn help_and_version_answer() {
    let help = Command::new(env!("CARGO_BIN_EXE_cf-orgs-mock")).arg("--help").output().unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--fixtures",
        "--faults",
        "--state",
        "--log",
        "--ready-file",
        "--admin-token",
        "route=GET /organizations:drop=0.2",
    ] {
        assert!(text.contains(flag), "--help names {flag}");
    }
    let version = Command::new(env!("CARGO_BIN_EXE_cf-orgs-mock")).arg("--version").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("cf-orgs-mock {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn bad_flags_and_files_stop_the_start_naming_what_is_wrong() {
    let dir = scratch("bad");
    let fixtures = dir.join("fixtures.json");
    std::fs::write(
        &fixtures,
        r#"{"organizations": [{"name": "A", "members": [{"email": "a@b.example", "status": "asleep"}]}]}"#,
    )
    .unwrap();
    let state = dir.join("state.json");
    std::fs::write(&state, "{\"namespaces\": {\"default\": {\"organizations\": [{\"nam\": \"typo\"}]}}}").unwrap();
    let f = fixtures.to_str().unwrap();
    let s = state.to_str().unwrap();
    for (args, says) in [
        (vec!["--listen", "not-an-address"], "--listen"),
        (vec!["--rate-limit", "lots"], "REQUESTS/WINDOW"),
        (vec!["--faults", "503=2"], "not a rate"),
        (vec!["--faults", "route=GET /nowhere:503=1"], "not an operation of the spec"),
        (vec!["--fixtures", f], "/organizations/0/members/0/status"),
        (vec!["--fixtures", "/no/such/file.json"], "/no/such/file.json"),
        (vec!["--state", s], "/namespaces/default/organizations/0"),
        (vec!["--bogus"], "--bogus"),
        (vec!["--strict", "maybe"], "expected fail, log or off"),
    ] {
        let (code, stderr) = refused(&args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    assert!(
        std::fs::read_to_string(&state).unwrap().contains("typo"),
        "a state that failed to load is not overwritten"
    );
    // Every file is checked before the port is bound: a taken port does not hide a bad file.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    for (file, says) in
        [(["--fixtures", f], "/organizations/0/members/0/status"), (["--state", s], "/namespaces/default")]
    {
        let (code, stderr) = refused(&["--listen", &address, file[0], file[1]]);
        assert_eq!(code, Some(2), "{stderr}");
        assert!(stderr.contains(says) && !stderr.contains("cannot listen"), "{stderr}");
    }
    let (code, stderr) = refused(&["--listen", &address]);
    assert_eq!(code, Some(1), "and with good files, the taken port is what stops it: {stderr}");
    assert!(stderr.contains("cannot listen"), "{stderr}");
}

#[tokio::test]
async fn the_ready_file_fixtures_and_faults_from_the_command_line() {
    let dir = scratch("ready");
    let ready_file = dir.join("ready.json");
    let fixtures = dir.join("fixtures.json");
    std::fs::write(
        &fixtures,
        json!({ "organizations": [{ "id": "acme", "name": "Acme", "members": [{ "email": "a@acme.example" }] }] })
            .to_string(),
    )
    .unwrap();
    let mock = Mock::start(&[
        "--strict",
        "--ready-file",
        ready_file.to_str().unwrap(),
        "--fixtures",
        fixtures.to_str().unwrap(),
        "--faults",
        "route=GET /organizations:503=1",
        "--rate-limit",
        "off",
    ]);
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&ready_file).unwrap()).unwrap();
    assert_eq!(written, mock.ready);
    assert_eq!(written["strict"], "fail");
    assert_ne!(written["port"], 0, "port 0 became a real port");
    assert!(written["admin_url"].as_str().unwrap().ends_with("/__mock"));
    let client = mock.client();
    assert_eq!(client.organization("acme").members().list().send().await.unwrap().items.len(), 1);
    let no_retries = Client::builder()
        .credentials(Credentials::global_api_key(
            cf_orgs_mock::MockCredentials::default().email,
            cf_orgs_mock::MockCredentials::default().api_key,
        ))
        .base_url(mock.base_url())
        .max_retries(0)
        .build()
        .unwrap();
    assert_eq!(no_retries.organizations().list().send().await.unwrap_err().status(), Some(503));
}

#[tokio::test]
async fn the_binary_limits_as_told() {
    let mock = Mock::start(&["--rate-limit", "2/60s"]);
    let creds = cf_orgs_mock::MockCredentials::default();
    let client = Client::builder()
        .credentials(Credentials::global_api_key(creds.email, creds.api_key))
        .base_url(mock.base_url())
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
}

#[tokio::test]
async fn the_log_has_a_line_per_request_and_no_secret() {
    let mut mock =
        Mock::start_with(&["--log", "--api-key", "sup3r-s3cret-key", "--api-token", "t0ken-s3cret"], Stdio::piped());
    let client = mock.client();
    let org = client.organizations().create("Logged").send().await.unwrap();
    client.organizations().get(&org.id).await.unwrap();
    let token = Client::builder()
        .credentials(Credentials::api_token("t0ken-s3cret"))
        .base_url(mock.base_url())
        .build()
        .unwrap();
    token.organizations().list().send().await.unwrap();
    let pid = mock.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let mut stderr = String::new();
    mock.child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let lines: Vec<Value> = stderr.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert_eq!((lines[0]["method"].as_str(), lines[0]["status"].as_u64()), (Some("POST"), Some(200)));
    assert_eq!(lines[0]["credentials"], "api_email+api_key");
    assert_eq!(lines[2]["credentials"], "api_token");
    assert_eq!(lines[1]["route"], "/organizations/{organization_id}");
    assert_eq!(lines[1]["namespace"], "default");
    assert!(lines[1]["duration_ms"].is_number());
    assert!(!stderr.contains("sup3r-s3cret-key") && !stderr.contains("t0ken-s3cret"), "{stderr}");
}

#[tokio::test]
async fn the_state_file_survives_a_restart_and_a_crash_leaves_the_last_good_one() {
    let dir = scratch("state");
    let state = dir.join("state.json");
    let path = state.to_str().unwrap();
    let mock = Mock::start(&["--state", path]);
    let org = mock.client().organizations().create("Kept").send().await.unwrap();
    assert_eq!(mock.terminate(), Some(0));
    let first = std::fs::read_to_string(&state).unwrap();
    assert!(first.contains("Kept"));

    // Found again after a restart; then a crash (SIGKILL) leaves the file as it was.
    let mut mock = Mock::start(&["--state", path]);
    assert_eq!(mock.client().organizations().get(&org.id).await.unwrap().name, "Kept");
    mock.client().organizations().create("Lost in the crash").send().await.unwrap();
    mock.child.kill().unwrap();
    mock.child.wait().unwrap();
    assert_eq!(std::fs::read_to_string(&state).unwrap(), first);

    // The admin API's shutdown writes it too; a write that fails leaves the old file intact.
    let mock = Mock::start(&["--state", path]);
    mock.client().organizations().create("Not written").send().await.unwrap();
    let blocker = dir.join(format!(".state.json.{}.tmp", mock.child.id()));
    std::fs::create_dir(&blocker).unwrap();
    let admin = format!("{}/shutdown", mock.ready["admin_url"].as_str().unwrap());
    assert_eq!(reqwest::Client::new().post(admin).send().await.unwrap().status(), 202);
    let mut mock = mock;
    let code = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            if let Some(status) = mock.child.try_wait().unwrap() {
                return status.code();
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .unwrap();
    assert_eq!(code, Some(1), "a failed write is a failed exit");
    assert_eq!(std::fs::read_to_string(&state).unwrap(), first, "the old file is intact");
}
