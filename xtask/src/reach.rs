//! Which generated types a set of roots reaches, through the types their
//! fields and variants name: the one walk that `gates` (what no request body
//! reaches goes behind `responses`) and `sections` (what each operation's
//! snapshot shows) share.

use std::collections::{BTreeMap, BTreeSet};

use syn::visit::Visit;
use syn::{Item, Type};

/// The name an item defines, or the type an `impl` is for.
pub fn item_name(item: &Item) -> Option<String> {
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

/// The items grouped by the type they define, each type's `impl`s after it.
pub fn by_type(items: &[Item]) -> BTreeMap<String, Vec<&Item>> {
    let mut out: BTreeMap<String, Vec<&Item>> = BTreeMap::new();
    for item in items.iter().filter(|i| matches!(i, Item::Struct(_) | Item::Enum(_) | Item::Type(_))) {
        out.entry(item_name(item).unwrap_or_default()).or_default().push(item);
    }
    for item in items.iter().filter(|i| matches!(i, Item::Impl(_))) {
        if let Some(group) = item_name(item).and_then(|name| out.get_mut(&name)) {
            group.push(item);
        }
    }
    out
}

/// Every type of `types` that `roots` reach (the roots among them included),
/// following the types each definition names; `impl`s are not followed.
pub fn reach(types: &BTreeMap<String, Vec<&Item>>, roots: impl IntoIterator<Item = String>) -> BTreeSet<String> {
    let mut todo: Vec<String> = roots.into_iter().collect();
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
        self.0.extend(path.path.segments.iter().map(|s| s.ident.to_string()));
        syn::visit::visit_type_path(self, path);
    }
}

/// The identifiers a type or trait path names, for matching `impl`s to types.
pub fn names_in(ty: &Type, trait_path: Option<&syn::Path>) -> BTreeSet<String> {
    let mut idents = Idents::default();
    idents.visit_type(ty);
    if let Some(path) = trait_path {
        idents.0.extend(path.segments.iter().map(|s| s.ident.to_string()));
        for segment in &path.segments {
            idents.visit_path_arguments(&segment.arguments);
        }
    }
    idents.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reaches_what_fields_name_transitively_and_nothing_else() {
        let file: syn::File = syn::parse_quote! {
            pub struct A { b: Option<Vec<B>> }
            pub enum B { One(C) }
            pub struct C;
            pub struct D { c: C }
            impl From<D> for A { fn from(_: D) -> A { todo!() } }
        };
        let types = by_type(&file.items);
        assert_eq!(types["A"].len(), 2, "A's impl goes with it");
        let reached = reach(&types, ["A".to_string()]);
        assert_eq!(reached, BTreeSet::from(["A".into(), "B".into(), "C".into()]), "D only appears in an impl");
    }
}
