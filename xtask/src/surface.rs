//! A compact API-surface summary of the generated client, one line per
//! operation, for reviewers: the `.snap` diff of this is what a spec change
//! looks like from a caller's side.
//!
//! ```text
//! GET /organizations -> organization_list_organizations(id: Option<Vec<OrganizationsApiOrganizationId>>, ...)
//!     -> OrganizationsApiListOrganizationsResponse ! OrganizationsApiV4ErrorResponse
//! ```

use std::collections::BTreeMap;

use syn::{GenericArgument, Item, PathArguments, ReturnType, Type};

/// Summarizes generated source (the text of `generated.rs`).
pub fn summarize(source: &str) -> Result<String, syn::Error> {
    let file = syn::parse_file(source)?;
    let builders = builder_module(&file);
    let mut lines = Vec::new();
    for item in &file.items {
        let Item::Impl(imp) = item else { continue };
        if !matches!(&*imp.self_ty, Type::Path(p) if p.path.is_ident("Client")) || imp.trait_.is_some() {
            continue;
        }
        for it in &imp.items {
            let syn::ImplItem::Fn(f) = it else { continue };
            let Some((method, path)) = sends(&f.attrs) else { continue };
            let name = f.sig.ident.to_string();
            let ReturnType::Type(_, ret) = &f.sig.output else { continue };
            let builder = last_ident(ret);
            let Some(b) = builders.get(&builder) else { continue };
            let params: Vec<String> = b.params.iter().map(|(n, t)| format!("{n}: {t}")).collect();
            lines.push(format!("{method} {path} -> {name}({}) -> {} ! {}", params.join(", "), b.success, b.error));
        }
    }
    lines.sort();
    Ok(lines.join("\n") + "\n")
}

struct Builder {
    params: Vec<(String, String)>,
    success: String,
    error: String,
}

/// Reads `mod builder`: each operation builder's fields and its `send()` types.
fn builder_module(file: &syn::File) -> BTreeMap<String, Builder> {
    let mut out = BTreeMap::new();
    let Some(items) = file.items.iter().find_map(|i| match i {
        Item::Mod(m) if m.ident == "builder" => m.content.as_ref().map(|(_, items)| items),
        _ => None,
    }) else {
        return out;
    };
    for item in items {
        if let Item::Struct(s) = item {
            let params = s
                .fields
                .iter()
                .filter_map(|f| {
                    let name = f.ident.as_ref()?.to_string();
                    // Fields are `Result<T, String>`: the parameter's type is T.
                    (name != "client").then(|| (name, compact(first_generic(&f.ty).unwrap_or(&f.ty))))
                })
                .collect();
            out.insert(s.ident.to_string(), Builder { params, success: String::new(), error: String::new() });
        }
    }
    for item in items {
        let Item::Impl(imp) = item else { continue };
        let name = last_ident(&imp.self_ty);
        for it in &imp.items {
            let syn::ImplItem::Fn(f) = it else { continue };
            if f.sig.ident != "send" {
                continue;
            }
            let ReturnType::Type(_, ret) = &f.sig.output else { continue };
            // Result<ResponseValue<S>, Error<E>>
            let args = generics(ret);
            let success = args.first().and_then(|t| first_generic(t)).map(compact).unwrap_or_default();
            let error = args.get(1).and_then(|t| first_generic(t)).map(compact).unwrap_or_default();
            if let Some(b) = out.get_mut(&name) {
                b.success = success;
                b.error = error;
            }
        }
    }
    out
}

/// `Sends a `GET` request to `/path`` in a doc comment, as (method, path).
fn sends(attrs: &[syn::Attribute]) -> Option<(String, String)> {
    attrs.iter().find_map(|a| {
        let syn::Meta::NameValue(nv) = &a.meta else { return None };
        let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &nv.value else { return None };
        let doc = s.value();
        let rest = doc.split("Sends a `").nth(1)?;
        let (method, rest) = rest.split_once("` request to `")?;
        let (path, _) = rest.split_once('`')?;
        Some((method.to_string(), path.to_string()))
    })
}

fn generics(ty: &Type) -> Vec<&Type> {
    let Type::Path(p) = ty else { return Vec::new() };
    let Some(seg) = p.path.segments.last() else { return Vec::new() };
    let PathArguments::AngleBracketed(args) = &seg.arguments else { return Vec::new() };
    args.args.iter().filter_map(|a| if let GenericArgument::Type(t) = a { Some(t) } else { None }).collect()
}

fn first_generic(ty: &Type) -> Option<&Type> {
    generics(ty).into_iter().next()
}

fn last_ident(ty: &Type) -> String {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
        _ => String::new(),
    }
}

/// A type as a reader would write it: last path segments only, no `::std::`.
fn compact(ty: &Type) -> String {
    match ty {
        Type::Path(p) => {
            let Some(seg) = p.path.segments.last() else { return String::new() };
            let args = generics(ty);
            if args.is_empty() {
                seg.ident.to_string()
            } else {
                format!("{}<{}>", seg.ident, args.iter().map(|t| compact(t)).collect::<Vec<_>>().join(", "))
            }
        }
        Type::Tuple(t) if t.elems.is_empty() => "()".to_string(),
        other => quote_type(other),
    }
}

fn quote_type(ty: &Type) -> String {
    use quote::ToTokens;
    ty.to_token_stream().to_string().replace(' ', "")
}
