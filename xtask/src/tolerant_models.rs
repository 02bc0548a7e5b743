//! cf-orgs's models (`crates/cf-orgs/src/models.rs`), generated from the schemas the operations
//! answer with, by one rule for every field:
//!
//! - every property the spec names is a field, typed: `date-time` strings as chrono, string enums
//!   as open enums (`Unknown(String)` keeps a value the spec does not list), objects with
//!   properties as models of their own, objects without as a JSON map, arrays as `Vec`;
//! - a field the spec calls required and not nullable holds its type, and `null` or absence
//!   decodes to the type's default; any other field is an `Option` (a date is always one: it has
//!   no default to stand for "absent"); an array is empty when absent; the only field whose
//!   absence is an error is an id the surface map types (`[ids]`);
//! - fields the spec does not name are kept in `other`, without `#[serde(flatten)]`: the decoder
//!   is generated over the object's keys, so each object is read once, not buffered and read again;
//! - names come from the surface map (`[models]`, by the schema's JSON pointer), else by the rule:
//!   a component `prefix_the-name` is `TheName`, an inline object or enum is its model's name and
//!   the property's (`Member.user` → `MemberUser`); a field named `type` is the model's last word
//!   and `_type` (`AuditActor.type` → `actor_type`).
//!
//! The models are roots' closures: the `result` (or its items) of every operation's success answer.

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use crate::document::{Document, SCHEMAS, reference};
use crate::error::{Error, Result, escape_token};
use crate::model::Operation;
use crate::surface_map::{MAP_PATH, Map};

/// The generated file, relative to the workspace root.
pub const FILE: &str = "crates/cf-orgs/src/models.rs";

/// A field's type, before `Option` or a default wraps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    String,
    Bool,
    Integer,
    Number,
    Date,
    /// An object the spec gives no properties: a JSON map.
    Map,
    /// A schema with no type to read (`oneOf`, `{}`): JSON as sent.
    Value,
    /// A typed id of cf-orgs (`MemberId`), named by the map.
    Id(String),
    /// A generated model.
    Model(String),
    /// A generated open enum.
    Enum(String),
    Vec(Box<Ty>),
}

/// How absence and `null` decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// An id the map types: absence is an error.
    Required,
    /// Required by the spec, not nullable: absence and `null` are the type's default.
    Default,
    /// `Option`.
    Optional,
}

/// One field of a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The key on the wire.
    pub wire: String,
    pub rust: String,
    pub doc: Option<String>,
    pub ty: Ty,
    pub presence: Presence,
}

/// A model or an enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Model { name: String, pointer: String, doc: Option<String>, fields: Vec<Field> },
    Enum { name: String, pointer: String, doc: Option<String>, values: Vec<String> },
}

impl Item {
    pub fn name(&self) -> &str {
        match self {
            Item::Model { name, .. } | Item::Enum { name, .. } => name,
        }
    }
    fn pointer(&self) -> &str {
        match self {
            Item::Model { pointer, .. } | Item::Enum { pointer, .. } => pointer,
        }
    }
}

/// Every model and enum the operations' answers reach, in the order first reached, then the enums
/// of their request bodies. `original` is the spec before the normalization passes, which open the
/// bodies' enums for the request layer (any value is sent) and so hide their values.
pub fn collect<'a>(doc: &'a Value, original: &'a Value, ops: &[Operation], map: &Map) -> Result<Vec<Item>> {
    let mut walk = Walk { doc: Document(doc), map, items: Vec::new(), names: BTreeMap::new() };
    for op in ops {
        if let Some((schema, pointer)) = walk.result_schema(op)
            && scalar(schema).is_none()
        {
            walk.model_at(schema, pointer, None)?;
        }
    }
    for op in ops {
        let at = format!("{}/requestBody/content/application~1json/schema", op.pointer);
        let bodies = Document(original);
        if let Some(body) = original.pointer(&at)
            && let Ok((body, at)) = bodies.follow(body, at)
        {
            let model = component_name(&at);
            walk.doc = bodies;
            walk.body_enums(body, at, &model, 0)?;
            walk.doc = Document(doc);
        }
    }
    for pointer in map.models.keys().chain(map.ids.keys()) {
        let known = walk.items.iter().any(|i| i.pointer() == pointer)
            || walk.items.iter().any(|i| {
                matches!(i, Item::Model { pointer: p, fields, .. }
                if fields.iter().any(|f| format!("{p}/properties/{}", escape_token(&f.wire)) == *pointer))
            });
        if !known {
            return Err(Error::file(
                MAP_PATH,
                format!(
                    "`{pointer}` is no model, enum or field of an answer (it was removed or moved): change the map"
                ),
            ));
        }
    }
    Ok(walk.items)
}

