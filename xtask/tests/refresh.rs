//! `cargo xtask refresh` against a loopback server that serves the history's documents one
//! after another, and every way a download can go wrong: each failure leaves the checkout as it
//! was, byte for byte.

use std::collections::{BTreeMap, VecDeque};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use xtask::refresh::{Limits, Outcome, refresh};

/// What the loopback server answers next.
enum Reply {
    /// 200 with this body and content type.
    Ok(Vec<u8>, &'static str),
    /// Another status.
    Status(u16, &'static str),
    /// Announces this many bytes, sends the body, and closes.
    CutOff(Vec<u8>, usize),
    /// Reads the request and says nothing for this long.
    Stall(Duration),
}

/// A loopback HTTP server answering each connection with the next reply.
struct Server {
    url: String,
    replies: Arc<Mutex<VecDeque<Reply>>>,
}

impl Server {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/openapi.json", listener.local_addr().unwrap());
        let replies: Arc<Mutex<VecDeque<Reply>>> = Arc::default();
        let queue = replies.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                    head.push(byte[0]);
                }
                let reply = queue.lock().unwrap().pop_front();
                let write = |stream: &mut std::net::TcpStream, status: &str, kind: &str, len: usize, body: &[u8]| {
                    let head = format!(
                        "HTTP/1.1 {status}\r\ncontent-type: {kind}\r\ncontent-length: {len}\r\nconnection: close\r\n\r\n"
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(body);
                };
                match reply {
                    Some(Reply::Ok(body, kind)) => write(&mut stream, "200 OK", kind, body.len(), &body),
                    Some(Reply::Status(code, body)) => {
                        write(&mut stream, &format!("{code} Oops"), "text/plain", body.len(), body.as_bytes())
                    }
                    Some(Reply::CutOff(body, announced)) => {
                        write(&mut stream, "200 OK", "application/json", announced, &body)
                    }
                    Some(Reply::Stall(d)) => std::thread::sleep(d),
                    None => write(&mut stream, "500 Nothing queued", "text/plain", 0, b""),
                }
            }
        });
        Self { url, replies }
    }

    fn next(&self, reply: Reply) -> &str {
        self.replies.lock().unwrap().push_back(reply);
        &self.url
    }
}

fn history(date: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/history/{date}.json")))
        .unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// A scratch checkout whose spec is the history's `date`: the spec, its names, no generated code.
fn checkout(date: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = xtask::workspace_root().unwrap();
    std::fs::create_dir_all(dir.path().join("spec/upstream")).unwrap();
    std::fs::create_dir_all(dir.path().join(xtask::OUTPUT_DIR)).unwrap();
    std::fs::write(dir.path().join(xtask::SPEC_PATH), history(date)).unwrap();
    std::fs::copy(root.join(xtask::names::NAMES_PATH), dir.path().join(xtask::names::NAMES_PATH)).unwrap();
    dir
}

/// Every file of a checkout, by path.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn limits() -> Limits {
    Limits { timeout: Duration::from_secs(5), ..Limits::default() }
}

#[test]
fn the_history_refreshes_step_by_step() {
    let server = Server::start();
    let dir = checkout("2026-07-01");
    let root = dir.path();

    let Outcome::Changed { report, written } =
        refresh(root, server.next(Reply::Ok(history("2026-07-13"), "application/json")), limits()).unwrap()
    else {
        panic!("2026-07-13 changed the slice");
    };
    assert!(report.to_string().contains("- query parameter metric"), "{report}");
    for file in [
        xtask::SPEC_PATH,
        xtask::UPSTREAM_PATH,
        "crates/cf-orgs-gen/src/operations.rs",
        "crates/cf-orgs-gen/src/responses.json",
    ] {
        assert!(written.iter().any(|w| w == file), "{file} written: {written:?}");
    }
    let generated = std::fs::read_to_string(root.join("crates/cf-orgs-gen/src/operations.rs")).unwrap();
    assert!(!generated.contains("pub metric"), "regenerated from the new slice");

    let before = files(root);
    let again = refresh(root, server.next(Reply::Ok(history("2026-07-13"), "application/json")), limits()).unwrap();
    assert!(matches!(again, Outcome::Unchanged), "{again:?}");
    assert_eq!(files(root), before, "no change, nothing written");

    // Gzip, as Cloudflare's document is often served; only vendor extensions changed.
    let Outcome::Changed { report, .. } =
        refresh(root, server.next(Reply::Ok(gzip(&history("2026-07-21")), "application/gzip")), limits()).unwrap()
    else {
        panic!("2026-07-21 changed the slice's text");
    };
    assert!(report.is_empty(), "vendor extensions only: {report}");

    let Outcome::Changed { report, .. } =
        refresh(root, server.next(Reply::Ok(history("2026-08-12"), "application/json")), limits()).unwrap()
    else {
        panic!("2026-08-12 changed the slice");
    };
    assert!(report.to_string().contains("+ meta.tenant_flags"), "{report}");
    assert!(std::fs::read_to_string(root.join(xtask::SPEC_PATH)).unwrap().contains("tenant_flags"));
}

