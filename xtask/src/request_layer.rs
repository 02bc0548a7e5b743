//! The request layer: what `cf-orgs` builds every request from, and what
//! `cf-orgs-mock` routes and parses by. For each operation of the spec, a
//! struct of its path parameters, query and body with `runtime::Endpoint`
//! (method, template, operationId, the path percent-encoded segment by
//! segment), a query struct under the spec's wire names with
//! `runtime::Query` (both ways, with the spec's enums and ranges), and a
//! variant of the exhaustive `Operation` enum.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, format_ident, quote};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::{Kind, Operation, PageScheme, Paging, Param};

/// The runtime the generated operations build on, copied into the crate as is.
pub const RUNTIME: &str = include_str!("../templates/runtime.rs");

/// The `operations` module's tokens; `types` are the names the generated
/// `types` module holds, to check each body type against.
pub fn emit(ops: &[Operation], types: &[String], spec_path: &std::path::Path) -> Result<TokenStream> {
    for op in ops {
        if let Some(body) = &op.body
            && !types.contains(&body.rust)
        {
            return Err(Error::operation(
                spec_path,
                &op.id,
                format!("the request body type `{}` is not among the generated types", body.rust),
            ));
        }
    }
    let enum_ = operation_enum(ops);
    let items = ops.iter().map(operation);
    let docs = doc_macros(ops);
    Ok(quote! {
        //! Every operation of the spec as data: build one, and send it with any HTTP client.
        use crate::runtime::{Endpoint, NoBody, NoQuery, Query, QueryValue};
        #[cfg(feature = "server")]
        use crate::runtime::QueryError;
        #enum_
        #(#items)*
        #docs
    })
}

