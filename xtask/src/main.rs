//! `cargo xtask <command>`: see `cargo xtask help`.

use std::path::PathBuf;
use std::process::ExitCode;

use xtask::load::Spec;
use xtask::output::{Written, drift, write_if_changed};
use xtask::{Error, OUTPUT_DIR, Result, SPEC_PATH, bench_compile, extract, workspace_root};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  regenerate [--check] [--spec <file>] [--out <dir>]
                                generate crates/cf-orgs-gen/src from spec/
                                (--check: write nothing, fail with a diff on drift)
  extract --from <file> [--out <file>]
                                re-cut the organizations slice from a complete Cloudflare
                                OpenAPI document (.json or .json.gz) into spec/
  spec-diff <old> <new>         what changed between two specs (slices, or whole documents,
                                .json or .json.gz): operations, parameters, schemas
  churn [<name>...]             apply each change of the catalogue (xtask/src/churn.rs) to a
                                scratch copy, regenerate, run the tests of cf-orgs and the mock,
                                and say for each: loud (what failed) or passed (what moved)
  bench-compile [--release] [--runs N] [--dir <dir>]
                                time clean builds of a tiny downstream crate on cf-orgs, on
                                reqwest + serde alone, and on the `cloudflare` 0.14 crate
  soak [--ops N] [--concurrency C] [--fault-rate R] [--seed S]
                                mixed operations against cf-orgs-mock with faults on;
                                fails unless lost = 0 and duplicates = 0";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("regenerate") => regenerate(&args[1..]),
        Some("extract") => extract_cmd(&args[1..]),
        Some("spec-diff") => spec_diff(&args[1..]),
        Some("churn") => churn(&args[1..]),
        Some("bench-compile") => bench_compile(&args[1..]),
        Some("soak") => soak(&args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn regenerate(args: &[String]) -> Result<ExitCode> {
    let root = workspace_root()?;
    let mut check = false;
    let mut spec_path = None;
    let mut dir = root.join(OUTPUT_DIR);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--spec" => spec_path = it.next().map(PathBuf::from),
            "--out" => dir = it.next().map(PathBuf::from).unwrap_or(dir),
            _ => return Err(Error::file("xtask", format!("regenerate: unexpected argument `{arg}`\n{USAGE}"))),
        }
    }
    let generated = match &spec_path {
        None => xtask::generate_workspace(&root)?,
        Some(path) => xtask::generate(Spec::load(path)?, &path.display().to_string())?,
    };
    if check {
        let drifted: Vec<String> = generated
            .files
            .iter()
            .filter_map(|(name, code)| drift(&dir.join(name), &format!("{OUTPUT_DIR}/{name}"), code))
            .collect();
        if drifted.is_empty() {
            println!("{OUTPUT_DIR} is up to date with {SPEC_PATH}");
            return Ok(ExitCode::SUCCESS);
        }
        for diff in drifted {
            eprintln!("{diff}");
        }
        eprintln!("error: {OUTPUT_DIR} differs from what {SPEC_PATH} generates: run `cargo xtask regenerate`");
        return Ok(ExitCode::FAILURE);
    }
    if spec_path.is_none() {
        report_spec_change(&root);
    }
    for (name, code) in &generated.files {
        let written = write_if_changed(&dir.join(name), code)?;
        let verb = if written == Written::Updated { "wrote" } else { "unchanged:" };
        println!("{verb} {OUTPUT_DIR}/{name} ({} lines, {} bytes)", code.lines().count(), code.len());
    }
    println!("generated in {}", generated.timings);
    Ok(ExitCode::SUCCESS)
}

/// When the spec differs from the last commit's, says what changed (`spec-diff`'s report).
fn report_spec_change(root: &std::path::Path) {
    let committed = std::process::Command::new("git")
        .args(["show", &format!("HEAD:{SPEC_PATH}")])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success());
    let Some(committed) = committed else { return };
    let current = std::fs::read(root.join(SPEC_PATH)).unwrap_or_default();
    if committed.stdout == current {
        return;
    }
    let old = xtask::load::parse_bytes(std::path::Path::new("HEAD"), &committed.stdout)
        .and_then(|doc| Spec::from_value(format!("HEAD:{SPEC_PATH}"), doc));
    let new = Spec::load(&root.join(SPEC_PATH));
    match (old, new) {
        (Ok(old), Ok(new)) => match xtask::spec_diff::diff(&old, &new) {
            Ok(report) => println!("{SPEC_PATH} changed since the last commit ({} changes):\n{report}", report.count()),
            Err(e) => println!("{SPEC_PATH} changed since the last commit (no diff: {e})"),
        },
        _ => println!("{SPEC_PATH} changed since the last commit"),
    }
}

