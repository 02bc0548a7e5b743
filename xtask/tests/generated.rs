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
    assert_eq!(summary.lines().count(), 28, "all 28 operations of the service are exposed");
    insta::assert_snapshot!("api_surface", summary);
}

#[test]
fn each_operation_with_its_types() {
    let generated = generated();
    let cut = sections::cut(&generated.operations, file(&generated, "operations.rs"), file(&generated, "generated.rs"))
        .expect("generated code parses");
    assert_eq!(cut.operations.len(), 28);
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

/// A PATCH operation is generated with the spec's method, and the runtime
/// every client's retry rule reads says it is not idempotent (a PUT is).
#[test]
fn a_patch_operation_is_generated_as_not_idempotent() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/methods/patch.json");
    let generated = xtask::generate(xtask::load::Spec::load(&fixture).unwrap(), "patch.json").unwrap();
    let operations = file(&generated, "operations.rs");
    assert!(operations.contains("Operation::ThingsModify => crate::runtime::Method::Patch"), "{operations}");
    assert!(operations.contains("Operation::ThingsReplace => crate::runtime::Method::Put"), "{operations}");
    let runtime: syn::File = syn::parse_str(file(&generated, "runtime.rs")).unwrap();
    let is_idempotent = runtime
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(imp) => Some(imp),
            _ => None,
        })
        .flat_map(|imp| &imp.items)
        .find_map(|item| match item {
            syn::ImplItem::Fn(f) if f.sig.ident == "is_idempotent" => Some(quote::quote!(#f).to_string()),
            _ => None,
        })
        .expect("the runtime's Method says which methods are idempotent");
    assert!(is_idempotent.contains("Method :: Post | Method :: Patch => false"), "{is_idempotent}");
    // cf-orgs's retry rule is this function (`transport::Call::idempotent`), tested there for all eight.
}

/// A query parameter the spec adds is a flag of its command with no hand edit, and `cargo xtask
/// churn` says so beside the help-tree snapshot that fails (automatic, and loud).
#[test]
fn a_new_query_parameter_is_a_new_flag() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(xtask::SPEC_PATH);
    let base = xtask::load::Spec::load(&path).unwrap();
    let change = xtask::churn::CATALOGUE.iter().find(|c| c.name == "list-parameter-added").unwrap();
    let mut doc = base.doc.clone();
    (change.apply)(&mut doc);
    let changed = xtask::load::Spec::from_value(&path, doc).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let cli = |spec| {
        let generated = xtask::generate(spec, "spec.json").unwrap();
        xtask::cli_commands::render(&generated.operations, &generated.surface(&root).unwrap(), "")
    };
    assert_eq!(xtask::churn::cli_flags_moved(&cli(base), &cli(changed)), ["cli: + members-list --user-name"]);
}

/// Every operation of the spec has its place: those the surface map does not name are listed
/// (with `--nocapture`) as the rule places them, and the test fails only when two operations
/// collide. The rule alone places the whole spec without a collision (the snapshot shows how): a
/// new operation is callable from the CLI the day it is generated.
#[test]
fn the_operations_placed_by_default() {
    let root = xtask::workspace_root().unwrap();
    let generated = xtask::generate_workspace(&root).unwrap();
    let by_default = |surface: &xtask::surface_map::Surface| -> Vec<String> {
        let placed = surface.placements.iter().filter(|p| p.by_default);
        placed.map(|p| format!("{}: cf-orgs {} | {} | {}", p.route, p.cli.join(" "), p.sdk, p.builder)).collect()
    };
    let map = xtask::surface_map::load(&root).unwrap();
    let mapped = generated.surface(&root).expect("no two operations in one place");
    println!("placed by default ({}):\n{}", by_default(&mapped).len(), by_default(&mapped).join("\n"));
    let unmapped = xtask::surface_map::place(&Default::default(), &generated.operations).expect("no collision");
    insta::assert_snapshot!("placed_by_default_without_a_map", by_default(&unmapped).join("\n"));
    // And the SDK's handles and methods, by the rule alone: no two in one place.
    let items = xtask::tolerant_models::collect(
        &generated.doc,
        &generated.original,
        &generated.operations,
        &Default::default(),
    )
    .unwrap();
    let taken: Vec<&str> = items.iter().map(xtask::tolerant_models::Item::name).collect();
    let handles = xtask::handles::render(&generated.operations, &unmapped, &Default::default(), &taken).unwrap();
    let (methods, types) = (handles.matches("    pub fn ").count(), handles.matches("pub struct ").count());
    assert_eq!(methods, generated.operations.len() + types, "a method per operation, an accessor per handle");
    let items =
        xtask::tolerant_models::collect(&generated.doc, &generated.original, &generated.operations, &map).unwrap();
    let taken: Vec<&str> = items.iter().map(xtask::tolerant_models::Item::name).collect();
    let mapped_handles = xtask::handles::render(&generated.operations, &mapped, &map, &taken).unwrap();
    let by_hand = map.operations.values().filter(|e| e.by_hand.is_some()).count();
    let (methods, types) =
        (mapped_handles.matches("    pub fn ").count(), mapped_handles.matches("pub struct ").count());
    assert_eq!(
        methods,
        generated.operations.len() - by_hand + types,
        "a method per operation not by hand, an accessor per handle"
    );
}

