//! Each normalization pass on its fixture: without the pass the fixture fails
//! to generate (progenitor panics, or the request layer refuses it) or
//! generates the wrong type; it generates with it, and the before/after is a
//! snapshot.

use std::path::PathBuf;

use serde_json::Value;
use xtask::load::Spec;
use xtask::passes::PASSES;

fn fixture(name: &str) -> Spec {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/passes").join(format!("{name}.json"));
    Spec::load(&path).unwrap_or_else(|e| panic!("fixture for pass {name}: {e}"))
}

/// What each pass's fixture shows without the pass: the generation error
/// (`Ok`), or a line of generated code that is wrong (`Err`), which the pass
/// removes.
fn without_the_pass(name: &str) -> Result<&'static str, &'static str> {
    match name {
        // `parent.id` would be a struct of optional subtypes, not the string it is on the wire.
        "query-union-to-string" => Ok("a query or path value of type None is not supported"),
        "one-error-schema" => Ok("progenitor panicked"),
        // The create body requires the server-assigned id.
        "read-only-out-of-requests" => Err("pub body: crate::types::Organization,"),
        // An id one character over the spec's limit fails the whole response.
        "no-string-limits" => Err("longer than 32 characters"),
        // `"result": null` fails to decode the error envelope.
        "nullable-error-result" => Err("pub result: ::serde_json::Map<"),
        // `limit=500.0` on the wire.
        "integral-query-numbers" => Err("pub limit: Option<f64>"),
        // A status newer than the spec cannot be sent.
        "open-body-enums" => Err("pub status: ::std::option::Option<NewMemberStatus>"),
        other => panic!("pass {other} has no expectation here: add one"),
    }
}

/// Progenitor's types and the request layer of `spec`, formatted.
fn generate(spec: &Spec) -> xtask::Result<String> {
    let parts = xtask::generate_parts(spec, &Default::default())?;
    Ok(format!("{}\n{}", prettyplease::unparse(&parts.client), xtask::prettyprint(&parts.layer)))
}

#[test]
fn every_pass_fixes_its_fixture() {
    for pass in PASSES {
        let before = fixture(pass.name);
        match without_the_pass(pass.name) {
            Ok(failure) => {
                let err = generate(&before).expect_err("without the pass, the fixture fails to generate");
                assert!(err.to_string().contains(failure), "{}: {err}", pass.name);
            }
            Err(wrong) => {
                let code = generate(&before).unwrap();
                assert!(code.contains(wrong), "{}: expected `{wrong}` without the pass", pass.name);
            }
        }

        let mut after = before.clone();
        let changed = (pass.run)(&mut after.doc);
        assert!(!changed.is_empty(), "{} changed nothing on its fixture", pass.name);
        let fixed = generate(&after).unwrap_or_else(|e| panic!("{} did not make the fixture generate: {e}", pass.name));
        if let Err(wrong) = without_the_pass(pass.name) {
            assert!(!fixed.contains(wrong), "{}: `{wrong}` is still generated", pass.name);
        }

        let snapshot = format!(
            "pass: {}\nreason: {}\nchanged: {changed:#?}\n\nbefore:\n{}\n\nafter:\n{}\n",
            pass.name,
            pass.reason,
            pretty(&before.doc["paths"], &before.doc["components"]),
            pretty(&after.doc["paths"], &after.doc["components"]),
        );
        insta::assert_snapshot!(format!("pass_{}", pass.name), snapshot);
    }
}

#[test]
fn passes_are_idempotent_on_the_real_spec() {
    let path = xtask::workspace_root().unwrap().join(xtask::SPEC_PATH);
    let mut doc = Spec::load(&path).unwrap().doc;
    xtask::passes::apply_all(&mut doc);
    let again = xtask::passes::apply_all(&mut doc);
    for applied in again {
        assert!(
            applied.changed.is_empty(),
            "{} changed an already normalized spec: {:?}",
            applied.name,
            applied.changed
        );
    }
}

fn pretty(paths: &Value, components: &Value) -> String {
    serde_json::to_string_pretty(&serde_json::json!({ "paths": paths, "components": components })).unwrap()
}
