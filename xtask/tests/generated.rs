//! Snapshots of what the spec generates, cut so that a spec change names what
//! it moved: the API surface (one line per operation, from the spec), each
//! operation's request-layer entry with the types it reaches, and the crate
//! root. `regenerate --check` guards every byte besides.

use xtask::{Generated, generate_workspace, sections, surface, workspace_root};

fn generated() -> Generated {
    generate_workspace(&workspace_root().unwrap()).expect("the committed spec generates")
}

fn file<'a>(generated: &'a Generated, name: &str) -> &'a str {
    &generated.files.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("{name} is produced")).1
}

#[test]
fn api_surface() {
    let generated = generated();
    let summary = surface::summarize(&generated.operations);
    assert_eq!(summary.lines().count(), 17, "all 17 operations of the slice are exposed");
    insta::assert_snapshot!("api_surface", summary);
}

#[test]
fn each_operation_with_its_types() {
    let generated = generated();
    let cut = sections::cut(&generated.operations, file(&generated, "operations.rs"), file(&generated, "generated.rs"))
        .expect("generated code parses");
    assert_eq!(cut.operations.len(), 17);
    for (id, text) in &cut.operations {
        assert!(text.contains("impl Endpoint for"), "{id} has its request-layer entry");
        insta::assert_snapshot!(format!("operation_{id}"), text);
    }
    // Components no operation names any longer (a pass rewrote the reference away) are still generated.
    insta::assert_snapshot!("types_no_operation_reaches", cut.unreached.join("\n"));
}

#[test]
fn crate_root() {
    insta::assert_snapshot!("generated_lib.rs", file(&generated(), "lib.rs"));
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generated().files, generated().files);
}
