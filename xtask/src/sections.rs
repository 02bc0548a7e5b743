//! The generated output cut by operation, for snapshots a reviewer can read:
//! each operation's request-layer entry and the generated types it reaches
//! (its body, its responses, its query enums, and what those name), so that a
//! spec change shows up in the `.snap` files of the operations it moved.

use std::collections::{BTreeMap, BTreeSet};

use quote::ToTokens;
use syn::visit::Visit;
use syn::{Item, Type};

use crate::model::{Operation, pascal};

/// `(operationId, text)` for every operation, and the types no operation reaches.
pub struct Sections {
    pub operations: Vec<(String, String)>,
    pub unreached: Vec<String>,
}

/// Cuts `operations.rs` and `generated.rs` (their text) by operation.
pub fn cut(ops: &[Operation], operations_rs: &str, generated_rs: &str) -> Result<Sections, syn::Error> {
    let layer = syn::parse_file(operations_rs)?;
    let generated = syn::parse_file(generated_rs)?;
    let types = types_module(&generated);
    let mut reached_any = BTreeSet::new();
    let mut sections = Vec::new();
    for op in ops {
        let own = [op.rust.clone(), format!("{}Query", op.rust)];
        let layer_items: Vec<&Item> =
            layer.items.iter().filter(|item| names(item).is_some_and(|n| own.contains(&n))).collect();
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

/// The name an item defines, or the type an `impl` is for.
fn names(item: &Item) -> Option<String> {
    match item {
        Item::Struct(s) => Some(s.ident.to_string()),
        Item::Enum(e) => Some(e.ident.to_string()),
        Item::Type(t) => Some(t.ident.to_string()),
        Item::Impl(i) => match &*i.self_ty {
            Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// The `types` module's items grouped by the type they define or implement.
fn types_module(file: &syn::File) -> BTreeMap<String, Vec<&Item>> {
    let mut out: BTreeMap<String, Vec<&Item>> = BTreeMap::new();
    let items = crate::generate::types_items(file);
    for item in items {
        if matches!(item, Item::Struct(_) | Item::Enum(_) | Item::Type(_)) {
            out.entry(names(item).unwrap_or_default()).or_default().push(item);
        }
    }
    for item in items {
        if let (Item::Impl(_), Some(name)) = (item, names(item))
            && let Some(group) = out.get_mut(&name)
        {
            group.push(item);
        }
    }
    out
}

/// The types an operation reaches: the components it names, the types
/// progenitor names after it, and everything those name, transitively.
fn reach(op: &Operation, types: &BTreeMap<String, Vec<&Item>>) -> BTreeSet<String> {
    let mut todo: Vec<String> = op.body.iter().map(|b| b.rust.clone()).collect();
    todo.extend(op.schemas.iter().map(|c| pascal(c)));
    todo.extend(types.keys().filter(|name| name.starts_with(&op.rust)).cloned());
    let mut seen = BTreeSet::new();
    while let Some(name) = todo.pop() {
        let Some(items) = types.get(&name) else { continue };
        if !seen.insert(name) {
            continue;
        }
        let mut idents = Idents::default();
        for item in items.iter().filter(|i| !matches!(i, Item::Impl(_))) {
            idents.visit_item(item);
        }
        todo.extend(idents.0.into_iter().filter(|n| types.contains_key(n)));
    }
    seen
}

/// Every identifier in type position.
#[derive(Default)]
struct Idents(BTreeSet<String>);

impl<'ast> Visit<'ast> for Idents {
    fn visit_type_path(&mut self, path: &'ast syn::TypePath) {
        for segment in &path.path.segments {
            self.0.insert(segment.ident.to_string());
        }
        syn::visit::visit_type_path(self, path);
    }
}

fn unparse(items: Vec<&Item>) -> String {
    let file = syn::File { shebang: None, attrs: Vec::new(), items: items.into_iter().cloned().collect() };
    // Re-parsed so that prettyplease sees plain tokens (doc comments included).
    let file: syn::File = syn::parse2(file.to_token_stream()).unwrap_or(file);
    prettyplease::unparse(&file)
}
