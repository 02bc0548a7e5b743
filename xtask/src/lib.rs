//! The maintainers' tasks, as a pipeline of small named steps:
//! load (validate) → normalize (named passes) → generate (progenitor) →
//! format (prettyplease, header) → write or `--check`.

pub mod bench_compile;
pub mod error;
pub mod extract;
pub mod format;
pub mod gates;
pub mod generate;
pub mod load;
pub mod output;
pub mod passes;
pub mod surface;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use error::{Error, Result};
use load::Spec;
use passes::Applied;

/// The spec, relative to the workspace root.
pub const SPEC_PATH: &str = "spec/cloudflare-organizations.openapi.json";
/// The generated crate's source directory, relative to the workspace root.
pub const OUTPUT_DIR: &str = "crates/cf-orgs-gen/src";

/// The workspace root (the xtask crate sits one level below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives inside the workspace").to_path_buf()
}

/// Generated source and what the passes did to get there.
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: format::Files,
    pub applied: Vec<Applied>,
    pub timings: Timings,
}

/// Wall time of each step of one run, for `regenerate`'s report (benchmarks live in `cargo bench`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    pub load: Duration,
    pub passes: Duration,
    pub generate: Duration,
    pub format: Duration,
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total = self.load + self.passes + self.generate + self.format;
        write!(
            f,
            "{total:.1?} (load {:.1?}, passes {:.1?}, generate {:.1?}, format {:.1?})",
            self.load, self.passes, self.generate, self.format
        )
    }
}

/// Normalizes, generates and formats; `name` is how the header names the spec.
pub fn generate(mut spec: Spec, name: &str) -> Result<Generated> {
    let mut timings = Timings::default();
    let clock = Instant::now();
    let applied = passes::apply_all(&mut spec.doc);
    timings.passes = clock.elapsed();
    let clock = Instant::now();
    let tokens = generate::generate(&spec)?;
    timings.generate = clock.elapsed();
    let clock = Instant::now();
    let files = format::render(tokens, name, &applied)
        .map_err(|e| Error::file(&spec.path, format!("progenitor produced code syn cannot parse: {e}")))?;
    timings.format = clock.elapsed();
    Ok(Generated { files, applied, timings })
}

/// Loads the workspace's spec and generates from it.
pub fn generate_workspace(root: &Path) -> Result<Generated> {
    let clock = Instant::now();
    let mut spec = Spec::load(&root.join(SPEC_PATH))?;
    let load = clock.elapsed();
    // Errors and the header name the spec relative to the root, the same on every machine.
    spec.path = PathBuf::from(SPEC_PATH);
    let mut generated = generate(spec, SPEC_PATH)?;
    generated.timings.load = load;
    Ok(generated)
}

/// Formats tokens without the header (tests and tools that read generated code).
pub fn prettyprint(tokens: &proc_macro2::TokenStream) -> String {
    syn::parse2::<syn::File>(tokens.clone()).map(|f| prettyplease::unparse(&f)).unwrap_or_else(|e| e.to_string())
}