struct Walk<'a> {
    doc: Document<'a>,
    map: &'a Map,
    items: Vec<Item>,
    /// Rust name → the pointer it names, for collisions.
    names: BTreeMap<String, String>,
}

impl<'a> Walk<'a> {
    /// The schema of the `result` of an operation's success answer, or of its items.
    fn result_schema(&self, op: &Operation) -> Option<(&'a Value, String)> {
        self.result(op).map(|(schema, at, _)| (schema, at))
    }

    /// As [`result_schema`](Self::result_schema), and whether the result is a list of them.
    fn result(&self, op: &Operation) -> Option<(&'a Value, String, bool)> {
        let at = format!("{}/responses/{}/content/application~1json/schema", op.pointer, op.success_status);
        let (envelope, at) = self.doc.follow(self.doc.0.pointer(&at)?, at).ok()?;
        let (props, _) = self.properties(envelope, &at);
        let (result, at) = props.into_iter().find(|(name, _, _)| name == "result").map(|(_, v, p)| (v, p))?;
        let (result, at) = self.doc.follow(result, at).ok()?;
        if types(result).contains(&"array") {
            let items = result.get("items")?;
            return self.doc.follow(items, format!("{at}/items")).ok().map(|(s, at)| (s, at, true));
        }
        Some((result, at, false))
    }

