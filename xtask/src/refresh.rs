//! `cargo xtask refresh [--from URL|FILE]`: Cloudflare's whole document,
//! downloaded and checked, cut to the organizations slice, generated from,
//! and, only when every step succeeded and the slice changed, written to
//! `spec/` and `crates/cf-orgs-gen/src` with a report of what changed. A failed
//! or truncated download, an HTML error page, a document that is not OpenAPI
//! 3.0, a timeout, or a slice the generator cannot take is an error that
//! leaves `spec/` as it was.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::load::Spec;
use crate::output::{Written, write_bytes_if_changed, write_if_changed};
use crate::spec_diff::{self, Report};
use crate::{OUTPUT_DIR, SPEC_PATH, UPSTREAM_PATH, extract, names};

/// Cloudflare's whole document, as its `cloudflare/api-schemas` repository publishes it.
pub const DEFAULT_SOURCE: &str = "https://raw.githubusercontent.com/cloudflare/api-schemas/main/openapi.json";

/// Bounds of one refresh.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// For the whole download.
    pub timeout: Duration,
    /// The most bytes a document may have, as downloaded and as decompressed (today's: 1.1 MB
    /// gzip, 12 MB of JSON).
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self { timeout: Duration::from_secs(120), max_bytes: 256 << 20 }
    }
}

/// What a refresh did.
#[derive(Debug)]
pub enum Outcome {
    /// The slice is what `spec/` holds: nothing written.
    Unchanged,
    /// The slice changed: what the report says, in the files written.
    Changed { report: Report, written: Vec<String> },
}

/// Reads `source`: an `http(s)://` URL (one GET, within the limits) or a file.
pub fn download(source: &str, limits: Limits) -> Result<Vec<u8>> {
    if !(source.starts_with("http://") || source.starts_with("https://")) {
        let path = Path::new(source);
        let size = std::fs::metadata(path).map_err(|e| Error::file(path, format!("cannot read: {e}")))?.len();
        if size > limits.max_bytes {
            return Err(Error::file(path, format!("{size} bytes, over the limit of {}", limits.max_bytes)));
        }
        return std::fs::read(path).map_err(|e| Error::file(path, format!("cannot read: {e}")));
    }
    let agent: ureq::Agent =
        ureq::Agent::config_builder().timeout_global(Some(limits.timeout)).http_status_as_error(false).build().into();
    let fail = |message: String| Error::file(source, message);
    let mut response = agent.get(source).call().map_err(|e| match e {
        ureq::Error::Timeout(_) => fail(format!("timed out after {:?}", limits.timeout)),
        e => fail(format!("download failed: {e}")),
    })?;
    let status = response.status();
    if !status.is_success() {
        return Err(fail(format!("the server answered {status}")));
    }
    response.body_mut().with_config().limit(limits.max_bytes).read_to_vec().map_err(|e| match e {
        ureq::Error::Timeout(_) => fail(format!("timed out after {:?}, mid-body", limits.timeout)),
        ureq::Error::BodyExceedsLimit(n) => fail(format!("over the limit of {n} bytes")),
        e => fail(format!("the download broke off: {e}")),
    })
}

/// Checks downloaded bytes: gzip or JSON, within the size bound, an OpenAPI 3.0.x document with
/// the organizations paths. `source` names them in errors.
pub fn decode(bytes: &[u8], source: &str, limits: Limits) -> Result<Value> {
    let fail = |message: String| Error::file(source, message);
    let text;
    let json: &[u8] = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .take(limits.max_bytes + 1)
            .read_to_end(&mut out)
            .map_err(|e| fail(format!("not a whole gzip file (truncated?): {e}")))?;
        if out.len() as u64 > limits.max_bytes {
            return Err(fail(format!("over the limit of {} bytes once decompressed", limits.max_bytes)));
        }
        text = out;
        &text
    } else {
        bytes
    };
    let start = json.iter().position(|b| !b.is_ascii_whitespace());
    match start.map(|i| json[i]) {
        None => return Err(fail("empty: no document".into())),
        Some(b'<') => {
            let head: String =
                String::from_utf8_lossy(&json[..json.len().min(80)]).split_whitespace().collect::<Vec<_>>().join(" ");
            return Err(fail(format!("an HTML page, not a JSON document: {head}…")));
        }
        Some(_) => {}
    }
    let doc: Value =
        serde_json::from_slice(json).map_err(|e| fail(format!("not a whole JSON document (truncated?): {e}")))?;
    match doc.get("openapi").and_then(Value::as_str) {
        Some(v) if v.starts_with("3.0.") => {}
        Some(v) => return Err(Error::pointer(source, "/openapi", format!("OpenAPI {v}: the generator takes 3.0.x"))),
        None => return Err(Error::pointer(source, "/openapi", "missing: not an OpenAPI document")),
    }
    let has_slice = doc
        .get("paths")
        .and_then(Value::as_object)
        .is_some_and(|paths| paths.keys().any(|p| p.starts_with(extract::PATH_PREFIX)));
    if !has_slice {
        return Err(Error::pointer(source, "/paths", format!("no path under {}", extract::PATH_PREFIX)));
    }
    Ok(doc)
}

/// Refreshes the checkout at `root` from `source`.
pub fn refresh(root: &Path, source: &str, limits: Limits) -> Result<Outcome> {
    let bytes = download(source, limits)?;
    let doc = decode(&bytes, source, limits)?;
    let full = Spec { path: PathBuf::from(source), doc };
    let slice = extract::extract(&full)?;
    let text = extract::to_file_text(&slice);
    let spec_file = root.join(SPEC_PATH);
    let current = std::fs::read_to_string(&spec_file).unwrap_or_default();
    if current == text {
        return Ok(Outcome::Unchanged);
    }
    // Everything that can fail, before anything is written.
    let new = Spec::from_value(SPEC_PATH, slice)?;
    let old = Spec::from_value(SPEC_PATH, crate::load::parse_bytes(&spec_file, current.as_bytes())?)?;
    let report = spec_diff::diff(&old, &new, &crate::surface_map::load(root)?)?;
    let generated = crate::generate_named(new, SPEC_PATH, &names::load(root)?)?;
    let upstream = if bytes.starts_with(&[0x1f, 0x8b]) { bytes } else { gzip(&bytes)? };

    let mut written = Vec::new();
    let mut write = |name: String, outcome: Written| {
        if outcome == Written::Updated {
            written.push(name);
        }
    };
    write(UPSTREAM_PATH.into(), write_bytes_if_changed(&root.join(UPSTREAM_PATH), &upstream)?);
    write(SPEC_PATH.into(), write_if_changed(&spec_file, &text)?);
    for output in generated.outputs(root, &root.join(OUTPUT_DIR), true)? {
        write(output.label, write_if_changed(&output.path, &output.text)?);
    }
    Ok(Outcome::Changed { report, written })
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(|e| Error::file(UPSTREAM_PATH, format!("cannot gzip: {e}")))
}
