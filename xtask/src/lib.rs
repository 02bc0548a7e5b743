//! The maintainers' tasks, as a pipeline of small named steps:
//! load (validate) → normalize (named passes) → generate (progenitor) →
//! format (prettyplease, header) → write or `--check`.

pub mod bench_compile;
pub mod builders;
pub mod churn;
pub mod churn_probe;
pub mod cli_commands;
pub mod document;
pub mod error;
pub mod examples;
pub mod extract;
pub mod format;
pub mod gates;
pub mod generate;
pub mod handles;
pub mod load;
pub mod model;
pub mod names;
pub mod output;
pub mod passes;
pub mod reach;
pub mod refresh;
pub mod request_layer;
pub mod response_schemas;
pub mod sections;
pub mod setters;
pub mod spec_diff;
pub mod surface;
pub mod surface_map;
pub mod tolerant_models;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use error::{Error, Result};
use load::Spec;
use passes::Applied;

/// The spec, relative to the workspace root.
pub const SPEC_PATH: &str = "spec/cloudflare-organizations.openapi.json";
/// Cloudflare's whole document that the spec is cut from, relative to the workspace root.
pub const UPSTREAM_PATH: &str = "spec/upstream/cloudflare-openapi.full.json.gz";
/// The generated crate's source directory, relative to the workspace root.
pub const OUTPUT_DIR: &str = "crates/cf-orgs-gen/src";

/// The workspace root of the checkout the xtask runs in, found at run time.
///
/// Not `env!("CARGO_MANIFEST_DIR")`: that is fixed when the xtask is compiled,
/// and cargo reuses one build for every copy of the repository that shares a
/// target directory, so a second copy would read and write the first one's
/// files. `cargo run` (hence `cargo xtask`) sets `CARGO_MANIFEST_DIR` for the
/// process it starts; without it (the binary run directly), the root is the
/// nearest ancestor of the current directory that holds this workspace.
pub fn workspace_root() -> Result<PathBuf> {
    let from_cargo = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .and_then(|xtask| xtask.parent().map(Path::to_path_buf))
        .filter(|root| is_workspace_root(root));
    if let Some(root) = from_cargo {
        return Ok(root);
    }
    let cwd =
        std::env::current_dir().map_err(|e| Error::file(".", format!("cannot read the current directory: {e}")))?;
    cwd.ancestors().find(|dir| is_workspace_root(dir)).map(Path::to_path_buf).ok_or_else(|| {
        Error::file(&cwd, "not inside a cf-orgs checkout: no ancestor holds Cargo.toml and xtask/Cargo.toml")
    })
}

/// A cf-orgs checkout: the workspace's manifest and the xtask's. Not the spec:
/// a checkout whose spec is missing is still one, and loading names the file.
fn is_workspace_root(dir: &Path) -> bool {
    dir.join("Cargo.toml").is_file() && dir.join("xtask/Cargo.toml").is_file()
}

/// Generated source and what the passes did to get there.
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: format::Files,
    /// The Rust name of every operation's route (`spec/operation-names.json`).
    pub names: names::Names,
    /// The operations of the normalized spec, as the request layer was generated from them.
    pub operations: Vec<model::Operation>,
    pub applied: Vec<Applied>,
    pub timings: Timings,
    /// The normalized spec the code was generated from.
    pub doc: serde_json::Value,
    /// The spec as loaded, before the passes.
    pub original: serde_json::Value,
}

/// One file a generation writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// What `--check` and the report call it: its place in the workspace.
    pub label: String,
    /// Its path on disk.
    pub path: PathBuf,
    /// Its contents.
    pub text: String,
    /// What the report says of it: `(1724 lines, 60123 bytes)`, `(17 operations)`.
    pub summary: String,
}

impl Generated {
    /// Every file this generation writes: the generated crate's sources into `dir` and, for the
    /// workspace's own spec (`workspace`), the operation names and the CLI's commands under `root`.
    pub fn outputs(&self, root: &Path, dir: &Path, workspace: bool) -> Result<Vec<Output>> {
        let mut outputs: Vec<Output> = self
            .files
            .iter()
            .map(|(name, code)| Output {
                label: format!("{OUTPUT_DIR}/{name}"),
                path: dir.join(name),
                text: code.clone(),
                summary: format!("({} lines, {} bytes)", code.lines().count(), code.len()),
            })
            .collect();
        if workspace {
            outputs.push(Output {
                label: names::NAMES_PATH.into(),
                path: root.join(names::NAMES_PATH),
                text: names::render(&self.names),
                summary: format!("({} operations)", self.names.len()),
            });
            outputs.push(Output {
                label: cli_commands::FILE.into(),
                path: root.join(cli_commands::FILE),
                text: cli_commands::render_workspace(&self.operations, &self.surface(root)?),
                summary: format!("({} commands)", self.operations.len()),
            });
            let map = surface_map::load(root)?;
            let mut items = tolerant_models::collect(&self.doc, &self.original, &self.operations, &map)?;
            setters::widen_answer_enums(&self.operations, &map, &mut items);
            outputs.push(Output {
                label: tolerant_models::FILE.into(),
                path: root.join(tolerant_models::FILE),
                text: tolerant_models::render(&items),
                summary: format!("({} models and enums)", items.len()),
            });
            let surface = surface_map::place(&map, &self.operations)?;
            let setters = self.operations.iter().map(|op| op.query.len()).sum::<usize>();
            outputs.push(Output {
                label: setters::FILE.into(),
                path: root.join(setters::FILE),
                text: setters::render(&self.operations, &surface, &map, &items)?,
                summary: format!("(up to {setters} setters)"),
            });
            outputs.push(Output {
                label: builders::FILE.into(),
                path: root.join(builders::FILE),
                text: builders::render(&self.doc, &self.operations, &surface, &map, &items)?,
                summary: format!("({} builders)", surface.placements.len()),
            });
            let taken: Vec<&str> = items.iter().map(tolerant_models::Item::name).collect();
            outputs.push(Output {
                label: handles::FILE.into(),
                path: root.join(handles::FILE),
                text: handles::render(&self.operations, &surface, &map, &taken)?,
                summary: format!("({} operations)", surface.placements.len()),
            });
            outputs.push(Output {
                label: examples::FILE.into(),
                path: root.join(examples::FILE),
                text: examples::render(&self.operations, &surface, &map)?,
                summary: format!("({} examples)", surface.placements.len()),
            });
        }
        Ok(outputs)
    }

