//! `cargo xtask <command>`: see `cargo xtask help`.

use std::path::PathBuf;
use std::process::ExitCode;

use xtask::load::Spec;
use xtask::output::{Written, drift, write_if_changed};
use xtask::{Error, OUTPUT_DIR, Result, SPEC_PATH, extract, workspace_root};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  regenerate [--check] [--spec <file>] [--out <dir>]
                                generate crates/cf-orgs-gen/src from spec/
                                (--check: write nothing, fail with a diff on drift)
  extract --from <file> [--out <file>]
                                re-cut the organizations slice from a complete Cloudflare
                                OpenAPI document (.json or .json.gz) into spec/";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("regenerate") => regenerate(&args[1..]),
        Some("extract") => extract_cmd(&args[1..]),
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
    let root = workspace_root();
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
    let generated = match spec_path {
        None => xtask::generate_workspace(&root)?,
        Some(path) => xtask::generate(Spec::load(&path)?, &path.display().to_string())?,
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
    for (name, code) in &generated.files {
        let written = write_if_changed(&dir.join(name), code)?;
        let verb = if written == Written::Updated { "wrote" } else { "unchanged:" };
        println!("{verb} {OUTPUT_DIR}/{name} ({} lines, {} bytes)", code.lines().count(), code.len());
    }
    println!("generated in {}", generated.timings);
    Ok(ExitCode::SUCCESS)
}

fn extract_cmd(args: &[String]) -> Result<ExitCode> {
    let mut from = None;
    let mut out = workspace_root().join(SPEC_PATH);
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