    /// An object's properties (its `allOf` parts' too), each with its pointer, and what it requires.
    fn properties(&self, schema: &'a Value, at: &str) -> (Vec<(String, &'a Value, String)>, Vec<String>) {
        let mut props = Vec::new();
        let mut required = Vec::new();
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            for (i, part) in parts.iter().enumerate() {
                if let Ok((part, p)) = self.doc.follow(part, format!("{at}/allOf/{i}")) {
                    let (more, req) = self.properties(part, &p);
                    props.extend(more);
                    required.extend(req);
                }
            }
        }
        if let Some(own) = schema.get("properties").and_then(Value::as_object) {
            for (name, value) in own {
                props.push((name.clone(), value, format!("{at}/properties/{}", escape_token(name))));
            }
        }
        if let Some(req) = schema.get("required").and_then(Value::as_array) {
            required.extend(req.iter().filter_map(Value::as_str).map(str::to_string));
        }
        (props, required)
    }

    /// The name the map gives `pointer`, else `default`; an error when another schema has it.
    fn claim(&mut self, pointer: &str, default: String) -> Result<String> {
        let name = self.map.models.get(pointer).cloned().unwrap_or(default);
        match self.names.insert(name.clone(), pointer.to_string()) {
            Some(other) if other != pointer => Err(Error::file(
                MAP_PATH,
                format!("`{other}` and `{pointer}` are both named `{name}`: name one of them apart in [models]"),
            )),
            _ => Ok(name),
        }
    }

    /// The model of the object at `pointer` (generated once), its name.
    fn model_at(&mut self, schema: &'a Value, pointer: String, held: Option<Held>) -> Result<String> {
        if let Some(item) = self.items.iter().find(|i| i.pointer() == pointer) {
            return Ok(item.name().to_string());
        }
        let name = self.claim(&pointer, held.as_ref().map_or_else(|| component_name(&pointer), Held::name))?;
        // Reserve the place first: a model that reaches itself stops here.
        self.items.push(Item::Model { name: name.clone(), pointer: pointer.clone(), doc: None, fields: Vec::new() });
        let index = self.items.len() - 1;
        let (props, required) = self.properties(schema, &pointer);
        let mut fields = Vec::new();
        for (wire, value, at) in props {
            if fields.iter().any(|f: &Field| f.wire == wire) {
                continue;
            }
            let (target, target_at) = self
                .doc
                .follow(value, at.clone())
                .map_err(|e| Error::file(crate::SPEC_PATH, format!("{}: {}", e.at, e.message)))?;
            let doc = description(value).or_else(|| description(target));
            let nullable = types(target).contains(&"null") || target.get("nullable") == Some(&Value::Bool(true));
            let ty = match self.map.ids.get(&at) {
                Some(id) => Ty::Id(id.clone()),
                None => self.ty(target, target_at, reference(value).is_some(), &name, &wire)?,
            };
            let presence = match (&ty, required.contains(&wire) && !nullable) {
                // A resource's own id; an id elsewhere has no default to stand for absence.
                (Ty::Id(_), true) if wire == "id" => Presence::Required,
                (Ty::Id(_), _) => Presence::Optional,
                (Ty::Vec(_), _) => Presence::Default,
                (Ty::Date, _) | (_, false) => Presence::Optional,
                (_, true) => Presence::Default,
            };
            fields.push(Field { rust: field_name(&wire, &name), wire, doc, ty, presence });
        }
        let doc = description(schema).or_else(|| held.map(|h| h.doc()));
        self.items[index] = Item::Model { name: name.clone(), pointer, doc, fields };
        Ok(name)
    }

    /// The type of a property's schema (`target`, at `at`, reached through a `$ref` or not).
    fn ty(&mut self, target: &'a Value, at: String, by_ref: bool, model: &str, wire: &str) -> Result<Ty> {
        let inline = || Held { model: model.to_string(), wire: wire.to_string(), in_body: false };
        let kinds = types(target);
        let kind = kinds.iter().find(|k| **k != "null").copied().or_else(|| {
            if target.get("properties").is_some() || target.get("allOf").is_some() {
                Some("object")
            } else if target.get("enum").is_some() {
                Some("string")
            } else {
                None
            }
        });
        Ok(match kind {
            Some("string") if target.get("enum").is_some() => {
                let values: Vec<String> = target["enum"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                if values.is_empty() {
                    Ty::String
                } else {
                    Ty::Enum(self.enum_at(target, at, values, (!by_ref).then(inline))?)
                }
            }
            Some("string") if target.get("format").and_then(Value::as_str) == Some("date-time") => Ty::Date,
            Some("string") => Ty::String,
            Some("boolean") => Ty::Bool,
            Some("integer") => Ty::Integer,
            Some("number") => Ty::Number,
            Some("array") => {
                let items = target.get("items").unwrap_or(&Value::Null);
                let (item, item_at) = self
                    .doc
                    .follow(items, format!("{at}/items"))
                    .map_err(|e| Error::file(crate::SPEC_PATH, format!("{}: {}", e.at, e.message)))?;
                Ty::Vec(Box::new(self.ty(item, item_at, reference(items).is_some(), model, wire)?))
            }
            Some("object") if target.get("properties").is_some() || target.get("allOf").is_some() => {
                Ty::Model(self.model_at(target, at, (!by_ref).then(inline))?)
            }
            Some("object") => Ty::Map,
            _ => Ty::Value,
        })
    }

    /// The enums of a request body (its models are progenitor's, as the mock's): a value a body
    /// field takes is sent from its open enum, as given.
    fn body_enums(&mut self, schema: &'a Value, at: String, model: &str, depth: usize) -> Result<()> {
        if depth > 8 {
            return Ok(());
        }
        let (props, _) = self.properties(schema, &at);
        for (wire, value, p_at) in props {
            let Ok((mut target, mut target_at)) = self.doc.follow(value, p_at) else { continue };
            let mut by_ref = reference(value).is_some();
            if types(target).contains(&"array")
                && let Some(items) = target.get("items")
                && let Ok((item, item_at)) = self.doc.follow(items, format!("{target_at}/items"))
            {
                by_ref = reference(items).is_some();
                (target, target_at) = (item, item_at);
            }
            let held = Held { model: model.to_string(), wire: wire.clone(), in_body: true };
            if let Some(values) = target.get("enum").and_then(Value::as_array) {
                let values: Vec<String> = values.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
                if !values.is_empty() && types(target).iter().all(|t| *t == "string" || *t == "null") {
                    self.enum_at(target, target_at, values, (!by_ref).then_some(held))?;
                }
            } else if target.get("properties").is_some() || target.get("allOf").is_some() {
                let inner = if by_ref { component_name(&target_at) } else { held.name() };
                self.body_enums(target, target_at, &inner, depth + 1)?;
            }
        }
        Ok(())
    }

    fn enum_at(&mut self, schema: &Value, pointer: String, values: Vec<String>, held: Option<Held>) -> Result<String> {
        if let Some(item) = self.items.iter().find(|i| i.pointer() == pointer) {
            return Ok(item.name().to_string());
        }
        let name = self.claim(&pointer, held.as_ref().map_or_else(|| component_name(&pointer), Held::name))?;
        let doc = description(schema).or_else(|| held.map(|h| h.doc()));
        self.items.push(Item::Enum { name: name.clone(), pointer, doc, values });
        Ok(name)
    }
}