/// cf-orgs's handles and the methods that make the builders, one line each: a new operation shows
/// here as its method, a moved one as its handle.
#[test]
fn the_handles_and_their_methods() {
    let root = workspace_root().unwrap();
    let text = std::fs::read_to_string(root.join(xtask::handles::FILE)).unwrap();
    let mut lines = Vec::new();
    let (mut holder, mut route) = (String::new(), String::new());
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("impl ") {
            holder = rest.trim_end_matches(" {").to_string();
        } else if let Some(rest) = line.strip_prefix("pub struct ") {
            lines.push(format!("struct {}", rest.trim_end_matches(" {")));
        } else if let Some(rest) = line.strip_prefix("/// ").filter(|l| l.contains("`): [`")) {
            // A method's summary names its route and builder.
            let at = rest.split("(`").nth(1).and_then(|r| r.split("`)").next()).unwrap_or_default();
            let builder = rest.rsplit("[`").next().unwrap_or_default().trim_end_matches("`].");
            route = format!(": {at} -> {builder}");
        } else if let Some(rest) = line.strip_prefix("pub fn ") {
            lines.push(format!("{holder}::{}{}", rest.split('(').next().unwrap(), std::mem::take(&mut route)));
        }
    }
    insta::assert_snapshot!("handles", lines.join("\n"));
}