#[test]
fn a_failed_download_leaves_the_checkout_as_it_was() {
    let server = Server::start();
    let dir = checkout("2026-07-13");
    let root = dir.path();
    let before = files(root);
    let doc = history("2026-08-12");
    let half = doc[..doc.len() / 2].to_vec();
    let zipped = gzip(&doc);
    let mut v31: serde_json::Value = serde_json::from_slice(&doc).unwrap();
    v31["openapi"] = "3.1.0".into();
    let mut unnamed = v31.clone();
    unnamed["openapi"] = "3.0.3".into();
    for item in unnamed["paths"].as_object_mut().unwrap().values_mut() {
        for op in item.as_object_mut().unwrap().values_mut() {
            if let Some(op) = op.as_object_mut() {
                op.remove("operationId");
            }
        }
    }
    let html = b"<!DOCTYPE html>\n<html><head><title>429 Too Many Requests</title></head></html>".to_vec();
    let cases: Vec<(Reply, Limits, &str)> = vec![
        (Reply::Status(404, "404: Not Found"), limits(), "answered 404"),
        (Reply::Status(503, "unavailable"), limits(), "answered 503"),
        (Reply::Ok(html, "text/html"), limits(), "an HTML page"),
        (Reply::Ok(half.clone(), "application/json"), limits(), "not a whole JSON document"),
        (Reply::CutOff(half, doc.len()), limits(), "broke off"),
        (Reply::Ok(zipped[..zipped.len() / 2].to_vec(), "application/gzip"), limits(), "not a whole gzip file"),
        (Reply::Ok(Vec::new(), "application/json"), limits(), "empty"),
        (
            Reply::Stall(Duration::from_millis(1500)),
            Limits { timeout: Duration::from_millis(500), ..limits() },
            "timed out",
        ),
        (Reply::Ok(doc.clone(), "application/json"), Limits { max_bytes: 1000, ..limits() }, "over the limit"),
        (
            Reply::Ok(zipped.clone(), "application/gzip"),
            Limits { max_bytes: zipped.len() as u64 + 100, ..limits() },
            "once decompressed",
        ),
        (Reply::Ok(v31.to_string().into_bytes(), "application/json"), limits(), "OpenAPI 3.1.0"),
        (
            Reply::Ok(b"{\"openapi\": \"3.0.3\", \"paths\": {\"/zones\": {}}}".to_vec(), "application/json"),
            limits(),
            "no path under /organizations",
        ),
        (Reply::Ok(unnamed.to_string().into_bytes(), "application/json"), limits(), "operationId"),
    ];
    for (reply, limits, says) in cases {
        let err = refresh(root, server.next(reply), limits).unwrap_err().to_string();
        assert!(err.contains(says), "expected {says:?}, got: {err}");
        let named = ["127.0.0.1", "/organizations", "#/paths/"].iter().any(|s| err.contains(s));
        assert!(named, "the source or the place is named: {err}");
        assert_eq!(files(root), before, "{says}: the checkout is as it was");
    }
    let missing = refresh(root, "/no/such/openapi.json", limits()).unwrap_err().to_string();
    assert!(missing.contains("/no/such/openapi.json") && missing.contains("cannot read"), "{missing}");
    assert_eq!(files(root), before);
}

#[test]
fn a_file_refreshes_too() {
    let dir = checkout("2026-07-01");
    let file = dir.path().join("downloaded.json.gz");
    std::fs::write(&file, gzip(&history("2026-07-13"))).unwrap();
    let outcome = refresh(dir.path(), file.to_str().unwrap(), limits()).unwrap();
    assert!(matches!(outcome, Outcome::Changed { .. }), "{outcome:?}");
    assert_eq!(
        std::fs::read(dir.path().join(xtask::UPSTREAM_PATH)).unwrap(),
        std::fs::read(&file).unwrap(),
        "gzip kept as served"
    );
}