/// The model and property an inline schema is written in: its default name, and its docs' first
/// line when the spec gives none.
struct Held {
    model: String,
    wire: String,
    /// In a request body, whose models are not cf-orgs's (nothing to link to).
    in_body: bool,
}

impl Held {
    /// `Member` and `user` → `MemberUser`.
    fn name(&self) -> String {
        format!("{}{}", self.model, self.wire.to_upper_camel_case())
    }

    /// `` [`Member::user`]. ``, or for a body's field, what it is.
    fn doc(self) -> String {
        if self.in_body {
            return format!("The values of `{}` in the request body's `{}`.", self.wire, self.model);
        }
        format!("[`{}::{}`].", self.model, field_name(&self.wire, &self.model))
    }
}

/// What an operation's success answer holds, by the models `items` (from [`collect`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// No content (204), or a `result` that is no model.
    Nothing,
    One(String),
    Many(String),
    /// A list of scalars (`account_types`: strings), by their Rust type.
    ManyOf(&'static str),
}

/// The answer of `op` in `doc` (the normalized spec), among `items`.
pub fn answer(doc: &Value, op: &Operation, items: &[Item]) -> Answer {
    let walk = Walk { doc: Document(doc), map: &EMPTY, items: Vec::new(), names: BTreeMap::new() };
    let Some((schema, pointer, many)) = walk.result(op) else { return Answer::Nothing };
    if let Some(rust) = scalar(schema).filter(|_| many) {
        return Answer::ManyOf(rust);
    }
    match items.iter().find(|i| i.pointer() == pointer && matches!(i, Item::Model { .. })) {
        Some(item) if many => Answer::Many(item.name().to_string()),
        Some(item) => Answer::One(item.name().to_string()),
        None => Answer::Nothing,
    }
}

static EMPTY: std::sync::LazyLock<Map> = std::sync::LazyLock::new(Map::default);

/// The Rust type of a scalar schema (a string, a number, a boolean), or `None` for anything else.
fn scalar(schema: &Value) -> Option<&'static str> {
    let types = types(schema);
    if schema.get("enum").is_some() || schema.get("format").is_some() {
        return None;
    }
    match types.iter().find(|t| **t != "null").copied() {
        Some("string") => Some("String"),
        Some("integer") => Some("i64"),
        Some("number") => Some("f64"),
        Some("boolean") => Some("bool"),
        _ => None,
    }
}

/// The schema's `type`, as a list (`["string", "null"]` or `"string"`).
fn types(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn description(schema: &Value) -> Option<String> {
    schema.get("description").and_then(Value::as_str).map(str::trim).filter(|d| !d.is_empty()).map(str::to_string)
}

/// `organizations-api_Member` → `Member`; a pointer inside a component, its last token.
fn component_name(pointer: &str) -> String {
    let last = pointer.strip_prefix(SCHEMAS).unwrap_or(pointer).rsplit('/').next().unwrap_or(pointer);
    let last = crate::document::unescape(last);
    last.split_once('_').map_or(last.as_str(), |(_, rest)| rest).to_upper_camel_case()
}

/// The field's Rust name: snake_case, `type` as the model's last word and `_type`.
fn field_name(wire: &str, model: &str) -> String {
    let snake = wire.to_snake_case();
    if snake == "type" {
        let last = model.to_snake_case().rsplit('_').next().unwrap_or("item").to_string();
        return format!("{last}_type");
    }
    snake
}

/// A field's identifier, raw where it is a keyword.
fn field_ident(name: &str) -> syn::Ident {
    match syn::parse_str::<syn::Ident>(name) {
        Ok(ident) => ident,
        Err(_) => syn::Ident::new_raw(name, proc_macro2::Span::call_site()),
    }
}

/// The variant of an enum value: `custom-ruleset` → `CustomRuleset`.
fn variant_name(wire: &str) -> String {
    let name = wire.to_upper_camel_case();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) || name == "Unknown" {
        format!("V{name}")
    } else {
        name
    }
}

