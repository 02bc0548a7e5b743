//! The generated output cut by operation, for snapshots a reviewer can read:
//! each operation's request-layer entry and the generated types it reaches
//! (its body, its responses, its query enums, and what those name), so that a
//! spec change shows up in the `.snap` files of the operations it moved.

use std::collections::{BTreeMap, BTreeSet};

use quote::ToTokens;
use syn::Item;

use crate::model::{Operation, pascal};
use crate::reach;

/// `(operationId, text)` for every operation, and the types no operation reaches.
pub struct Sections {
    pub operations: Vec<(String, String)>,
    pub unreached: Vec<String>,
}

/// Cuts `operations.rs` and `generated.rs` (their text) by operation.
pub fn cut(ops: &[Operation], operations_rs: &str, generated_rs: &str) -> Result<Sections, syn::Error> {
    let layer = syn::parse_file(operations_rs)?;
    let generated = syn::parse_file(generated_rs)?;
    let types = reach::by_type(crate::generate::types_items(&generated));
    let mut reached_any = BTreeSet::new();
    let mut sections = Vec::new();
    for op in ops {
        let own = [op.rust.clone(), format!("{}Query", op.rust)];
        let layer_items: Vec<&Item> =
            layer.items.iter().filter(|item| reach::item_name(item).is_some_and(|n| own.contains(&n))).collect();
        let reached = reach(op, &types);
        let mut text = format!("// {} {} ({})\n\n// request layer\n", op.http_method(), op.path, op.id);
        text.push_str(&unparse(layer_items));
        text.push_str("\n// types\n");
        text.push_str(&unparse(reached.iter().flat_map(|name| types[name].iter().copied()).collect()));
        reached_any.extend(reached);
        sections.push((op.id.clone(), text));
    }
    let unreached = types.keys().filter(|name| !reached_any.contains(*name)).cloned().collect();
    Ok(Sections { operations: sections, unreached })
}

/// The types an operation reaches: the components it names, the types
/// progenitor names after it, and everything those name, transitively.
fn reach(op: &Operation, types: &BTreeMap<String, Vec<&Item>>) -> BTreeSet<String> {
    let mut roots: Vec<String> = op.body.iter().map(|b| b.rust.clone()).collect();
    roots.extend(op.schemas.iter().map(|c| pascal(c)));
    roots.extend(types.keys().filter(|name| name.starts_with(&op.rust)).cloned());
    reach::reach(types, roots)
}

fn unparse(items: Vec<&Item>) -> String {
    let file = syn::File { shebang: None, attrs: Vec::new(), items: items.into_iter().cloned().collect() };
    // Re-parsed so that prettyplease sees plain tokens (doc comments included).
    let file: syn::File = syn::parse2(file.to_token_stream()).unwrap_or(file);
    prettyplease::unparse(&file)
}
