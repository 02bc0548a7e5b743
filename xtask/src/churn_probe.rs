//! Whether cf-orgs follows an additive change on its own: the change is applied to a copy of the
//! checkout, the copy regenerated, and a downstream program (a crate of its own, depending on the
//! copy's cf-orgs by path) that uses what the change adds is built and run there. It passes only
//! if the new field, variant or setter is usable from the public API and goes on the wire.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::churn::Change;
use crate::error::{Error, Result};
use crate::load::Spec;

/// The program: each change's probe in a block of `main`, against a client of no server.
pub fn program(changes: &[&Change]) -> String {
    let blocks: Vec<String> = changes
        .iter()
        .filter_map(|c| {
            c.probe.map(|code| format!("    // {}: {}\n    {{\n        {}\n    }}\n", c.name, c.what, code))
        })
        .collect();
    format!(
        "//! Written by `cargo xtask churn`: uses what the changes add.\n\
         fn main() {{\n    \
         let client = cf_orgs::Client::builder()\n        \
         .credentials(cf_orgs::Credentials::api_token(\"probe\"))\n        \
         .base_url(\"http://127.0.0.1:9\")\n        \
         .build()\n        \
         .unwrap();\n    \
         let _ = &client;\n{}    println!(\"the probes passed\");\n}}\n",
        blocks.join("")
    )
}

/// The downstream crate's manifest: cf-orgs by path, without TLS (nothing is sent), with
/// `generated` for `preview()`.
fn manifest() -> &'static str {
    "[package]\nname = \"churn-probe\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
     [dependencies]\ncf-orgs = { path = \"../crates/cf-orgs\", default-features = false, features = [\"generated\"] }\n\
     serde_json = \"1\"\n\n[workspace]\n"
}

/// Applies `changes` to a copy of the checkout at `root` in `scratch`, regenerates it, and builds
/// and runs the program there (its build in `target`). Offline: the copy's `Cargo.lock` pins
/// every crate, which the checkout's own build has fetched.
pub fn run(root: &Path, changes: &[&Change], scratch: &Path, target: &Path) -> Result<std::process::Output> {
    let fail = |what: String| Error::file(scratch, what);
    let _ = std::fs::remove_dir_all(scratch);
    crate::churn::copy_checkout(root, scratch).map_err(|e| fail(format!("cannot copy the checkout: {e}")))?;
    let spec_path = scratch.join(crate::SPEC_PATH);
    let mut doc = Spec::load(&spec_path)?.doc;
    for change in changes {
        (change.apply)(&mut doc);
    }
    let text = serde_json::to_string_pretty(&doc).map_err(|e| fail(e.to_string()))?;
    std::fs::write(&spec_path, text + "\n").map_err(|e| fail(e.to_string()))?;
    let generated = crate::generate_workspace(scratch)?;
    for output in generated.outputs(scratch, &scratch.join(crate::OUTPUT_DIR), true)? {
        std::fs::write(&output.path, &output.text).map_err(|e| fail(format!("{}: {e}", output.label)))?;
    }
    let probe: PathBuf = scratch.join("churn-probe");
    std::fs::create_dir_all(probe.join("src")).map_err(|e| fail(e.to_string()))?;
    std::fs::write(probe.join("Cargo.toml"), manifest()).map_err(|e| fail(e.to_string()))?;
    std::fs::write(probe.join("src/main.rs"), program(changes)).map_err(|e| fail(e.to_string()))?;
    std::fs::copy(scratch.join("Cargo.lock"), probe.join("Cargo.lock")).map_err(|e| fail(e.to_string()))?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .args(["run", "--quiet", "--offline"])
        .current_dir(&probe)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| fail(format!("cannot run cargo: {e}")))
}