/// One line per field and enum, for a snapshot that names what a spec change moved:
/// `Member.status: MemberStatus (default)`.
pub fn summarize(items: &[Item]) -> String {
    fn ty(t: &Ty) -> String {
        match t {
            Ty::Vec(t) => format!("Vec<{}>", ty(t)),
            Ty::Id(n) | Ty::Model(n) | Ty::Enum(n) => n.clone(),
            other => format!("{other:?}").to_lowercase(),
        }
    }
    let mut lines = Vec::new();
    for item in items {
        match item {
            Item::Model { name, fields, .. } => {
                for f in fields {
                    let presence = format!("{:?}", f.presence).to_lowercase();
                    lines.push(format!("{name}.{}: {} ({presence}) <- {}", f.rust, ty(&f.ty), f.wire));
                }
            }
            Item::Enum { name, values, .. } => lines.push(format!("enum {name}: {}", values.join(", "))),
        }
    }
    lines.join("\n")
}

/// The whole file, formatted, under its header.
pub fn render(items: &[Item]) -> String {
    let header =
        format!("// @generated by `cargo xtask regenerate` from {} and {}; do not edit.\n", crate::SPEC_PATH, MAP_PATH);
    format!("{header}\n{}", crate::prettyprint(&emit(items)))
}

/// The generated file's Rust code (without its header).
pub fn emit(items: &[Item]) -> TokenStream {
    let has_float = |name: &str| floats(items, name, &mut Vec::new());
    let code = items.iter().map(|item| match item {
        Item::Enum { name, doc, values, pointer } => open_enum(name, &doc_lines(doc.as_deref(), pointer), values),
        Item::Model { name, doc, fields, pointer } => model(name, doc.as_deref(), pointer, fields, !has_float(name)),
    });
    quote! {
        //! The models of the API's answers, generated from the spec by `cargo xtask regenerate`
        //! (`xtask/src/tolerant_models.rs` says by which rule).
        #![allow(clippy::all)]
        use chrono::{DateTime, Utc};
        use serde::de::{self, MapAccess, Visitor};
        use serde::ser::SerializeMap;
        use serde::{Deserialize, Deserializer, Serialize, Serializer};
        use serde_json::{Map, Value};
        use crate::decode::{Key, OrDefault};
        use crate::ids::*;
        #(#code)*
    }
}

/// Whether a model holds a float, itself or in a model it holds (then it cannot be `Eq`).
fn floats(items: &[Item], name: &str, seen: &mut Vec<String>) -> bool {
    if seen.iter().any(|s| s == name) {
        return false;
    }
    seen.push(name.to_string());
    let Some(Item::Model { fields, .. }) = items.iter().find(|i| i.name() == name) else { return false };
    fn inner(ty: &Ty) -> &Ty {
        match ty {
            Ty::Vec(t) => inner(t),
            t => t,
        }
    }
    fields.iter().any(|f| match inner(&f.ty) {
        Ty::Number => true,
        Ty::Model(m) => floats(items, m, seen),
        _ => false,
    })
}

fn doc_lines(doc: Option<&str>, pointer: &str) -> Vec<String> {
    let mut lines: Vec<String> = match doc {
        Some(doc) => doc.lines().map(|l| format!(" {l}")).collect(),
        None => vec![format!(" The spec's `{}`.", pointer.strip_prefix(SCHEMAS).unwrap_or(pointer))],
    };
    lines.push(String::new());
    lines.push(format!(" Generated from the spec's `#{pointer}`."));
    lines
}

/// A string enum that keeps values it does not know in `Unknown`, with `doc` (its lines) first.
pub fn open_enum(name: &str, doc: &[String], values: &[String]) -> TokenStream {
    let ident = format_ident!("{name}");
    let mut doc = doc.to_vec();
    doc.push(String::new());
    doc.push(" Values this version does not know are kept in `Unknown`.".into());
    let variants: Vec<_> = values.iter().map(|v| format_ident!("{}", variant_name(v))).collect();
    let docs = values.iter().map(|v| format!(" `{v}`."));
    quote! {
        #(#[doc = #doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ident {
            #(#[doc = #docs] #variants,)*
            /// A value this version of the crate does not know, as the API sent it.
            Unknown(String),
        }

        impl #ident {
            /// Every value this version knows, as the API spells them.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Unknown(other) => other,
                }
            }
        }

        /// An empty `Unknown`: what an absent or `null` value decodes to where a model holds one
        /// without `Option` (the spec calls it required).
        impl Default for #ident {
            fn default() -> Self {
                Self::Unknown(String::new())
            }
        }

        impl std::fmt::Display for #ident {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for #ident {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl From<&str> for #ident {
            fn from(s: &str) -> Self {
                match s {
                    #(#values => Self::#variants,)*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        impl Serialize for #ident {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for #ident {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok(Self::from(Key::deserialize(deserializer)?.as_str()))
            }
        }
    }
}

