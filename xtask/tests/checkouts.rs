//! One xtask build serves every checkout that shares its target directory:
//! each run reads and writes the checkout it runs in, and no other.

use std::path::Path;
use std::process::Command;

const GENERATED: &str = "crates/cf-orgs-gen/src/generated.rs";

/// A checkout with what `regenerate` reads and writes: the markers of the
/// root, the spec, the surface map, and the generated crate's sources.
fn checkout(into: &Path, spec_edit: Option<(&str, &str)>) {
    let root = xtask::workspace_root().unwrap();
    let files = [
        "Cargo.toml",
        "xtask/Cargo.toml",
        xtask::SPEC_PATH,
        xtask::surface_map::MAP_PATH,
        xtask::names::NAMES_PATH,
        "crates/cf-orgs-gen/src/lib.rs",
        GENERATED,
    ];
    for rel in files {
        let to = into.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root.join(rel), &to).unwrap();
    }
    if let Some((from, to)) = spec_edit {
        let spec = into.join(xtask::SPEC_PATH);
        let text = std::fs::read_to_string(&spec).unwrap();
        assert!(text.contains(from));
        std::fs::write(&spec, text.replacen(from, to, 1)).unwrap();
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn two_checkouts_sharing_one_build_each_regenerate_only_their_own_files() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    checkout(a.path(), None);
    // B's spec moved on: a description changed, so B's generated code must change.
    checkout(b.path(), Some(("\"description\": \"Organization Member ID\"", "\"description\": \"A member's ID\"")));
    let committed = read(&a.path().join(GENERATED));
    let real_before = read(&xtask::workspace_root().unwrap().join(GENERATED));

    // As `cargo xtask` runs it in each checkout (cargo sets CARGO_MANIFEST_DIR
    // at run time), and as the binary run directly from a subdirectory.
    let bin = env!("CARGO_BIN_EXE_xtask");
    let runs = [
        (b.path().to_path_buf(), Some(b.path().join("xtask"))),
        (a.path().to_path_buf(), Some(a.path().join("xtask"))),
        (b.path().join("crates/cf-orgs-gen"), None),
    ];
    for (cwd, manifest_dir) in runs {
        let mut cmd = Command::new(bin);
        cmd.arg("regenerate").current_dir(&cwd).env_remove("CARGO_MANIFEST_DIR");
        if let Some(dir) = manifest_dir {
            cmd.env("CARGO_MANIFEST_DIR", dir);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(read(&a.path().join(GENERATED)), committed, "A is up to date and stays as it was");
    let regenerated = read(&b.path().join(GENERATED));
    assert_ne!(regenerated, committed, "B was regenerated from its own spec");
    assert!(regenerated.contains("A member's ID"));
    assert_eq!(read(&xtask::workspace_root().unwrap().join(GENERATED)), real_before, "this checkout is untouched");
}

#[test]
fn outside_any_checkout_the_xtask_says_so() {
    let nowhere = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["regenerate", "--check"])
        .current_dir(nowhere.path())
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not inside a cf-orgs checkout"), "{stderr}");
}

#[test]
fn regenerate_says_what_changed_since_the_last_commit() {
    let dir = tempfile::tempdir().unwrap();
    checkout(dir.path(), None);
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(["-c", "user.email=ci@cf-orgs.example", "-c", "user.name=ci"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "spec"]);
    let spec = dir.path().join(xtask::SPEC_PATH);
    let text = read(&spec);
    std::fs::write(&spec, text.replacen("\"name\": \"user.email.contains\"", "\"name\": \"user.email.includes\"", 1))
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("regenerate")
        .current_dir(dir.path())
        .env("CARGO_MANIFEST_DIR", dir.path().join("xtask"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("changed since the last commit (1 changes)"), "{stdout}");
    assert!(stdout.contains("query parameter renamed: user.email.contains -> user.email.includes"), "{stdout}");
}

fn regenerate_in(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("regenerate")
        .args(args)
        .current_dir(dir)
        .env("CARGO_MANIFEST_DIR", dir.join("xtask"))
        .output()
        .unwrap()
}

#[test]
fn a_missing_spec_is_named_as_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    checkout(dir.path(), None);
    std::fs::remove_file(dir.path().join(xtask::SPEC_PATH)).unwrap();
    let out = regenerate_in(dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(xtask::SPEC_PATH), "{stderr}");
    assert!(!stderr.contains("not inside a cf-orgs checkout"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
}

/// Cloudflare renaming an operationId changes nothing on the wire: the Rust
/// name stays (spec/operation-names.json), the operationId follows the spec.
#[test]
fn a_renamed_operation_id_keeps_its_rust_name() {
    let dir = tempfile::tempdir().unwrap();
    checkout(dir.path(), Some(("\"operationId\": \"Members_list\"", "\"operationId\": \"Members_listMemberships\"")));
    let out = regenerate_in(dir.path(), &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let operations = read(&dir.path().join("crates/cf-orgs-gen/src/operations.rs"));
    assert!(operations.contains("pub struct MembersList {"), "the struct keeps its name");
    assert!(operations.contains("Operation::MembersList => \"Members_listMemberships\""), "the id is the spec's");
    let names = read(&dir.path().join(xtask::names::NAMES_PATH));
    assert!(names.contains("\"GET /organizations/{organization_id}/members\": \"MembersList\""), "{names}");
    let out = regenerate_in(dir.path(), &["--check"]);
    assert!(out.status.success(), "and it is stable: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_usage_error_names_the_command_and_its_usage() {
    let dir = tempfile::tempdir().unwrap();
    checkout(dir.path(), None);
    let out = regenerate_in(dir.path(), &["--bogus"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("unexpected argument '--bogus'"), "{stderr}");
    assert!(stderr.contains("Usage: cargo xtask regenerate"), "{stderr}");
}