/// `pub enum Operation` with what is known of each operation without a value.
fn operation_enum(ops: &[Operation]) -> TokenStream {
    let variants: Vec<_> = ops.iter().map(|op| format_ident!("{}", op.rust)).collect();
    let docs = ops.iter().map(|op| format!("`{} {}` ({})", op.http_method(), op.path, op.id));
    let count = ops.len();
    let methods = ops.iter().map(|op| format_ident!("{}", pascal_method(&op.method)));
    let paths = ops.iter().map(|op| &op.path);
    let ids = ops.iter().map(|op| &op.id);
    let statuses = ops.iter().map(|op| op.success_status);
    let no_content = ops.iter().map(|op| op.no_content);
    let security = ops.iter().map(|op| {
        let alternatives = op.security.iter().map(|schemes| quote! { &[#(#schemes),*] });
        quote! { &[#(#alternatives),*] }
    });
    let queries = ops.iter().map(|op| {
        let names = op.query.iter().map(|p| &p.name);
        quote! { &[#(#names),*] }
    });
    let path_params = ops.iter().map(|op| {
        let names = op.path_params.iter().map(|p| &p.name);
        quote! { &[#(#names),*] }
    });
    let schemes = ops.iter().map(|op| match &op.paging {
        Some(paging) => {
            let variant = format_ident!("{}", paging.scheme.variant());
            quote! { Some(crate::runtime::PageScheme::#variant) }
        }
        None => quote! { None },
    });
    let scheme_params = PageScheme::ALL.iter().map(|(_, variant, param, _)| {
        let variant = format_ident!("{variant}");
        quote! { crate::runtime::PageScheme::#variant => #param, }
    });
    let v = &variants;
    quote! {
        impl crate::runtime::PageScheme {
            /// The query parameter that asks for a page in this scheme, as the spec's lists name it.
            pub const fn param(self) -> &'static str {
                match self { #(#scheme_params)* }
            }
        }

        /// Every operation of the spec: match on it exhaustively, and a new or
        /// removed operation is a compile error where it matters.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Operation {
            #( #[doc = #docs] #variants, )*
        }

        impl Operation {
            /// Every operation, in the spec's order.
            pub const ALL: [Operation; #count] = [#(Operation::#v),*];

            /// The HTTP method.
            pub const fn method(self) -> crate::runtime::Method {
                match self { #(Operation::#v => crate::runtime::Method::#methods,)* }
            }

            /// The path template, `{name}` for each path parameter.
            pub const fn path_template(self) -> &'static str {
                match self { #(Operation::#v => #paths,)* }
            }

            /// The spec's operationId.
            pub const fn operation_id(self) -> &'static str {
                match self { #(Operation::#v => #ids,)* }
            }

            /// The status of a successful answer.
            pub const fn success_status(self) -> u16 {
                match self { #(Operation::#v => #statuses,)* }
            }

            /// Whether a successful answer has no content.
            pub const fn no_content(self) -> bool {
                match self { #(Operation::#v => #no_content,)* }
            }

            /// The spec's `security`: alternatives, each a list of schemes sent together.
            pub const fn security(self) -> &'static [&'static [&'static str]] {
                match self { #(Operation::#v => #security,)* }
            }

            /// The path parameters, by their names in the template.
            pub const fn path_params(self) -> &'static [&'static str] {
                match self { #(Operation::#v => #path_params,)* }
            }

            /// The query parameters, as spelled on the wire.
            pub const fn query_params(self) -> &'static [&'static str] {
                match self { #(Operation::#v => #queries,)* }
            }

            /// How a list pages (from its parameters and its answer's `result_info`); `None`
            /// for an operation that is no list.
            pub const fn page_scheme(self) -> Option<crate::runtime::PageScheme> {
                match self { #(Operation::#v => #schemes,)* }
            }
        }
    }
}

fn pascal_method(method: &str) -> String {
    let mut chars = method.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

/// One operation's struct, its `Endpoint` impl and its query struct.
fn operation(op: &Operation) -> TokenStream {
    let name = format_ident!("{}", op.rust);
    let query_name = format_ident!("{}Query", op.rust);
    let doc = operation_doc(op);
    let path_fields = op.path_params.iter().map(|p| {
        let field = format_ident!("{}", p.rust);
        let doc = param_doc(p, "path parameter");
        quote! { #[doc = #doc] pub #field: String, }
    });
    let has_query = !op.query.is_empty();
    let query_field = has_query.then(|| quote! { #[doc = "The query string."] pub query: #query_name, });
    let body_type = op.body.as_ref().map(|b| {
        let t = format_ident!("{}", b.rust);
        if b.required {
            quote! { crate::types::#t }
        } else {
            quote! { Option<crate::types::#t> }
        }
    });
    let body_field = body_type.as_ref().map(|t| quote! { #[doc = "The JSON request body."] pub body: #t, });
    let query_type = if has_query {
        quote! { #query_name }
    } else {
        quote! { NoQuery }
    };
    let query_ref = if has_query {
        quote! { &self.query }
    } else {
        quote! { &NoQuery }
    };
    let (body_assoc, body_ref) = match &op.body {
        None => (quote! { NoBody }, quote! { None }),
        Some(b) => {
            let t = format_ident!("{}", b.rust);
            let value = if b.required {
                quote! { Some(&self.body) }
            } else {
                quote! { self.body.as_ref() }
            };
            (quote! { crate::types::#t }, value)
        }
    };
    let path = path_format(op);
    let variant = format_ident!("{}", op.rust);
    let query_struct = has_query.then(|| query_struct(op, &query_name));
    let list_endpoint = op.paging.as_ref().map(|paging| list_endpoint(&name, &query_name, paging));
    let path_names = (!op.path_params.is_empty() || !op.limits.is_empty()).then(|| {
        let consts = op.path_params.iter().map(wire_name);
        let limits = op.limits.iter().map(|limit| {
            let (konst, doc) = (format_ident!("{}", limit.name), &limit.doc);
            let (ty, value) = (format_ident!("{}", limit.rust_type), Literal::u64_unsuffixed(limit.value));
            quote! { #[doc = #doc] pub const #konst: #ty = #value; }
        });
        quote! { impl #name { #(#consts)* #(#limits)* } }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub struct #name {
            #(#path_fields)*
            #query_field
            #body_field
        }

        #path_names

        impl Endpoint for #name {
            const OPERATION: Operation = Operation::#variant;
            type Query = #query_type;
            type Body = #body_assoc;
            fn path(&self) -> String { #path }
            fn query(&self) -> &Self::Query { #query_ref }
            fn body(&self) -> Option<&Self::Body> { #body_ref }
        }

        #list_endpoint

        #query_struct
    }
}

/// `impl ListEndpoint`: the list's scheme, its page parameter, and how a page is asked for.
fn list_endpoint(name: &proc_macro2::Ident, query_name: &proc_macro2::Ident, paging: &Paging) -> TokenStream {
    let variant = format_ident!("{}", paging.scheme.variant());
    let field = format_ident!("{}", paging.param.rust);
    let param_name = format_ident!("{}_NAME", paging.param.rust.trim_end_matches('_').to_uppercase());
    // The spec's default as the query's constant (`PER_PAGE_DEFAULT`), else `otherwise`.
    let int_default = |p: &Param, otherwise: TokenStream| match p.default.as_ref().and_then(Value::as_i64) {
        Some(_) => {
            let konst = limit_name(p, "DEFAULT");
            quote! { #query_name::#konst }
        }
        None => otherwise,
    };
    let pages = match paging.scheme {
        PageScheme::PageToken | PageScheme::Cursor => quote! {
            fn set_page(&mut self, page: &str) -> Result<(), String> {
                self.query.#field = Some(page.to_string());
                Ok(())
            }
            fn current_page(&self) -> Option<String> {
                self.query.#field.clone()
            }
        },
        PageScheme::PageNumber => {
            let page_default = int_default(&paging.param, quote! { 1 });
            let per_page = match &paging.per_page {
                Some(p) => {
                    let (per_page, default) = (format_ident!("{}", p.rust), int_default(p, quote! { i64::MAX }));
                    quote! { self.query.#per_page.unwrap_or(#default) }
                }
                None => quote! { i64::MAX },
            };
            quote! {
                fn set_page(&mut self, page: &str) -> Result<(), String> {
                    let number = page.trim().parse().map_err(|_| format!("{page:?} is not a page number"))?;
                    self.query.#field = Some(number);
                    Ok(())
                }
                fn current_page(&self) -> Option<String> {
                    self.query.#field.map(|page| page.to_string())
                }
                fn page_number(&self) -> Option<(i64, i64)> {
                    Some((self.query.#field.unwrap_or(#page_default), #per_page))
                }
            }
        }
    };
    quote! {
        impl crate::runtime::ListEndpoint for #name {
            const PAGE_SCHEME: crate::runtime::PageScheme = crate::runtime::PageScheme::#variant;
            const PAGE_PARAM: &'static str = #query_name::#param_name;
            #pages
        }
    }
}

/// The template's literal parts and each path parameter encoded as one
/// segment, joined (not `format!`, whose arguments prettyplease cannot lay out).
fn path_format(op: &Operation) -> TokenStream {
    let mut parts = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        let name = &rest[start + 1..start + len];
        let Some(param) = op.path_params.iter().find(|p| p.name == name) else { break };
        if start > 0 {
            let literal = &rest[..start];
            parts.push(quote! { #literal });
        }
        let field = format_ident!("{}", param.rust);
        parts.push(quote! { &crate::runtime::encode_segment(&self.#field) });
        rest = &rest[start + len + 1..];
    }
    if parts.is_empty() {
        return quote! { #rest.to_string() };
    }
    if !rest.is_empty() {
        parts.push(quote! { #rest });
    }
    quote! { [#(#parts),*].concat() }
}

/// An operation's rustdoc: method, path and operationId with the summary, the
/// description, and the credentials its `security` takes.
fn operation_doc(op: &Operation) -> String {
    let mut doc = format!("`{} {}` ({})", op.http_method(), op.path, op.id);
    if let Some(summary) = &op.summary {
        doc.push_str(&format!(": {}", summary.trim()));
    }
    if let Some(description) = &op.description {
        doc.push_str("\n\n");
        doc.push_str(&doc_text(description));
    }
    doc.push_str("\n\n");
    doc.push_str(&credentials_doc(op));
    doc
}

/// The credentials line: each alternative of the operation's `security`.
fn credentials_doc(op: &Operation) -> String {
    match op.credentials.as_slice() {
        [] => "**Credentials** (the spec's `security`): none.".to_string(),
        alternatives => format!("**Credentials** (the spec's `security`): {}.", alternatives.join("; or ")),
    }
}

/// Two macros over every operation's docs, for crates that document their own
/// calls with the spec's words: `operation_doc!(MembersList)` (the whole text)
/// and `operation_credentials!(MembersList)` (its credentials line). Each is a
/// string literal, for `#[doc = ...]`; an operation the spec no longer has is a
/// compile error where it is named.
fn doc_macros(ops: &[Operation]) -> TokenStream {
    let names: Vec<_> = ops.iter().map(|op| format_ident!("{}", op.rust)).collect();
    let docs = ops.iter().map(operation_doc);
    let credentials = ops.iter().map(credentials_doc);
    let n = &names;
    quote! {
        /// The rustdoc of an operation of the spec, as a string literal: `operation_doc!(MembersList)`.
        #[doc(hidden)]
        #[macro_export]
        macro_rules! operation_doc {
            #( (#n) => { #docs }; )*
        }

        /// The credentials line of an operation of the spec, as a string literal.
        #[doc(hidden)]
        #[macro_export]
        macro_rules! operation_credentials {
            #( (#names) => { #credentials }; )*
        }
    }
}

/// A description as rustdoc: bare URLs in angle brackets (rustdoc links
/// them, and warns of them bare).
pub fn doc_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text.trim();
    while let Some(start) = rest.find("http://").into_iter().chain(rest.find("https://")).min() {
        let before = &rest[..start];
        out.push_str(before);
        let quoted = matches!(before.chars().last(), Some('(' | '<' | '[' | '`' | '"'));
        let len = rest[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | ']' | '`' | '"'))
            .unwrap_or(rest.len() - start);
        let mut url = &rest[start..start + len];
        while url.ends_with(['.', ',', ';', ':']) {
            url = &url[..url.len() - 1];
        }
        if quoted {
            out.push_str(url);
        } else {
            out.push_str(&format!("<{url}>"));
        }
        rest = &rest[start + url.len()..];
    }
    out.push_str(rest);
    out
}

fn param_doc(p: &Param, what: &str) -> String {
    let mut doc = format!("`{}`: {what}", p.name);
    if p.required {
        doc.push_str(", required");
    }
    if p.repeated {
        doc.push_str(", repeatable (one `name=value` pair each)");
    }
    match &p.kind {
        Kind::Enum(values) => {
            let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            doc.push_str(&format!("; one of {}", values.join(", ")));
        }
        Kind::Integer { minimum, maximum } => {
            doc.push_str(&range_doc(minimum.map(|m| m as f64), maximum.map(|m| m as f64)))
        }
        Kind::Number { minimum, maximum } => doc.push_str(&range_doc(*minimum, *maximum)),
        Kind::Date => doc.push_str("; a date"),
        Kind::DateTime => doc.push_str("; a date-time"),
        Kind::Text | Kind::Boolean => {}
    }
    doc.push('.');
    if let Some(description) = &p.description {
        doc.push_str("\n\n");
        doc.push_str(&doc_text(description));
    }
    doc
}

fn range_doc(minimum: Option<f64>, maximum: Option<f64>) -> String {
    match (minimum, maximum) {
        (Some(a), Some(b)) => format!("; {a} to {b}"),
        (Some(a), None) => format!("; at least {a}"),
        (None, Some(b)) => format!("; at most {b}"),
        (None, None) => String::new(),
    }
}

/// The Rust type of one value.
/// `<PARAM>_NAME`: a parameter's name as the spec spells it, so that an error
/// naming it is a compile error when the spec renames it.
fn wire_name(p: &Param) -> TokenStream {
    let konst = format_ident!("{}_NAME", p.rust.trim_end_matches('_').to_uppercase());
    let (wire, doc) = (&p.name, format!("`{}` as the spec spells it on the wire.", p.name));
    quote! { #[doc = #doc] pub const #konst: &'static str = #wire; }
}

/// The Rust type of one value of a parameter.
pub(crate) fn value_type(kind: &Kind) -> TokenStream {
    match kind {
        Kind::Text | Kind::Enum(_) => quote! { String },
        Kind::Date => quote! { chrono::NaiveDate },
        Kind::DateTime => quote! { chrono::DateTime<chrono::Utc> },
        Kind::Integer { .. } => quote! { i64 },
        Kind::Number { .. } => quote! { f64 },
        Kind::Boolean => quote! { bool },
    }
}

/// `Some(Self::LIMIT_MIN)` when the spec gives the bound, else `None`.
fn bound(p: &Param, which: &str, given: bool) -> TokenStream {
    let konst = limit_name(p, which);
    if given {
        quote! { Some(Self::#konst) }
    } else {
        quote! { None }
    }
}

fn limit_name(p: &Param, which: &str) -> proc_macro2::Ident {
    format_ident!("{}_{which}", p.rust.trim_end_matches('_').to_uppercase())
}

/// A parameter's limits and default as constants of its query struct
/// (`PAGE_SIZE_MAX`, `PER_PAGE_DEFAULT`, `DIRECTION_DEFAULT`): what the server
/// enforces and applies, for the mock to do so and a client to size by.
fn limit_consts(p: &Param) -> Vec<TokenStream> {
    let mut out = Vec::new();
    let wire = &p.name;
    let mut push = |which: &str, ty: TokenStream, value: TokenStream, what: &str| {
        let konst = limit_name(p, which);
        let doc = format!("The spec's {what} for `{wire}`.");
        out.push(quote! { #[doc = #doc] pub const #konst: #ty = #value; });
    };
    match &p.kind {
        Kind::Integer { minimum, maximum } => {
            if let Some(m) = minimum {
                push("MIN", quote! { i64 }, Literal::i64_unsuffixed(*m).into_token_stream(), "minimum");
            }
            if let Some(m) = maximum {
                push("MAX", quote! { i64 }, Literal::i64_unsuffixed(*m).into_token_stream(), "maximum");
            }
        }
        Kind::Number { minimum, maximum } => {
            if let Some(m) = minimum {
                push("MIN", quote! { f64 }, Literal::f64_suffixed(*m).into_token_stream(), "minimum");
            }
            if let Some(m) = maximum {
                push("MAX", quote! { f64 }, Literal::f64_suffixed(*m).into_token_stream(), "maximum");
            }
        }
        _ => {}
    }
    let default = match (&p.kind, &p.default) {
        (Kind::Integer { .. }, Some(v)) => v.as_i64().map(|v| (quote! { i64 }, Literal::i64_unsuffixed(v))),
        (Kind::Number { .. }, Some(v)) => v.as_f64().map(|v| (quote! { f64 }, Literal::f64_suffixed(v))),
        (Kind::Text | Kind::Enum(_), Some(v)) => v.as_str().map(|v| (quote! { &'static str }, Literal::string(v))),
        _ => None,
    };
    if let Some((ty, value)) = default {
        let what = if p.default_in_prose {
            "default (the server's, for a value left out; given in the description's words)"
        } else {
            "default (the server's, for a value left out)"
        };
        push("DEFAULT", ty, value.into_token_stream(), what);
    }
    out
}

fn values_const(p: &Param) -> proc_macro2::Ident {
    format_ident!("{}_VALUES", p.rust.trim_end_matches('_').to_uppercase())
}

/// The query struct and its `Query` impl.
fn query_struct(op: &Operation, name: &proc_macro2::Ident) -> TokenStream {
    let params = &op.query;
    let default = (!params.iter().any(|p| p.required && !p.repeated)).then(|| quote! { Default, });
    let fields = params.iter().map(|p| {
        let field = format_ident!("{}", p.rust);
        let value = value_type(&p.kind);
        let ty = if p.repeated {
            quote! { Vec<#value> }
        } else if p.required {
            value
        } else {
            quote! { Option<#value> }
        };
        let doc = param_doc(p, "query parameter");
        quote! { #[doc = #doc] pub #field: #ty, }
    });
    let wire_names = params.iter().map(wire_name);
    let consts = params.iter().filter_map(|p| {
        let Kind::Enum(values) = &p.kind else { return None };
        let konst = values_const(p);
        let doc = format!("The values the spec allows for `{}`.", p.name);
        Some(quote! { #[doc = #doc] pub const #konst: &'static [&'static str] = &[#(#values),*]; })
    });
    let limits = params.iter().flat_map(limit_consts);
    let names = params.iter().map(|p| &p.name);
    let to_pairs = params.iter().map(|p| {
        let field = format_ident!("{}", p.rust);
        let wire = &p.name;
        if p.repeated {
            quote! { for value in &self.#field { pairs.push((#wire, value.to_query())); } }
        } else if p.required {
            quote! { pairs.push((#wire, self.#field.to_query())); }
        } else {
            quote! { if let Some(value) = &self.#field { pairs.push((#wire, value.to_query())); } }
        }
    });
    let slots = params.iter().map(|p| {
        let field = format_ident!("{}", p.rust);
        let value = value_type(&p.kind);
        if p.repeated {
            quote! { let mut #field: Vec<#value> = Vec::new(); }
        } else {
            quote! { let mut #field: Option<#value> = None; }
        }
    });
    let arms = params.iter().map(|p| {
        let field = format_ident!("{}", p.rust);
        let wire = &p.name;
        if p.repeated {
            quote! { #wire => #field.push(crate::runtime::parse(__wire, __text)?), }
        } else {
            quote! { #wire => crate::runtime::set_once(&mut #field, __wire, crate::runtime::parse(__wire, __text)?)?, }
        }
    });
    let build = params.iter().map(|p| {
        let field = format_ident!("{}", p.rust);
        let wire = &p.name;
        if p.required && !p.repeated {
            quote! { #field: crate::runtime::required(#field, #wire)?, }
        } else {
            quote! { #field, }
        }
    });
    let checks = params.iter().filter_map(|p| {
        let field = format_ident!("{}", p.rust);
        let wire = &p.name;
        let check = match &p.kind {
            Kind::Enum(_) => {
                let konst = values_const(p);
                quote! { crate::runtime::check_enum(#wire, value, Self::#konst)?; }
            }
            Kind::Integer { minimum: None, maximum: None } | Kind::Number { minimum: None, maximum: None } => {
                return None;
            }
            Kind::Integer { minimum, maximum } => {
                let (min, max) = (bound(p, "MIN", minimum.is_some()), bound(p, "MAX", maximum.is_some()));
                quote! { crate::runtime::check_range(#wire, value, #min, #max)?; }
            }
            Kind::Number { minimum, maximum } => {
                let (min, max) = (bound(p, "MIN", minimum.is_some()), bound(p, "MAX", maximum.is_some()));
                quote! { crate::runtime::check_range(#wire, value, #min, #max)?; }
            }
            _ => return None,
        };
        Some(if p.repeated {
            quote! { for value in &self.#field { #check } }
        } else if p.required {
            quote! { { let value = &self.#field; #check } }
        } else {
            quote! { if let Some(value) = &self.#field { #check } }
        })
    });
    let required: Vec<&Param> = params.iter().filter(|p| p.required && !p.repeated).collect();
    let constructor = (!required.is_empty()).then(|| {
        let args = required.iter().map(|p| {
            let field = format_ident!("{}", p.rust);
            let value = value_type(&p.kind);
            quote! { #field: #value }
        });
        let inits = params.iter().map(|p| {
            let field = format_ident!("{}", p.rust);
            if p.required && !p.repeated {
                quote! { #field }
            } else {
                quote! { #field: Default::default() }
            }
        });
        quote! {
            /// The query with its required parameters, and no other.
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
        }
    });
    let doc = format!("The query string of `{} {}` ({}).", op.http_method(), op.path, op.id);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, #default PartialEq)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #constructor
            #(#wire_names)*
            #(#consts)*
            #(#limits)*
        }

        impl Query for #name {
            const NAMES: &'static [&'static str] = &[#(#names),*];

            fn to_pairs(&self) -> Vec<(&'static str, String)> {
                let mut pairs = Vec::new();
                #(#to_pairs)*
                pairs
            }

            #[cfg(feature = "server")]
            fn from_pairs(pairs: &[(String, String)]) -> Result<Self, QueryError> {
                #(#slots)*
                // `__`-named, so that no parameter's field can shadow them.
                for (__wire, __text) in pairs {
                    match __wire.as_str() {
                        #(#arms)*
                        _ => return Err(QueryError::new(__wire, "is not a parameter of this operation")),
                    }
                }
                let query = Self { #(#build)* };
                query.check()?;
                Ok(query)
            }

            #[cfg(feature = "server")]
            fn check(&self) -> Result<(), QueryError> {
                #(#checks)*
                Ok(())
            }
        }
    }
}