/// A new operation (the churn catalogue's) gets a command by the rule, and spec-diff says where.
#[test]
fn a_new_operation_is_placed_by_default_and_the_diff_says_where() {
    let root = xtask::workspace_root().unwrap();
    let path = root.join(xtask::SPEC_PATH);
    let base = xtask::load::Spec::load(&path).unwrap();
    let change = xtask::churn::CATALOGUE.iter().find(|c| c.name == "operation-added").unwrap();
    let mut doc = base.doc.clone();
    (change.apply)(&mut doc);
    let changed = xtask::load::Spec::from_value(&path, doc).unwrap();
    let map = xtask::surface_map::load(&root).unwrap();
    let report = xtask::spec_diff::diff(&base, &changed, &map).unwrap().to_string();
    assert!(
        report.contains(
            "placed by default at `cf-orgs profile delete-profile` and \
             `organization(organization_id).profile().delete_profile()` (DeleteProfileProfile)"
        ),
        "{report}"
    );
    let generated = xtask::generate(changed, "spec.json").unwrap();
    let cli = xtask::cli_commands::render(&generated.operations, &generated.surface(&root).unwrap(), "");
    assert!(cli.contains(r#"place: &["profile", "delete-profile"]"#), "the command is generated in its place");
}

/// The models of the answers, one line per field: a spec change shows here as the field, type
/// or value it moved.
#[test]
fn the_models_of_the_answers() {
    let root = workspace_root().unwrap();
    let generated = generated();
    let map = xtask::surface_map::load(&root).unwrap();
    let items =
        xtask::tolerant_models::collect(&generated.doc, &generated.original, &generated.operations, &map).unwrap();
    insta::assert_snapshot!("models", xtask::tolerant_models::summarize(&items));
}

/// The rule, on the committed spec: required and not nullable holds its type (absence is the
/// default), nullable or optional is an `Option`, a date is always one, only a typed `id` is
/// required, an enum is open and named by its model and property, `type` takes the model's word.
#[test]
fn the_models_follow_one_rule() {
    use xtask::tolerant_models::{Item, Presence, Ty, collect};
    let root = workspace_root().unwrap();
    let generated = generated();
    let map = xtask::surface_map::load(&root).unwrap();
    let items = collect(&generated.doc, &generated.original, &generated.operations, &map).unwrap();
    let field = |model: &str, rust: &str| {
        items
            .iter()
            .find_map(|i| match i {
                Item::Model { name, fields, .. } if name == model => fields.iter().find(|f| f.rust == rust).cloned(),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{model}.{rust}"))
    };
    let f = field("Member", "id");
    assert_eq!((f.ty, f.presence), (Ty::Id("MemberId".into()), Presence::Required));
    let f = field("Member", "status");
    assert_eq!((f.ty, f.presence), (Ty::Enum("MemberStatus".into()), Presence::Default));
    let f = field("Member", "create_time");
    assert_eq!((f.ty, f.presence), (Ty::Date, Presence::Optional), "a required date is still an Option");
    let f = field("Account", "name");
    assert_eq!((f.ty, f.presence), (Ty::String, Presence::Optional), "nullable");
    let f = field("Account", "account_type");
    assert_eq!((f.wire.as_str(), f.presence), ("type", Presence::Default));
    let f = field("OrganizationMeta", "hierarchy_tags");
    assert_eq!((f.ty, f.presence), (Ty::Vec(Box::new(Ty::String)), Presence::Default), "an array is never an Option");
    let f = field("Share", "organization_id");
    assert_eq!((f.ty, f.presence), (Ty::Id("OrganizationId".into()), Presence::Optional), "not the share's own id");
    let f = field("Member", "user");
    assert_eq!(f.ty, Ty::Model("MemberUser".into()));
}

/// A name two schemas would share, and a map entry that names nothing, stop the generator
/// naming the place.
#[test]
fn the_models_map_is_checked() {
    let root = workspace_root().unwrap();
    let generated = generated();
    let mut map = xtask::surface_map::load(&root).unwrap();
    map.models.insert("/components/schemas/organizations-api_Account".into(), "Member".into());
    let err = xtask::tolerant_models::collect(&generated.doc, &generated.original, &generated.operations, &map)
        .unwrap_err()
        .to_string();
    assert!(err.contains("are both named `Member`") && err.contains("organizations-api_Account"), "{err}");

    let mut map = xtask::surface_map::load(&root).unwrap();
    map.ids.insert("/components/schemas/organizations-api_Member/properties/gone".into(), "MemberId".into());
    let err = xtask::tolerant_models::collect(&generated.doc, &generated.original, &generated.operations, &map)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("spec/surface-map.toml") && err.contains("properties/gone") && err.contains("change the map"),
        "{err}"
    );
}

/// Every change of the churn catalogue that cf-orgs follows on its own (a new optional response
/// field, a new enum value in an answer and a filter, a new list filter, a new parameter of a
/// plain operation, a new optional body field): applied together to a copy of the checkout, regenerated, and a downstream
/// program that uses each (the field, the variant, the setters on the wire) builds and runs.
#[test]
fn additive_changes_reach_the_sdk_with_no_hand_edit() {
    let root = workspace_root().unwrap();
    let changes: Vec<&xtask::churn::Change> = xtask::churn::CATALOGUE.iter().filter(|c| c.probe.is_some()).collect();
    let names: Vec<&str> = changes.iter().map(|c| c.name).collect();
    assert_eq!(
        names,
        [
            "response-field-added",
            "enum-value-added",
            "list-parameter-added",
            "parameter-added",
            "operation-added",
            "body-field-added"
        ]
    );
    let scratch = tempfile::tempdir().unwrap();
    let target = root.join("target/churn-probe");
    let run = xtask::churn_probe::run(&root, &changes, &scratch.path().join("checkout"), &target).unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "the downstream program failed:\n{stderr}");
    assert_eq!(String::from_utf8_lossy(&run.stdout), "the probes passed\n");
}

/// A flag the map names for a field the operation does not have, or one not in kebab-case,
/// stops the generator naming the route.
#[test]
fn the_maps_flags_are_checked() {
    let root = workspace_root().unwrap();
    let generated = generated();
    let route = "POST /organizations/{organization_id}/members";
    for (wire, flag, says) in [
        ("member.user.mail", "email", "no query parameter or body field"),
        ("member.user.email", "E_mail", "kebab-case"),
    ] {
        let mut map = xtask::surface_map::load(&root).unwrap();
        map.operations.get_mut(route).unwrap().flags.insert(wire.into(), flag.into());
        let err = xtask::surface_map::place(&map, &generated.operations).unwrap_err().to_string();
        assert!(err.contains(route) && err.contains(says), "{err}");
    }
}

/// A preset of a parameter the operation does not have stops the generator naming it.
#[test]
fn the_maps_presets_are_checked() {
    let root = workspace_root().unwrap();
    let generated = generated();
    let mut map = xtask::surface_map::load(&root).unwrap();
    let list = map.operations.get_mut("GET /organizations").unwrap();
    list.presets.get_mut("roots").unwrap().param = "parent.uid".into();
    let err = xtask::surface_map::place(&map, &generated.operations).unwrap_err().to_string();
    assert!(err.contains("preset `roots`: `parent.uid` is no query parameter"), "{err}");
}
