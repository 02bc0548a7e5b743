//! Running the real `cf-orgs` binary against cf-orgs-mock.

#![allow(dead_code, reason = "each test file uses its own part")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use cf_orgs_mock::MockServer;
use serde_json::Value;

/// `cf-orgs` with the mock's email and key and base URL, and a config directory of its own.
pub struct Cli {
    pub base_url: String,
    pub email: String,
    pub key: String,
    pub config: PathBuf,
    env: Vec<(String, String)>,
    credentials: bool,
}

impl Cli {
    pub fn new(server: &MockServer, config: &Path) -> Self {
        let creds = server.mock_credentials();
        Self {
            base_url: server.base_url(),
            email: creds.email.clone(),
            key: creds.api_key.clone(),
            config: config.to_path_buf(),
            env: Vec::new(),
            credentials: true,
        }
    }

    /// Without the environment's credentials (a profile's are used).
    pub fn without_credentials(mut self) -> Self {
        self.credentials = false;
        self
    }

    pub fn env(mut self, name: &str, value: &str) -> Self {
        self.env.push((name.into(), value.into()));
        self
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cf-orgs"));
        command
            .args(args)
            .env_remove("CLOUDFLARE_API_TOKEN")
            .env_remove("CLOUDFLARE_EMAIL")
            .env_remove("CLOUDFLARE_API_KEY")
            .env_remove("CF_ORGS_PROFILE")
            .env_remove("NO_COLOR")
            .env("CLOUDFLARE_BASE_URL", &self.base_url)
            .env("CF_ORGS_CONFIG_DIR", &self.config)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if self.credentials {
            command.env("CLOUDFLARE_EMAIL", &self.email).env("CLOUDFLARE_API_KEY", &self.key);
        }
        for (name, value) in &self.env {
            command.env(name, value);
        }
        command
    }

    /// Runs it to the end, with `stdin` (or none).
    pub fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut child = self.command(args).spawn().expect("cf-orgs starts");
        if let Some(text) = stdin {
            child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        }
        drop(child.stdin.take());
        child.wait_with_output().unwrap()
    }

    pub fn spawn(&self, args: &[&str]) -> Child {
        let mut child = self.command(args).spawn().expect("cf-orgs starts");
        drop(child.stdin.take());
        child
    }

    /// The standard output of a run that succeeded.
    pub fn text(&self, args: &[&str]) -> String {
        let out = self.run(args, None);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// The JSON a successful run printed with `-o json`.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["-o", "json"]);
        let text = self.text(&all);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}: {text}"))
    }

    /// The exit code and standard error of a run that failed.
    pub fn fails(&self, args: &[&str]) -> (i32, String) {
        let out = self.run(args, None);
        assert!(!out.status.success(), "{args:?} succeeded: {}", String::from_utf8_lossy(&out.stdout));
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// A directory of its own for a test, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("cf-orgs-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Sends SIGINT to a child, as Ctrl-C would.
pub fn interrupt(child: &Child) {
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
}

/// Lines of JSON.
pub fn lines(text: &str) -> Vec<Value> {
    text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}
