//! Running progenitor over a normalized spec for its types, turning its panics
//! into errors that name the operation that caused them.
//!
//! Only progenitor's `types` module is kept. The request layer
//! (`request_layer`) is the generated client that cf-orgs and the mock send
//! and route through; progenitor's own `Client` and the struct builders its
//! builder interface needs were a second client that nothing used, three
//! quarters of its output, and most of the time spent parsing it.

use std::panic::{self, AssertUnwindSafe};

use proc_macro2::TokenStream;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::load::{METHODS, Spec};

/// The settings every generation uses: the positional interface (the
/// cheapest client to generate and throw away: no struct builders), and
/// `JsonSchema` on every generated type (made optional afterwards: `gates`).
fn settings() -> progenitor::GenerationSettings {
    let mut settings = progenitor::GenerationSettings::default();
    settings
        .with_interface(progenitor::InterfaceStyle::Positional)
        .with_tag(progenitor::TagStyle::Merged)
        .with_derive("schemars::JsonSchema");
    settings
}

/// The name of progenitor's module of types, the part of its output kept.
pub const TYPES_MODULE: &str = "types";

/// The items of the `types` module of generated code (none without one).
pub fn types_items(file: &syn::File) -> &[syn::Item] {
    file.items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == TYPES_MODULE => m.content.as_ref().map(|(_, items)| items.as_slice()),
            _ => None,
        })
        .unwrap_or_default()
}

/// [`types_items`], to change them.
pub fn types_items_mut(file: &mut syn::File) -> Option<&mut Vec<syn::Item>> {
    file.items.iter_mut().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == TYPES_MODULE => m.content.as_mut().map(|(_, items)| items),
        _ => None,
    })
}

/// Generates the types of a normalized spec: progenitor's `types` module, as a
/// file of that one module.
pub fn generate(spec: &Spec) -> Result<TokenStream> {
    let api = spec.to_openapi()?;
    match run_quietly(&api) {
        Ok(Ok(tokens)) => types_module(tokens)
            .ok_or_else(|| Error::file(&spec.path, format!("progenitor's output has no `{TYPES_MODULE}` module"))),
        Ok(Err(e)) => Err(Error::file(&spec.path, format!("progenitor failed: {e}"))),
        Err(panic) => Err(match culprit(spec) {
            Some(op) => Error::operation(&spec.path, op, format!("progenitor panicked: {panic}")),
            None => Error::file(&spec.path, format!("progenitor panicked: {panic}")),
        }),
    }
}

/// Cuts the `types` module, with its attributes, out of progenitor's output,
/// at the level of token trees: the rest is never parsed.
fn types_module(tokens: TokenStream) -> Option<TokenStream> {
    use proc_macro2::{Delimiter, TokenTree};
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let is_ident = |t: &TokenTree, name: &str| matches!(t, TokenTree::Ident(i) if i == name);
    let at = trees.windows(3).position(|w| {
        is_ident(&w[0], "mod")
            && is_ident(&w[1], TYPES_MODULE)
            && matches!(&w[2], TokenTree::Group(g) if g.delimiter() == Delimiter::Brace)
    })?;
    // Back over `pub` and the `#[...]` attributes before `mod`.
    let mut start = at;
    loop {
        match trees.get(start.wrapping_sub(1)) {
            Some(t) if is_ident(t, "pub") => start -= 1,
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket && start >= 2 => match &trees[start - 2] {
                TokenTree::Punct(p) if p.as_char() == '#' => start -= 2,
                _ => break,
            },
            _ => break,
        }
    }
    Some(trees[start..at + 3].iter().cloned().collect())
}

/// Runs progenitor with its panic caught and the default panic message silenced.
fn run_quietly(
    api: &openapiv3::OpenAPI,
) -> std::result::Result<std::result::Result<TokenStream, progenitor::Error>, String> {
    // The panic hook is process-wide: one silenced run at a time.
    static HOOK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = HOOK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let previous = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let outcome =
        panic::catch_unwind(AssertUnwindSafe(|| progenitor::Generator::new(&settings()).generate_tokens(api)));
    panic::set_hook(previous);
    outcome.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

/// Finds the first operation that panics progenitor on its own.
fn culprit(spec: &Spec) -> Option<String> {
    let ops = spec.operations().ok()?;
    ops.into_iter().find_map(|op| {
        let mut doc = spec.doc.clone();
        let paths = doc.get_mut("paths")?.as_object_mut()?;
        paths.retain(|p, _| *p == op.path);
        let item = paths.get_mut(&op.path)?.as_object_mut()?;
        item.retain(|k, _| !METHODS.contains(&k.as_str()) || *k == op.method);
        let api: openapiv3::OpenAPI = serde_json::from_value::<openapiv3::OpenAPI>(Value::clone(&doc)).ok()?;
        run_quietly(&api).is_err().then_some(op.operation_id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_types_module_and_its_attributes_are_kept() {
        let tokens: TokenStream = "use x::y; #[doc = \"T\"] #[allow(clippy::all)] pub mod types { pub struct A; } \
             pub struct Client; mod other { mod types {} }"
            .parse()
            .unwrap();
        let kept = types_module(tokens).unwrap().to_string();
        assert_eq!(kept, "# [doc = \"T\"] # [allow (clippy :: all)] pub mod types { pub struct A ; }");
    }

    #[test]
    fn output_without_a_types_module_is_none() {
        let tokens: TokenStream = "pub struct Client; mod types;".parse().unwrap();
        assert!(types_module(tokens).is_none());
    }
}
