//! Cloudflare's real churn, replayed: the organizations slices of four earlier
//! publications (cut by `cargo xtask extract` from the documents the spec's
//! README names) and today's spec, diffed in date order with `spec-diff`. The
//! transcript is what a maintainer is told at each step (docs/maintaining.md, "Reviewing a
//! spec change").

use std::path::PathBuf;

use xtask::spec_diff;

const STEPS: [&str; 4] = ["2026-07-01", "2026-07-13", "2026-07-21", "2026-08-12"];

fn history(date: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/history/{date}.json"))
}

fn transcript() -> String {
    let mut specs: Vec<(String, PathBuf)> = STEPS.iter().map(|d| (d.to_string(), history(d))).collect();
    specs.push(("2026-08-14 (spec/)".into(), xtask::workspace_root().unwrap().join(xtask::SPEC_PATH)));
    let mut out = String::new();
    for pair in specs.windows(2) {
        let (old, new) = (&pair[0], &pair[1]);
        let map = xtask::surface_map::load(&xtask::workspace_root().unwrap()).unwrap();
        let report =
            spec_diff::diff(&spec_diff::load(&old.1).unwrap(), &spec_diff::load(&new.1).unwrap(), &map).unwrap();
        out.push_str(&format!("$ cargo xtask spec-diff {} {}\n{report}\n", old.0, new.0));
    }
    out
}

#[test]
fn each_publication_is_reported_as_it_changed() {
    let transcript = transcript();
    // What the history's README says changed, each found by the diff.
    for expected in [
        "+ query parameter status value pending",
        "- query parameter metric",
        "+ status enum value \"rejected\"",
        "- meta.flags: -> organizations-api_OrganizationFlags",
        "+ meta.tenant_flags: -> organizations-api_OrganizationFlags",
        "+ enterprise_capability required",
        "+ x_BillableMetricId required",
        "+ x_ProductFamilyId: string",
    ] {
        assert!(transcript.contains(expected), "`{expected}` missing from:\n{transcript}");
    }
    insta::assert_snapshot!("history_transcript", transcript);
}

/// The same replay as pull request bodies (`spec-diff --format markdown`).
#[test]
fn each_publication_as_a_pull_request_body() {
    let mut specs: Vec<(String, PathBuf)> = STEPS.iter().map(|d| (d.to_string(), history(d))).collect();
    specs.push(("2026-08-14".into(), xtask::workspace_root().unwrap().join(xtask::SPEC_PATH)));
    let mut out = String::new();
    for pair in specs.windows(2) {
        let (old, new) = (&pair[0], &pair[1]);
        let map = xtask::surface_map::load(&xtask::workspace_root().unwrap()).unwrap();
        let report =
            spec_diff::diff(&spec_diff::load(&old.1).unwrap(), &spec_diff::load(&new.1).unwrap(), &map).unwrap();
        out.push_str(&report.to_markdown(&format!("Spec change: {} → {}", old.0, new.0)));
        out.push('\n');
    }
    let step = out.split("## Spec change: 2026-07-21 → 2026-08-12").nth(1).unwrap();
    let breaking = step.split("### Schemas").next().unwrap();
    assert!(breaking.contains("| schema `organizations-api_Organization` | **removed** | meta.flags"), "{step}");
    assert!(breaking.contains("**newly required** | enterprise_capability required"), "{step}");
    assert!(!breaking.contains("x_ProductFamilyId"), "a new optional field is not breaking: {step}");
    insta::assert_snapshot!("history_markdown", out);
}

#[test]
fn every_historical_slice_still_generates() {
    for date in STEPS {
        let spec = xtask::load::Spec::load(&history(date)).unwrap();
        let generated = xtask::generate(spec, date).unwrap_or_else(|e| panic!("{date}: {e}"));
        assert_eq!(generated.operations.len(), 28, "{date}: the service's 28 operations");
    }
}
