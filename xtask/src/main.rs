//! `cargo xtask <command>`: see `cargo xtask --help`, and `--help` of each command.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use xtask::load::Spec;
use xtask::output::{Written, drift, write_if_changed};
use xtask::{Error, OUTPUT_DIR, Result, SPEC_PATH, bench_compile, extract, workspace_root};

/// How `spec-diff` writes its report.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Markdown,
}

/// The maintainers' tasks of cf-orgs.
#[derive(Parser)]
#[command(name = "xtask", bin_name = "cargo xtask", version, about)]
enum Command {
    /// Generate crates/cf-orgs-gen/src from spec/ (and spec/operation-names.json).
    Regenerate {
        /// Write nothing; fail with a diff when anything would change.
        #[arg(long)]
        check: bool,
        /// Generate from this spec instead of the workspace's (names from operationIds).
        #[arg(long, value_name = "FILE")]
        spec: Option<PathBuf>,
        /// Write the generated files here instead of crates/cf-orgs-gen/src.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Re-cut the Organizations service's slice from a complete Cloudflare OpenAPI document (.json or .json.gz).
    Extract {
        /// The complete document.
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        /// Where the slice goes (default: spec/cloudflare-organizations.openapi.json).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Download Cloudflare's whole document, check it, cut the slice, regenerate, and say what
    /// changed. Exit code: 0 no change (nothing written), 3 changed (spec/ and the generated crate
    /// written), 1 failed (nothing written).
    Refresh {
        /// An http(s) URL or a file (.json or .json.gz) [default: the openapi.json of
        /// cloudflare/api-schemas].
        #[arg(long, value_name = "URL|FILE")]
        from: Option<String>,
        /// Seconds the whole download may take.
        #[arg(long, default_value_t = 120, value_name = "SECONDS")]
        timeout: u64,
        /// Also write the report as Markdown (a pull request's body) to FILE.
        #[arg(long, value_name = "FILE")]
        markdown: Option<PathBuf>,
    },
    /// What changed between two specs (slices or whole documents, .json or .json.gz).
    SpecDiff {
        /// The spec before.
        old: PathBuf,
        /// The spec after.
        new: PathBuf,
        /// `text` (a line per change, grouped by operation and schema) or `markdown` (a pull
        /// request's body: breaking changes first, then operations, parameters, schemas, docs).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Apply each change of the catalogue (xtask/src/churn.rs) to a scratch copy, regenerate, run
    /// the tests of cf-orgs and the mock, and say for each: loud (what failed) or passed (what moved).
    Churn {
        /// Only these changes (default: all).
        names: Vec<String>,
    },
    /// Time clean builds of a tiny downstream crate on cf-orgs (default, and `rustls-ring`) beside
    /// two floors (reqwest + serde + chrono with reqwest's default TLS, and with ring) and the
    /// `cloudflare` 0.14 crate.
    BenchCompile {
        /// Build with the release profile.
        #[arg(long)]
        release: bool,
        /// Builds of each crate; the median is shown.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
        runs: u16,
        /// Where the downstream crates are built.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Mixed operations against cf-orgs-mock with faults on; fails unless lost = 0 and duplicates = 0.
    Soak {
        /// Passed to the soak (`--ops N`, `--concurrency C`, `--fault-rate R`, `--seed S`).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

fn main() -> ExitCode {
    let outcome = match Command::parse() {
        Command::Regenerate { check, spec, out } => regenerate(check, spec, out),
        Command::Extract { from, out } => extract_cmd(from, out),
        Command::SpecDiff { old, new, format } => spec_diff(&old, &new, format),
        Command::Churn { names } => churn(&names),
        Command::BenchCompile { release, runs, dir } => bench_compile(release, runs.into(), dir),
        Command::Soak { args } => soak(&args),
        Command::Refresh { from, timeout, markdown } => refresh(from, timeout, markdown),
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn regenerate(check: bool, spec_path: Option<PathBuf>, out: Option<PathBuf>) -> Result<ExitCode> {
    let root = workspace_root()?;
    let dir = out.unwrap_or_else(|| root.join(OUTPUT_DIR));
    let generated = match &spec_path {
        None => xtask::generate_workspace(&root)?,
        Some(path) => xtask::generate(Spec::load(path)?, &path.display().to_string())?,
    };
    // The names file and the CLI's commands belong to the workspace's spec, not to one given
    // with --spec.
    let outputs = generated.outputs(&root, &dir, spec_path.is_none())?;
    if check {
        let drifted: Vec<String> = outputs.iter().filter_map(|o| drift(&o.path, &o.label, &o.text)).collect();
        if drifted.is_empty() {
            let labels: Vec<&str> = outputs.iter().map(|o| o.label.as_str()).collect();
            println!("up to date with {SPEC_PATH}: {}", labels.join(", "));
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
    for output in &outputs {
        let written = write_if_changed(&output.path, &output.text)?;
        let verb = if written == Written::Updated { "wrote" } else { "unchanged:" };
        println!("{verb} {} {}", output.label, output.summary);
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
        (Ok(old), Ok(new)) => match xtask::surface_map::load(root)
            .and_then(|map| xtask::spec_diff::diff(&old, &new, &map))
        {
            Ok(report) => println!("{SPEC_PATH} changed since the last commit ({} changes):\n{report}", report.count()),
            Err(e) => println!("{SPEC_PATH} changed since the last commit (no diff: {e})"),
        },
        _ => println!("{SPEC_PATH} changed since the last commit"),
    }
}

/// The exit code of a refresh that changed the spec.
const CHANGED: u8 = 3;

fn refresh(from: Option<String>, timeout: u64, markdown: Option<PathBuf>) -> Result<ExitCode> {
    use xtask::refresh::{self, Limits, Outcome};
    let root = workspace_root()?;
    let source = from.unwrap_or_else(|| refresh::DEFAULT_SOURCE.to_string());
    let limits = Limits { timeout: std::time::Duration::from_secs(timeout), ..Limits::default() };
    println!("refreshing {SPEC_PATH} from {source}");
    match refresh::refresh(&root, &source, limits)? {
        Outcome::Unchanged => {
            println!("no change: the organizations slice is what {SPEC_PATH} holds");
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Changed { report, written } => {
            for file in &written {
                println!("wrote {file}");
            }
            println!("{} changes:\n{report}", report.count());
            if let Some(path) = markdown {
                let title = format!("Spec refresh: {} changes from {source}", report.count());
                write_if_changed(&path, &report.to_markdown(&title))?;
                println!("wrote {}", path.display());
            }
            Ok(ExitCode::from(CHANGED))
        }
    }
}

fn extract_cmd(from: PathBuf, out: Option<PathBuf>) -> Result<ExitCode> {
    let out = match out {
        Some(out) => out,
        None => workspace_root()?.join(SPEC_PATH),
    };
    let full = Spec::read(&from)?;
    let slice = extract::extract(&full)?;
    // The slice must itself be a valid spec before it replaces the committed one.
    Spec::from_value(&out, slice.clone())?;
    let written = write_if_changed(&out, &extract::to_file_text(&slice))?;
    let paths = slice["paths"].as_object().map_or(0, |p| p.len());
    println!("{} {} ({paths} paths)", if written == Written::Updated { "wrote" } else { "unchanged:" }, out.display());
    Ok(ExitCode::SUCCESS)
}

fn spec_diff(old: &Path, new: &Path, format: Format) -> Result<ExitCode> {
    let map = xtask::surface_map::load(&workspace_root()?)?;
    let report = xtask::spec_diff::diff(&xtask::spec_diff::load(old)?, &xtask::spec_diff::load(new)?, &map)?;
    match format {
        Format::Text => print!("{report}"),
        Format::Markdown => {
            print!("{}", report.to_markdown(&format!("Spec change: {} → {}", old.display(), new.display())))
        }
    }
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
        let (verdict, mut lines) = (verdict, lines);
        if change.probe.is_some() {
            let scratch = std::env::temp_dir().join(format!("cf-orgs-churn-probe-{}", change.name));
            let probe = xtask::churn_probe::run(&root, &[change], &scratch, &root.join("target/churn-probe"))?;
            let _ = std::fs::remove_dir_all(&scratch);
            lines.insert(
                0,
                if probe.status.success() {
                    "cf-orgs: automatic (a downstream program used it, regenerated, no hand edit)".to_string()
                } else {
                    format!(
                        "cf-orgs: the downstream program failed: {}",
                        String::from_utf8_lossy(&probe.stderr).lines().take(3).collect::<Vec<_>>().join(" ")
                    )
                },
            );
        }
        let detail = lines.join("<br>").replace('|', "\\|");
        println!("| `{}` | {} | **{verdict}**: {detail} |", change.name, change.what);
    }
    println!("\n{silent} passed without a failure; every other change was loud.");
    Ok(ExitCode::SUCCESS)
}

fn bench_compile(release: bool, runs: usize, dir: Option<PathBuf>) -> Result<ExitCode> {
    let dir = dir.unwrap_or_else(|| std::env::temp_dir().join("cf-orgs-bench-compile"));
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
    let medians: Vec<f64> = walls.iter_mut().map(|w| bench_compile::median(w)).collect();
    let wall_of = |name: &str| crates.iter().position(|c| c.name == name).map(|i| medians[i]);
    println!("  {:<24} {:>8}  {:<21}", "", "wall", "÷ its floor");
    for (i, downstream) in crates.iter().enumerate() {
        let ratio = match downstream.floor.and_then(wall_of) {
            Some(floor) => format!("{:>5.2}x {:<15}", medians[i] / floor, downstream.floor.unwrap_or_default()),
            None => format!("{:<21}", "(a floor)"),
        };
        let cpu = if cpus[i].is_empty() {
            String::new()
        } else {
            format!("  {:>6.1} s CPU", bench_compile::median(&mut cpus[i]))
        };
        println!("  {:<24} {:>6.1} s  {ratio}{cpu}", downstream.name, medians[i]);
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