    /// Where the surface map at `root` places these operations.
    pub fn surface(&self, root: &Path) -> Result<surface_map::Surface> {
        surface_map::place(&surface_map::load(root)?, &self.operations)
    }
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

/// Normalizes, generates and formats; `name` is how the header names the
/// spec. Operations are named from their operationIds.
pub fn generate(spec: Spec, name: &str) -> Result<Generated> {
    generate_named(spec, name, &names::Names::new())
}

/// As [`generate()`], the operations whose routes `names` holds keeping those names.
pub fn generate_named(mut spec: Spec, name: &str, names: &names::Names) -> Result<Generated> {
    let mut timings = Timings::default();
    let original = spec.doc.clone();
    let clock = Instant::now();
    let applied = passes::apply_all(&mut spec.doc);
    timings.passes = clock.elapsed();
    let clock = Instant::now();
    let parts = generate_parts(&spec, names)?;
    timings.generate = clock.elapsed();
    let clock = Instant::now();
    let bodies: Vec<String> =
        parts.operations.iter().filter_map(|op| op.body.as_ref().map(|b| b.rust.clone())).collect();
    let mut files = format::render(parts.client, parts.layer, &bodies, name, &applied)
        .map_err(|e| Error::file(&spec.path, format!("the generated code does not parse: {e}")))?;
    files.push((response_schemas::FILE, response_schemas::render(&spec.doc, &parts.operations)));
    timings.format = clock.elapsed();
    Ok(Generated { files, names: parts.names, operations: parts.operations, applied, timings, doc: spec.doc, original })
}

/// What a normalized spec generates, before formatting.
#[derive(Clone)]
pub struct Parts {
    /// progenitor's client and types.
    pub client: syn::File,
    /// The request layer (`operations.rs`).
    pub layer: proc_macro2::TokenStream,
    /// The operations it was generated from.
    pub operations: Vec<model::Operation>,
    /// Their Rust names, by route.
    pub names: names::Names,
}

/// Runs progenitor and the request layer over a normalized spec.
pub fn generate_parts(spec: &Spec, names: &names::Names) -> Result<Parts> {
    let tokens = generate::generate(spec)?;
    let client: syn::File = syn::parse2(tokens)
        .map_err(|e| Error::file(&spec.path, format!("progenitor produced code syn cannot parse: {e}")))?;
    let mut operations = model::operations(spec)?;
    let names = names::apply(&mut operations, names)?;
    let layer = request_layer::emit(&operations, &type_names(&client), &spec.path)?;
    Ok(Parts { client, layer, operations, names })
}

/// Loads the workspace's spec and generates from it.
pub fn generate_workspace(root: &Path) -> Result<Generated> {
    let clock = Instant::now();
    let mut spec = Spec::load(&root.join(SPEC_PATH))?;
    let load = clock.elapsed();
    // Errors and the header name the spec relative to the root, the same on every machine.
    spec.path = PathBuf::from(SPEC_PATH);
    let names = names::load(root)?;
    let mut generated = generate_named(spec, SPEC_PATH, &names)?;
    generated.timings.load = load;
    Ok(generated)
}

/// The names of the items of progenitor's `types` module.
fn type_names(file: &syn::File) -> Vec<String> {
    generate::types_items(file)
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            syn::Item::Enum(e) => Some(e.ident.to_string()),
            syn::Item::Type(t) => Some(t.ident.to_string()),
            _ => None,
        })
        .collect()
}

/// Formats tokens without the header (tests and tools that read generated code).
pub fn prettyprint(tokens: &proc_macro2::TokenStream) -> String {
    syn::parse2::<syn::File>(tokens.clone()).map(|f| prettyplease::unparse(&f)).unwrap_or_else(|e| e.to_string())
}
