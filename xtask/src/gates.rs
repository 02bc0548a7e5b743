//! After generation, before formatting: what not every user of the generated
//! crate needs goes behind its features, so a downstream clean build compiles
//! only what it uses (`cargo xtask bench-compile` measures it).
//!
//! - `schemars`: the `schemars::JsonSchema` derive progenitor puts on every
//!   type becomes `#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]`.
//! - `responses`: every type a request body does not reach (the strict
//!   response types, which cf-orgs's tests and the mock use to bind to the
//!   spec). Without both, the crate is the request layer and the body types,
//!   which is all `cf-orgs` compiles.

use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Item, Path, Token, parse_quote};

use crate::reach;

/// The derive made optional, and the feature that brings it back.
pub const DERIVE: &str = "schemars::JsonSchema";
pub const SCHEMARS: &str = "schemars";
/// The feature of the types no request body reaches.
pub const RESPONSES: &str = "responses";
/// Puts the `JsonSchema` derive of every type behind the `schemars` feature;
/// returns how many types had it.
pub fn gate_derives(file: &mut syn::File) -> usize {
    let mut derives = Derives { count: 0 };
    derives.visit_file_mut(file);
    derives.count
}

/// Gates every item of the types module that `request_types` (the body
/// types) do not reach, transitively; returns how many types were gated.
pub fn gate_responses(file: &mut syn::File, request_types: &[String]) -> usize {
    use std::collections::BTreeSet;

    let Some(items) = crate::generate::types_items_mut(file) else {
        return 0;
    };
    let (defined, keep): (BTreeSet<String>, BTreeSet<String>) = {
        let types = reach::by_type(items);
        (types.keys().cloned().collect(), reach::reach(&types, request_types.iter().cloned()))
    };
    let gate: Attribute = parse_quote!(#[cfg(feature = #RESPONSES)]);
    let mut gated = 0;
    let gone = |n: &String| defined.contains(n) && !keep.contains(n);
    for item in items.iter_mut() {
        let off = match &*item {
            // An impl goes with any gated type it names (`impl From<Gated> for String` too).
            Item::Impl(imp) => {
                let trait_path = imp.trait_.as_ref().map(|(_, path, _)| path);
                reach::names_in(&imp.self_ty, trait_path).iter().any(gone)
            }
            other => reach::item_name(other).is_some_and(|n| gone(&n)),
        };
        if off {
            gated += usize::from(!matches!(item, Item::Impl(_)));
            push_attr(item, gate.clone());
        }
    }
    gated
}

fn push_attr(item: &mut Item, attr: Attribute) {
    let attrs = match item {
        Item::Const(i) => &mut i.attrs,
        Item::Enum(i) => &mut i.attrs,
        Item::Fn(i) => &mut i.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Mod(i) => &mut i.attrs,
        Item::Static(i) => &mut i.attrs,
        Item::Struct(i) => &mut i.attrs,
        Item::Trait(i) => &mut i.attrs,
        Item::Type(i) => &mut i.attrs,
        Item::Use(i) => &mut i.attrs,
        _ => return,
    };
    attrs.push(attr);
}

struct Derives {
    count: usize,
}

impl Derives {
    fn attrs(&mut self, attrs: &mut Vec<Attribute>) {
        let mut gated = false;
        for attr in attrs.iter_mut().filter(|a| a.path().is_ident("derive")) {
            let Ok(paths) = attr.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated) else { continue };
            let (optional, kept): (Vec<Path>, Vec<Path>) = paths.into_iter().partition(is_optional);
            if !optional.is_empty() {
                gated = true;
                *attr = parse_quote!(#[derive(#(#kept),*)]);
            }
        }
        if gated {
            self.count += 1;
            let derive: Path = syn::parse_str(DERIVE).expect("the derive is a path");
            attrs.push(parse_quote!(#[cfg_attr(feature = #SCHEMARS, derive(#derive))]));
        }
    }
}

fn is_optional(path: &Path) -> bool {
    path.to_token_stream().to_string().replace(' ', "") == DERIVE
}

impl VisitMut for Derives {
    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        self.attrs(&mut item.attrs);
        visit_mut::visit_item_struct_mut(self, item);
    }

    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        self.attrs(&mut item.attrs);
        visit_mut::visit_item_enum_mut(self, item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gated(src: &str) -> (String, usize) {
        let mut file: syn::File = syn::parse_str(src).unwrap();
        let n = gate_derives(&mut file);
        (prettyplease::unparse(&file), n)
    }

    #[test]
    fn the_derive_moves_behind_its_feature_and_the_others_stay() {
        let (out, n) = gated(
            "pub mod types {
                 #[derive(Clone, Debug, schemars::JsonSchema)] #[serde(transparent)] pub struct A(String);
                 #[derive(schemars :: JsonSchema, Copy)] pub enum B { X }
             }",
        );
        assert_eq!(n, 2);
        let a = "#[derive(Clone, Debug)]\n    #[serde(transparent)]\n    #[cfg_attr(feature = \"schemars\", derive(schemars::JsonSchema))]\n    pub struct A";
        assert!(out.contains(a), "{out}");
        let b =
            "#[derive(Copy)]\n    #[cfg_attr(feature = \"schemars\", derive(schemars::JsonSchema))]\n    pub enum B";
        assert!(out.contains(b), "{out}");
    }

    #[test]
    fn types_no_request_body_reaches_need_the_responses_feature() {
        let mut file: syn::File = syn::parse_str(
            "pub mod types {
                 pub struct Body { pub parent: Option<Parent> }
                 pub struct Parent { pub id: Id }
                 pub struct Id(pub String);
                 pub struct Answer { pub result: Body }
                 impl From<&Answer> for Answer { fn from(a: &Answer) -> Self { todo!() } }
                 impl From<&Id> for Id { fn from(a: &Id) -> Self { todo!() } }
                 pub mod error { pub struct ConversionError; }
             }",
        )
        .unwrap();
        assert_eq!(gate_responses(&mut file, &["Body".to_string()]), 1);
        let out = prettyplease::unparse(&file);
        let gate = "#[cfg(feature = \"responses\")]";
        for gated in ["pub struct Answer", "impl From<&Answer> for Answer"] {
            let at = out.find(gated).unwrap();
            assert!(out[..at].trim_end().ends_with(gate), "{gated} is not gated:\n{out}");
        }
        for kept in ["pub struct Body", "pub struct Parent", "pub struct Id", "impl From<&Id> for Id", "pub mod error"]
        {
            let at = out.find(kept).unwrap();
            assert!(!out[..at].trim_end().ends_with(gate), "{kept} is gated:\n{out}");
        }
    }

    #[test]
    fn types_without_the_derive_are_left_alone() {
        let src = "pub mod types { #[derive(Clone)] pub struct A; pub struct B; }";
        let (out, n) = gated(src);
        let expected = prettyplease::unparse(&syn::parse_str(src).unwrap());
        assert_eq!((n, out), (0, expected));
    }
}