fn extract_cmd(args: &[String]) -> Result<ExitCode> {
    let mut from = None;
    let mut out = workspace_root()?.join(SPEC_PATH);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match (arg.as_str(), it.next()) {
            ("--from", Some(v)) => from = Some(PathBuf::from(v)),
            ("--out", Some(v)) => out = PathBuf::from(v),
            _ => {
                return Err(Error::file("xtask", format!("extract: unexpected argument `{arg}`\n{USAGE}")));
            }
        }
    }
    let from = from.ok_or_else(|| Error::file("xtask", "extract: --from <file> is required"))?;
    let full = Spec::read(&from)?;
    let slice = extract::extract(&full)?;
    // The slice must itself be a valid spec before it replaces the committed one.
    Spec::from_value(&out, slice.clone())?;
    let written = write_if_changed(&out, &extract::to_file_text(&slice))?;
    let paths = slice["paths"].as_object().map_or(0, |p| p.len());
    println!("{} {} ({paths} paths)", if written == Written::Updated { "wrote" } else { "unchanged:" }, out.display());
    Ok(ExitCode::SUCCESS)
}

fn spec_diff(args: &[String]) -> Result<ExitCode> {
    let [old, new] = args else {
        return Err(Error::file("xtask", format!("spec-diff: expected <old> <new>\n{USAGE}")));
    };
    let report =
        xtask::spec_diff::diff(&xtask::spec_diff::load(old.as_ref())?, &xtask::spec_diff::load(new.as_ref())?)?;
    print!("{report}");
    Ok(ExitCode::SUCCESS)
}

fn churn(names: &[String]) -> Result<ExitCode> {
    use xtask::churn::{CATALOGUE, Outcome};
    let root = workspace_root()?;
    let unknown: Vec<&String> = names.iter().filter(|n| !CATALOGUE.iter().any(|c| c.name == n.as_str())).collect();
    if !unknown.is_empty() {
        return Err(Error::file("xtask", format!("churn: no change named {unknown:?}")));
    }
    let target = root.join("target/churn");
    let mut silent = 0;
    println!("| change | what | outcome |\n|---|---|---|");
    for change in CATALOGUE.iter().filter(|c| names.is_empty() || names.iter().any(|n| n == c.name)) {
        let (verdict, lines) = match xtask::churn::run(&root, change, &target)? {
            Outcome::Loud(lines) => ("loud", lines),
            Outcome::Passed(lines) => {
                silent += 1;
                ("passed (check: automatic, or silent?)", lines)
            }
        };
        let detail = lines.join("<br>").replace('|', "\\|");
        println!("| `{}` | {} | **{verdict}**: {detail} |", change.name, change.what);
    }
    println!("\n{silent} passed without a failure; every other change was loud.");
    Ok(ExitCode::SUCCESS)
}

fn bench_compile(args: &[String]) -> Result<ExitCode> {
    let mut release = false;
    let mut runs = 1usize;
    let mut dir = std::env::temp_dir().join("cf-orgs-bench-compile");
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let bad = || Error::file("xtask", format!("bench-compile: `{arg}` needs a value, or is unknown\n{USAGE}"));
        match arg.as_str() {
            "--release" => release = true,
            "--dir" => dir = it.next().map(PathBuf::from).ok_or_else(bad)?,
            "--runs" => runs = it.next().and_then(|v| v.parse().ok()).filter(|&n| n > 0).ok_or_else(bad)?,
            _ => return Err(bad()),
        }
    }
    let profile = if release { "release" } else { "debug" };
    println!("clean `cargo build` ({profile}) of a tiny downstream crate, median of {runs}, in {}", dir.display());
    let crates = bench_compile::downstreams(&workspace_root()?);
    // Runs interleave the crates, so a slow spell of a shared machine hits them alike.
    let mut walls = vec![Vec::new(); crates.len()];
    let mut cpus = vec![Vec::new(); crates.len()];
    for _ in 0..runs {
        for (i, downstream) in crates.iter().enumerate() {
            let timing = bench_compile::time_build(&dir, downstream, release)?;
            walls[i].push(timing.wall);
            cpus[i].extend(timing.cpu);
        }
    }
    let floor = bench_compile::median(&mut walls[0]);
    for (i, downstream) in crates.iter().enumerate() {
        let wall = bench_compile::median(&mut walls[i]);
        let cpu = if cpus[i].is_empty() {
            String::new()
        } else {
            format!("  {:>6.1} s CPU", bench_compile::median(&mut cpus[i]))
        };
        println!("  {:<24} {wall:>6.1} s  {:>5.2}x the floor{cpu}", downstream.name, wall / floor);
    }
    Ok(ExitCode::SUCCESS)
}

/// The soak runs in the bench crate, optimized; this only starts it.
fn soak(args: &[String]) -> Result<ExitCode> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(["run", "--quiet", "--release", "--locked", "-p", "cf-orgs-bench", "--bin", "soak", "--"])
        .args(args)
        .current_dir(workspace_root()?)
        .status()
        .map_err(|e| Error::file("xtask", format!("soak: cannot run cargo: {e}")))?;
    Ok(if status.success() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
