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

/// What `--help` says of them.
pub(crate) const HELP: &str = "EXIT CODES
  0 ok; 1 error; 2 usage (nothing sent); 3 not found; 4 authentication or permission;
  5 rate-limited after retries";

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
    if verbose {
        out.push_str(&format!(" [{err}]"));
    }
    out
}
