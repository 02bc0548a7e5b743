//! The maintainers' tasks, as a pipeline of small named steps:
//! load (validate) → normalize (named passes) → generate (progenitor) →
//! format (prettyplease, header) → write or `--check`.

pub mod error;
pub mod extract;
pub mod format;
pub mod generate;
pub mod load;
pub mod output;
pub mod passes;
pub mod surface;

use std::path::{Path, PathBuf};

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
}

/// Normalizes, generates and formats; `name` is how the header names the spec.
pub fn generate(mut spec: Spec, name: &str) -> Result<Generated> {
    let applied = passes::apply_all(&mut spec.doc);
    let tokens = generate::generate(&spec)?;
    let files = format::render(tokens, name, &applied)
        .map_err(|e| Error::file(&spec.path, format!("progenitor produced code syn cannot parse: {e}")))?;
    Ok(Generated { files, applied })
}

/// Loads the workspace's spec and generates from it.
pub fn generate_workspace(root: &Path) -> Result<Generated> {
    let mut spec = Spec::load(&root.join(SPEC_PATH))?;
    // Errors and the header name the spec relative to the root, the same on every machine.
    spec.path = PathBuf::from(SPEC_PATH);
    generate(spec, SPEC_PATH)
}

/// Formats tokens without the header (tests and tools that read generated code).
pub fn prettyprint(tokens: &proc_macro2::TokenStream) -> String {
    syn::parse2::<syn::File>(tokens.clone()).map(|f| prettyplease::unparse(&f)).unwrap_or_else(|e| e.to_string())
}
