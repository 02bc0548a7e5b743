//! The docs cannot drift: the README fits on a screen, every Rust block of every Markdown file
//! compiles as a doctest (its file is `include_str!`ed into a crate's docs), every console block
//! runs as a trycmd test, and the claims the docs make of the manifests hold.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Every file of the checkout with extension `ext`, but in `target/` and `.git/`.
fn files(ext: &str) -> Vec<PathBuf> {
    let root = root();
    let files = xtask::churn::walk(&root, &root).unwrap();
    files.into_iter().filter(|f| f.extension().is_some_and(|e| e == ext)).map(|f| root.join(f)).collect()
}

/// The info strings' languages of a Markdown file's fenced blocks, with their lines.
fn fences(text: &str) -> Vec<(usize, String)> {
    let mut open = false;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if let Some(info) = line.trim_start().strip_prefix("```") {
            if !open {
                out.push((n + 1, info.split([',', ' ']).next().unwrap_or("").to_string()));
            }
            open = !open;
        }
    }
    out
}

/// The Markdown files the crates' sources `include_str!` (as doctests), and those a trycmd test
/// runs (`.case("README.md")`, relative to its crate).
fn included() -> (Vec<PathBuf>, Vec<PathBuf>) {
    let crates = root().join("crates");
    let sources = files("rs").into_iter().filter(|f| f.starts_with(&crates));
    let (mut doctests, mut trycmd) = (Vec::new(), Vec::new());
    for source in sources {
        let text = std::fs::read_to_string(&source).unwrap();
        for (marker, out) in [("include_str!(\"", &mut doctests), (".case(\"", &mut trycmd)] {
            for (at, _) in text.match_indices(marker) {
                let rest = &text[at + marker.len()..];
                let Some(name) = rest.split('"').next().filter(|n| n.ends_with(".md")) else { continue };
                let base = if marker == ".case(\"" {
                    // trycmd runs in the crate's directory: tests/x.rs → the crate.
                    source.ancestors().find(|d| d.join("Cargo.toml").exists()).unwrap().to_path_buf()
                } else {
                    source.parent().unwrap().to_path_buf()
                };
                out.push(std::fs::canonicalize(base.join(name)).unwrap());
            }
        }
    }
    (doctests, trycmd)
}

#[test]
fn the_readme_fits_on_a_screen_and_every_block_is_tested() {
    let readme = std::fs::metadata(root().join("README.md")).unwrap().len();
    assert!(readme <= 12 * 1024, "README.md is {readme} bytes: at most 12 KB; move the rest to a manual");
    let (doctests, trycmd) = included();
    let docs = files("md");
    let mut untested = Vec::new();
    for doc in docs {
        let doc = std::fs::canonicalize(doc).unwrap();
        let text = std::fs::read_to_string(&doc).unwrap();
        let shown = doc.strip_prefix(std::fs::canonicalize(root()).unwrap()).unwrap().display().to_string();
        for (line, lang) in fences(&text) {
            // rustdoc compiles a block with no language, or `rust`, as Rust.
            let rust = lang.is_empty() || lang == "rust";
            if rust && !doctests.contains(&doc) {
                untested.push(format!("{shown}:{line}: a Rust block, and no crate includes the file as docs"));
            }
            if lang == "console" && !trycmd.contains(&doc) {
                untested.push(format!("{shown}:{line}: a console block, and no trycmd test runs the file"));
            }
        }
    }
    assert!(untested.is_empty(), "blocks no test runs:\n{}", untested.join("\n"));
    // The ones that matter most are held by name, so that the scan above cannot pass by finding none.
    for doc in ["README.md", "crates/cf-orgs/README.md", "crates/cf-orgs-mock/README.md", "docs/maintaining.md"] {
        assert!(doctests.contains(&std::fs::canonicalize(root().join(doc)).unwrap()), "{doc} is not a doctest");
    }
    assert!(trycmd.contains(&std::fs::canonicalize(root().join("crates/cf-orgs-cli/README.md")).unwrap()));
}

/// cf-orgs uses cf-orgs-gen's hidden macros, which semver does not cover: the workspace asks for
/// its exact version, as docs/releasing.md says.
#[test]
fn the_generated_crate_is_pinned_exactly() {
    let manifest: toml::Table = std::fs::read_to_string(root().join("Cargo.toml")).unwrap().parse().unwrap();
    let dependency = &manifest["workspace"]["dependencies"]["cf-orgs-gen"];
    let generated: toml::Table =
        std::fs::read_to_string(root().join("crates/cf-orgs-gen/Cargo.toml")).unwrap().parse().unwrap();
    let version = generated["package"]["version"].as_str().unwrap();
    assert_eq!(dependency["version"].as_str(), Some(format!("={version}").as_str()));
}