fn rust_type(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Bool => quote!(bool),
        Ty::Integer => quote!(i64),
        Ty::Number => quote!(f64),
        Ty::Date => quote!(DateTime<Utc>),
        Ty::Map => quote!(Map<String, Value>),
        Ty::Value => quote!(Value),
        Ty::Id(n) | Ty::Model(n) | Ty::Enum(n) => {
            let ident = format_ident!("{n}");
            quote!(#ident)
        }
        Ty::Vec(t) => {
            let t = rust_type(t);
            quote!(Vec<#t>)
        }
    }
}

fn model(name: &str, doc: Option<&str>, pointer: &str, fields: &[Field], eq: bool) -> TokenStream {
    let ident = format_ident!("{name}");
    let doc = doc_lines(doc, pointer);
    let required = fields.iter().any(|f| f.presence == Presence::Required);
    let mut derives = vec![quote!(Debug), quote!(Clone), quote!(PartialEq)];
    if eq {
        derives.push(quote!(Eq));
    }
    if !required {
        derives.push(quote!(Default));
    }
    let idents: Vec<_> = fields.iter().map(|f| field_ident(&f.rust)).collect();
    let wires: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
    let decls = fields.iter().zip(&idents).map(|(f, ident)| {
        let ty = rust_type(&f.ty);
        let ty = if f.presence == Presence::Optional { quote!(Option<#ty>) } else { ty };
        let doc = match &f.doc {
            Some(d) => d.lines().map(|l| format!(" {l}")).collect::<Vec<_>>(),
            None => vec![format!(" `{}` (the spec does not describe it).", f.wire)],
        };
        quote! { #(#[doc = #doc])* pub #ident: #ty }
    });
    // The decoder's locals, apart from its own names (`map`, `key`, `other`), whatever the fields.
    let locals: Vec<_> = fields.iter().map(|f| format_ident!("field_{}", f.rust.trim_start_matches("r#"))).collect();
    let inits = fields.iter().zip(&locals).map(|(f, ident)| match f.presence {
        Presence::Required => quote!(let mut #ident = None;),
        Presence::Default => quote!(let mut #ident = Default::default();),
        Presence::Optional => quote!(let mut #ident = None;),
    });
    let arms = fields.iter().zip(&locals).map(|(f, ident)| {
        let wire = &f.wire;
        match f.presence {
            Presence::Required => quote!(#wire => #ident = Some(map.next_value()?),),
            Presence::Default => quote!(#wire => #ident = map.next_value::<OrDefault<_>>()?.0,),
            Presence::Optional => quote!(#wire => #ident = map.next_value()?,),
        }
    });
    let finish = fields.iter().zip(&idents).zip(&locals).map(|((f, ident), local)| {
        let wire = &f.wire;
        match f.presence {
            Presence::Required => quote!(#ident: #local.ok_or_else(|| de::Error::missing_field(#wire))?,),
            _ => quote!(#ident: #local,),
        }
    });
    let expecting = format!("an object for {name}");
    let count = fields.len();
    quote! {
        #(#[doc = #doc])*
        #[derive(#(#derives),*)]
        #[non_exhaustive]
        pub struct #ident {
            #(#decls,)*
            /// Fields this version does not know, as sent.
            pub other: Map<String, Value>,
        }

        impl<'de> Deserialize<'de> for #ident {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Fields;
                impl<'de> Visitor<'de> for Fields {
                    type Value = #ident;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<#ident, A::Error> {
                        #(#inits)*
                        let mut other = Map::new();
                        while let Some(key) = map.next_key::<Key<'de>>()? {
                            match key.as_str() {
                                #(#arms)*
                                _ => { other.insert(key.into_string(), map.next_value()?); }
                            }
                        }
                        Ok(#ident { #(#finish)* other })
                    }
                }
                deserializer.deserialize_map(Fields)
            }
        }

        impl Serialize for #ident {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(#count + self.other.len()))?;
                #(map.serialize_entry(#wires, &self.#idents)?;)*
                for (key, value) in &self.other {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}
