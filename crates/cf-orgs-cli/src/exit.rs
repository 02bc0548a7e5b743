//! Exit codes, as `--help` and README document them, and the one line an error prints.

use cf_orgs::ErrorKind;

/// 0: ok.
pub(crate) const OK: u8 = 0;
/// 1: any other error.
pub(crate) const ERROR: u8 = 1;
/// 2: usage (a bad flag or value; nothing was sent).
pub(crate) const USAGE: u8 = 2;
/// 3: not found.
pub(crate) const NOT_FOUND: u8 = 3;
/// 4: authentication or permission.
pub(crate) const AUTH: u8 = 4;
/// 5: rate-limited after retries.
pub(crate) const RATE_LIMITED: u8 = 5;
/// 6: a bulk command where some rows failed (the others were done).
pub(crate) const PARTIAL: u8 = 6;
/// 141: standard output's reader went away (as a process killed by SIGPIPE).
pub(crate) const CLOSED_PIPE: u8 = 141;
/// 130: interrupted (Ctrl-C), as a shell reports SIGINT.
pub(crate) const INTERRUPTED: u8 = 130;

/// What `--help` says of them.
pub(crate) const HELP: &str = "EXIT CODES
  0 ok; 1 error; 2 usage (nothing sent: a bad flag, file, row or profile, a refused confirmation);
  3 not found; 4 authentication or permission (a credentials file others can read, too);
  5 rate-limited after retries; 6 partial failure of a bulk command; 130 interrupted";

/// A failure: the line it prints on stderr and its exit code.
#[derive(Debug)]
pub(crate) struct Failure {
    pub line: String,
    pub code: u8,
}

impl Failure {
    pub(crate) fn new(code: u8, message: impl std::fmt::Display) -> Self {
        Self { line: format!("error: {message}"), code }
    }

    pub(crate) fn usage(message: impl std::fmt::Display) -> Self {
        Self::new(USAGE, message)
    }

    /// An API error, as [`line`] and [`code`] have it.
    pub(crate) fn api(err: &cf_orgs::Error, verbose: bool) -> Self {
        Self { line: line(err, verbose), code: code(err) }
    }

    /// Writing standard output failed (a full disk; a reader that went away, `| head`, ends it
    /// quietly with 141, as SIGPIPE would).
    pub(crate) fn stdout(err: std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            return Self { line: String::new(), code: CLOSED_PIPE };
        }
        if let Some(failed) = err.get_ref().and_then(|e| e.downcast_ref::<crate::jq::Failed>()) {
            return Self::new(ERROR, failed);
        }
        Self::new(ERROR, format!("stdout: {err}"))
    }
}

impl From<crate::runtime::Invalid> for Failure {
    fn from(invalid: crate::runtime::Invalid) -> Self {
        Failure::usage(invalid)
    }
}

/// The exit code of an error.
pub(crate) fn code(err: &cf_orgs::Error) -> u8 {
    match err.kind() {
        ErrorKind::NotFound => NOT_FOUND,
        ErrorKind::Unauthorized | ErrorKind::Forbidden => AUTH,
        ErrorKind::RateLimited => RATE_LIMITED,
        ErrorKind::InvalidInput | ErrorKind::Configuration if err.is_before_sending() || err.status().is_none() => {
            USAGE
        }
        _ => ERROR,
    }
}

/// One line: the HTTP status, the API's codes and messages, the cf-ray (the request too, verbose).
pub(crate) fn line(err: &cf_orgs::Error, verbose: bool) -> String {
    let mut out = String::from("error:");
    if let Some(status) = err.status() {
        out.push_str(&format!(" {status}"));
    }
    let api: Vec<String> = err.api_errors().iter().map(|e| format!("{} {}", e.code, e.message)).collect();
    if api.is_empty() {
        out.push_str(&format!(" {err}"));
    } else {
        out.push_str(&format!(" {}", api.join("; ")));
    }
    if let Some(ray) = err.ray_id() {
        out.push_str(&format!(" (cf-ray {ray})"));
    }
    // The error's whole text names the request (method and path template) and the attempts.
    let full = err.to_string();
    if verbose && !out.contains(&full) {
        out.push_str(&format!(" [{full}]"));
    }
    out
}
