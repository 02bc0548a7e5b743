//! The xtask binary as a maintainer runs it: bad input gives exit code 1 and
//! one line naming the file (and pointer or operation), `extract` reproduces
//! the committed slice, and `--check` catches drift.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().expect("xtask runs")
}

/// Runs `extract --from <input>` into a scratch file; returns (exit code, stderr).
fn extract(input: &Path) -> (Option<i32>, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("slice.json");
    let o = xtask(&["extract", "--from", input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned(), dir)
}

/// Runs `regenerate --spec <input>` into a scratch directory holding a sentinel
/// `lib.rs`; returns (exit code, stderr, whether the sentinel survived untouched).
fn regenerate(input: &Path) -> (Option<i32>, String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let sentinel = dir.path().join("lib.rs");
    std::fs::write(&sentinel, "// committed\n").unwrap();
    let o = xtask(&["regenerate", "--spec", input.to_str().unwrap(), "--out", dir.path().to_str().unwrap()]);
    let untouched = std::fs::read_to_string(&sentinel).unwrap() == "// committed\n"
        && std::fs::read_dir(dir.path()).unwrap().count() == 1;
    (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned(), untouched)
}

fn assert_one_line(code: Option<i32>, stderr: &str, input: &Path, expected: &str) {
    assert_eq!(code, Some(1), "stderr: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line, got: {stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(lines[0].contains(input.file_name().unwrap().to_str().unwrap()), "names the file: {stderr}");
    assert!(lines[0].contains(expected), "expected `{expected}` in: {stderr}");
}

/// Both commands that read a spec refuse it the same way, and write nothing.
fn assert_one_line_error(input: &Path, expected: &str) {
    let (code, stderr, untouched) = regenerate(input);
    assert_one_line(code, &stderr, input, expected);
    assert!(untouched, "the generated crate is left untouched on failure");
    if !input.to_str().unwrap().contains("operation-id") && !input.to_str().unwrap().contains("ref") {
        let (code, stderr, dir) = extract(input);
        assert_one_line(code, &stderr, input, expected);
        assert!(!dir.path().join("slice.json").exists(), "nothing is written on failure");
    }
}

#[test]
fn missing_file() {
    assert_one_line_error(&fixture("bad/does-not-exist.json"), "cannot read");
}

#[test]
fn invalid_json() {
    assert_one_line_error(&fixture("bad/invalid.json"), "invalid JSON: key must be a string at line 1");
}

#[test]
fn openapi_3_1_is_refused() {
    assert_one_line_error(&fixture("bad/openapi-3.1.json"), "#/openapi: OpenAPI 3.1.0 is not supported");
}

#[test]
fn unresolvable_ref() {
    assert_one_line_error(
        &fixture("bad/unresolved-ref.json"),
        "#/paths/~1a/get/responses/200/content/application~1json/schema/$ref: $ref `#/components/schemas/Missing` does not resolve",
    );
}

#[test]
fn duplicate_operation_id() {
    assert_one_line_error(&fixture("bad/duplicate-operation-id.json"), "#/paths/~1b/get: duplicate operationId `same`");
}

#[test]
fn missing_operation_id() {
    assert_one_line_error(&fixture("bad/missing-operation-id.json"), "#/paths/~1a/post: POST /a has no operationId");
}

#[test]
fn extract_reproduces_the_committed_slice_byte_for_byte() {
    let full = xtask::workspace_root().unwrap().join(xtask::UPSTREAM_PATH);
    assert!(full.exists(), "Cloudflare's full document is committed at {}", full.display());
    let (code, stderr, dir) = extract(&full);
    assert_eq!(code, Some(0), "{stderr}");
    let produced = std::fs::read(dir.path().join("slice.json")).unwrap();
    let committed = std::fs::read(xtask::workspace_root().unwrap().join(xtask::SPEC_PATH)).unwrap();
    assert!(produced == committed, "extract differs from spec/ ({} vs {} bytes)", produced.len(), committed.len());
}

#[test]
fn a_progenitor_panic_names_the_operation() {
    // The raw pass fixture: without its pass, progenitor panics on it.
    let (code, stderr, untouched) = regenerate(&fixture("passes/one-error-schema.json"));
    // The passes run inside regenerate, so this fixture generates fine ...
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!untouched, "a successful run writes the crate");
    // ... and the library reports a panic by operation when a pass is missing.
    let spec = xtask::load::Spec::load(&fixture("passes/one-error-schema.json")).unwrap();
    let err = xtask::generate::generate(&spec).unwrap_err();
    assert!(err.to_string().contains("operation history: progenitor panicked"), "{err}");
}

#[test]
fn committed_generated_code_is_up_to_date() {
    let o = xtask(&["regenerate", "--check"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn check_reports_drift_with_a_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let spec = fixture("passes/one-error-schema.json");
    let out = dir.path().to_str().unwrap();
    let first = xtask(&["regenerate", "--spec", spec.to_str().unwrap(), "--out", out]);
    assert!(first.status.success());
    let generated = dir.path().join("generated.rs");
    let fresh = std::fs::read_to_string(&generated).unwrap();
    std::fs::write(&generated, fresh.replace("pub struct", "pub(crate) struct")).unwrap();
    let stale = std::fs::read_to_string(&generated).unwrap();

    let check = xtask(&["regenerate", "--check", "--spec", spec.to_str().unwrap(), "--out", out]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    let changed = |sign: char, text: &str| {
        stderr.lines().any(|l| l.starts_with(sign) && l.trim_start_matches(sign).trim_start().starts_with(text))
    };
    assert!(changed('-', "pub(crate) struct") && changed('+', "pub struct"), "a unified diff: {stderr}");
    assert!(stderr.lines().last().unwrap().contains("run `cargo xtask regenerate`"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&generated).unwrap(), stale, "--check writes nothing");
}
