//! The hand-written workflows end to end: tree, import (faults, interrupted, resumed), export
//! (interrupted, resumed), and what blocks a delete.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::process::Stdio;
use std::time::{Duration, Instant};

use cf_orgs_mock::{FaultPlan, Faults, MockServer};
use common::{Cli, TempDir, interrupt, lines};
use serde_json::{Value, json};

/// The mock's route of the member batch (what `member import` sends).
fn batch_route() -> String {
    let op = cf_orgs::generated::operations::Operation::MembersBatchCreate;
    format!("{} {}", op.method(), op.path_template())
}

fn audit_route() -> String {
    let op = cf_orgs::generated::operations::Operation::AuditLogsV2GetOrganizationAuditLogs;
    format!("{} {}", op.method(), op.path_template())
}

/// Waits until `path` has at least `n` lines (or panics after a while).
fn wait_for_lines(path: &std::path::Path, n: usize) {
    let start = Instant::now();
    while std::fs::read_to_string(path).map_or(0, |t| t.lines().count()) < n {
        assert!(start.elapsed() < Duration::from_secs(60), "{} never reached {n} lines", path.display());
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_tree_with_counts() {
    let server = MockServer::start().await;
    let dir = TempDir::new("tree");
    let cli = Cli::new(&server, &dir.0);
    let root = cli.text(&["org", "create", "Root", "-q"]).trim().to_string();
    let eu = cli.text(&["org", "create", "EU", "--parent-id", &root, "-q"]).trim().to_string();
    let paris = cli.text(&["org", "create", "Paris", "--parent-id", &eu, "-q"]).trim().to_string();
    let us = cli.text(&["org", "create", "US", "--parent-id", &root, "-q"]).trim().to_string();
    server.seed_account(&eu, "EU prod");
    cli.text(&["member", "add", &paris, "p@x.example"]);
    let text = cli.text(&["org", "tree", &root]);
    assert_eq!(text, format!("Root ({root})\n├── EU ({eu})\n│   └── Paris ({paris})\n└── US ({us})\n"),);
    let nested = cli.json(&["org", "tree", "--counts"]);
    assert_eq!(nested[0]["children"][0]["name"], "EU");
    assert_eq!(
        (nested[0]["children"][0]["accounts"].as_u64(), nested[0]["children"][0]["members"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(nested[0]["children"][0]["children"][0]["members"], 1);
    let counted = cli.text(&["org", "tree", &root, "--counts"]);
    assert!(counted.contains(&format!("Paris ({paris})  accounts: 0, members: 1")), "{counted}");
    assert_eq!(cli.text(&["org", "tree", "-q"]).lines().count(), 4);
    let rows = cli.text(&["org", "tree", "-o", "csv"]);
    assert!(rows.lines().any(|l| l == format!("{paris},Paris,{eu},2")), "{rows}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_under_faults_interrupted_and_run_again_adds_each_member_once() {
    let server = MockServer::start().await;
    let dir = TempDir::new("import");
    let cli = Cli::new(&server, &dir.0);
    let org = cli.text(&["org", "create", "Acme", "-q"]).trim().to_string();
    // 20% of batches fail: 10% answered 503 before the handler runs, 10% dropped after it may have.
    let faults =
        Faults { server_error: 0.1, drop_connection: 0.1, latency: Duration::from_millis(20), ..Default::default() };
    server.set_faults(FaultPlan::default().route(batch_route(), faults));
    let rows: Vec<String> = (0..200).map(|n| format!("user{n:03}@acme.example")).collect();
    let file = dir.path("people.csv");
    std::fs::write(
        &file,
        format!("email,status\n{}\n", rows.iter().map(|e| format!("{e},active")).collect::<Vec<_>>().join("\n")),
    )
    .unwrap();
    let results = dir.path("results.jsonl");
    let args = [
        "member",
        "import",
        &org,
        file.to_str().unwrap(),
        "--results",
        results.to_str().unwrap(),
        "--concurrency",
        "2",
    ];
    // Interrupted part way.
    let child = cli.spawn(&args);
    wait_for_lines(&results, 40);
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", String::from_utf8_lossy(&out.stderr));
    let first = std::fs::read_to_string(&results).unwrap().lines().count();
    assert!(first < 200, "interrupted before the end: {first} lines");
    // Run again until every row is done: a failed row is retried, a row done is skipped.
    let mut codes = Vec::new();
    for _ in 0..20 {
        let out = cli.run(&args, None);
        let code = out.status.code().unwrap();
        codes.push(code);
        assert!(code == 0 || code == 6, "{}", String::from_utf8_lossy(&out.stderr));
        if code == 6 {
            assert!(String::from_utf8_lossy(&out.stderr).contains("failed; run it again"));
        }
        if code == 0 {
            break;
        }
    }
    assert_eq!(codes.last(), Some(&0), "{codes:?}");
    // Every member exists exactly once ...
    let members = lines(&cli.text(&["member", "list", &org, "-o", "jsonl"]));
    let emails: Vec<&str> = members.iter().map(|m| m["user"]["email"].as_str().unwrap()).collect();
    let unique: HashSet<&str> = emails.iter().copied().collect();
    assert_eq!((emails.len(), unique.len()), (200, 200));
    assert_eq!(unique, rows.iter().map(String::as_str).collect());
    // ... and the results file accounts for every row, each last said done.
    let mut last: BTreeMap<u64, Value> = BTreeMap::new();
    for line in lines(&std::fs::read_to_string(&results).unwrap()) {
        last.insert(line["row"].as_u64().unwrap(), line);
    }
    assert_eq!(last.len(), 200);
    assert_eq!(last.keys().copied().collect::<Vec<_>>(), (1..=200).collect::<Vec<_>>());
    for (row, line) in &last {
        assert!(matches!(line["status"].as_str(), Some("created" | "exists")), "row {row}: {line}");
        assert!(line["member_id"].is_string(), "row {row}: {line}");
        assert_eq!(line["email"], rows[*row as usize - 1]);
    }
    // Run once more: nothing left to do, nothing sent.
    let before = server.exchanges().iter().filter(|e| e.route == batch_route()).count();
    let again = cli.run(&args, None);
    assert!(again.status.success());
    assert_eq!(server.exchanges().iter().filter(|e| e.route == batch_route()).count(), before);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_names_bad_rows_and_sends_nothing() {
    let server = MockServer::start().await;
    let dir = TempDir::new("import-bad");
    let cli = Cli::new(&server, &dir.0);
    let org = cli.text(&["org", "create", "Acme", "-q"]).trim().to_string();
    let file = dir.path("people.jsonl");
    std::fs::write(&file, "{\"email\": \"a@x.example\"}\n{\"mail\": \"b@x.example\"}\n\nnot json\n").unwrap();
    let (code, stderr) = cli.fails(&["member", "import", &org, file.to_str().unwrap()]);
    assert_eq!(code, 2);
    let name = file.display().to_string();
    assert!(stderr.contains(&format!("{name}:2:")) && stderr.contains(&format!("{name}:4:")), "{stderr}");
    assert!(stderr.contains("nothing was sent"), "{stderr}");
    let (code, stderr) = cli.fails(&["member", "import", &org, dir.path("absent.csv").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("absent.csv: cannot read"), "{stderr}");
    assert_eq!(server.member_count(&org), 0);
    // Duplicates and existing members are reported, not added.
    cli.text(&["member", "add", &org, "old@x.example"]);
    let csv = dir.path("people.csv");
    std::fs::write(&csv, "new@x.example\nOLD@x.example\nnew@x.example\n").unwrap();
    let results = lines(&cli.text(&["member", "import", &org, csv.to_str().unwrap()]));
    let by_row: BTreeMap<u64, &str> =
        results.iter().map(|r| (r["row"].as_u64().unwrap(), r["status"].as_str().unwrap())).collect();
    assert_eq!(by_row, BTreeMap::from([(1, "created"), (2, "exists"), (3, "duplicate")]));
    assert_eq!(server.member_count(&org), 2);
    // A dry run prints the batches and sends none.
    let preview = cli.text(&["member", "import", &org, csv.to_str().unwrap(), "--dry-run"]);
    assert!(preview.starts_with("POST ") && preview.contains("members:batchCreate"), "{preview}");
}

fn audit_fixtures(entries: usize) -> Vec<u8> {
    let audit: Vec<Value> = (0..entries)
        .map(|n| {
            json!({
                "organization": { "id": "acme" },
                "action": { "time": format!("2026-11-{:02}T{:02}:{:02}:{:02}Z", 1 + n % 28, n % 24, n % 60, n / 60 % 60), "type": "update" },
                "actor": { "email": format!("user{}@acme.example", n % 7) },
                "resource": { "type": if n % 2 == 0 { "member" } else { "organization" } }
            })
        })
        .collect();
    json!({ "organizations": [{ "id": "acme", "name": "Acme" }], "audit": audit }).to_string().into_bytes()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_audit_export_interrupted_and_resumed_equals_one_uninterrupted() {
    let server = MockServer::start().await;
    server.load_fixtures(&audit_fixtures(1200)).unwrap();
    let dir = TempDir::new("audit");
    let cli = Cli::new(&server, &dir.0);
    let args = ["audit", "export", "acme", "--since", "2026-11-01", "--until", "2026-12-01", "--page-size", "50"];
    let whole = cli.text(&args);
    assert_eq!(whole.lines().count(), 1200);
    let ids: HashSet<String> = lines(&whole).iter().map(|e| e["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), 1200, "no entry twice");
    // Slowed down, interrupted after some pages, then run again with the same checkpoint.
    server.set_faults(
        FaultPlan::default().route(audit_route(), Faults { latency: Duration::from_millis(30), ..Default::default() }),
    );
    let checkpoint = dir.path("checkpoint.json");
    let part = dir.path("part1.jsonl");
    let mut with_checkpoint = args.to_vec();
    with_checkpoint.extend(["--checkpoint", checkpoint.to_str().unwrap()]);
    let mut command = cli.command(&with_checkpoint);
    command.stdout(Stdio::from(std::fs::File::create(&part).unwrap()));
    let child = command.spawn().unwrap();
    wait_for_lines(&part, 300);
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", String::from_utf8_lossy(&out.stderr));
    let first = std::fs::read_to_string(&part).unwrap();
    let saved: Value = serde_json::from_slice(&std::fs::read(&checkpoint).unwrap()).unwrap();
    assert_eq!(saved["entries"].as_u64(), Some(first.lines().count() as u64), "the checkpoint is what was written");
    assert!(
        first.lines().count() < 1200 && first.lines().count().is_multiple_of(50),
        "whole pages: {}",
        first.lines().count()
    );
    server.set_faults(FaultPlan::default());
    let rest = cli.text(&with_checkpoint);
    assert_eq!(format!("{first}{rest}"), whole, "nothing lost, nothing repeated");
    // Done: a third run has nothing to do; other flags are another export.
    assert_eq!(cli.text(&with_checkpoint), "");
    let mut other = with_checkpoint.clone();
    other.extend(["--resource-type", "member"]);
    let (code, stderr) = cli.fails(&other);
    assert_eq!(code, 2);
    assert!(stderr.contains("another export"), "{stderr}");
    // Filters are the audit list's own flags; CSV keeps one header.
    let members = cli.text(&[
        "audit",
        "export",
        "acme",
        "--since",
        "2026-11-01",
        "--resource-type",
        "member",
        "-o",
        "csv",
        "--fields",
        "id,resource.type",
    ]);
    assert_eq!(members.lines().next(), Some("id,resource.type"));
    assert_eq!(members.lines().count(), 601);
    let (code, stderr) = cli.fails(&["audit", "export", "acme", "--since", "last tuesday"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--since"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_member_export_in_every_format() {
    let server = MockServer::start().await;
    let dir = TempDir::new("export");
    let cli = Cli::new(&server, &dir.0);
    let org = cli.text(&["org", "create", "Acme", "-q"]).trim().to_string();
    for n in 0..3 {
        cli.text(&["member", "add", &org, &format!("m{n}@acme.example")]);
    }
    let csv = cli.text(&["member", "export", &org]);
    assert_eq!(csv.lines().next(), Some("id,user.email,status,create_time"));
    assert_eq!(csv.lines().count(), 4);
    assert_eq!(lines(&cli.text(&["member", "export", &org, "-o", "jsonl"])).len(), 3);
    assert_eq!(cli.json(&["member", "export", &org]).as_array().unwrap().len(), 3);
    let yaml: Value = serde_yaml_ng::from_str(&cli.text(&["member", "export", &org, "-o", "yaml"])).unwrap();
    assert_eq!(yaml.as_array().unwrap().len(), 3);
    assert_eq!(cli.text(&["member", "export", &org, "-o", "table", "--no-headers"]).lines().count(), 3);
}
