//! Snapshots of what the spec generates: the whole output, and the API
//! surface a reviewer reads. A spec change shows up here as a `.snap` diff.

use xtask::{generate_workspace, surface, workspace_root};

fn generated_rs() -> String {
    let generated = generate_workspace(&workspace_root().unwrap()).expect("the committed spec generates");
    generated.files.into_iter().find(|(name, _)| *name == "generated.rs").expect("generated.rs is produced").1
}

#[test]
fn api_surface() {
    let summary = surface::summarize(&generated_rs()).expect("generated code parses");
    assert_eq!(summary.lines().count(), 17, "all 17 operations of the slice are exposed");
    insta::assert_snapshot!("api_surface", summary);
}

#[test]
fn whole_generated_output() {
    let generated = generate_workspace(&workspace_root().unwrap()).expect("the committed spec generates");
    for (name, code) in generated.files {
        insta::assert_snapshot!(format!("generated_{name}"), code);
    }
}

#[test]
fn generation_is_deterministic() {
    let a = generate_workspace(&workspace_root().unwrap()).unwrap().files;
    let b = generate_workspace(&workspace_root().unwrap()).unwrap().files;
    assert_eq!(a, b);
}
