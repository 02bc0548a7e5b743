//! `cargo xtask extract`: re-cuts the Organizations service's slice from Cloudflare's
//! complete OpenAPI document, following the rule in spec/README.md: every operation under
//! `/organizations`, and every other whose parameters, request body or responses reference one
//! of the service's schemas (`organizations-api_…`), directly or through other components.

use serde_json::{Map, Value, json};

use crate::document::{Document, RefError};
use crate::error::{Error, Result, escape_token};
use crate::load::Spec;

/// Paths kept whole: every one whose key starts with this prefix.
pub const PATH_PREFIX: &str = "/organizations";

/// The service's schemas: an operation that references one is in the slice.
pub const SCHEMA_PREFIX: &str = "organizations-api_";

/// The keys of a path item that are operations.
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// The `info` the slice carries instead of the whole document's.
fn slice_info(version: &Value) -> Value {
    json!({
        "title": "Cloudflare API: Organizations slice",
        "version": version,
        "description": "The Organizations service of Cloudflare's public OpenAPI document: every operation under /organizations, and every other operation whose parameters, request body or responses reference an organizations-api_ schema, with the components they reference (transitively). Extracted unmodified."
    })
}

/// Cuts the slice out of a full document.
pub fn extract(full: &Spec) -> Result<Value> {
    let doc = &full.doc;
    let field = |name: &str| {
        doc.get(name)
            .cloned()
            .ok_or_else(|| Error::pointer(&full.path, format!("/{name}"), format!("missing `{name}`")))
    };
    let version = doc.pointer("/info/version").cloned().unwrap_or(Value::Null);

    let mut paths = Map::new();
    for (path, item) in field("paths")?.as_object().into_iter().flatten() {
        if let Some(kept) = slice_of_path(doc, path, item).map_err(|e| Error::pointer(&full.path, e.at, e.message))? {
            paths.insert(path.clone(), kept);
        }
    }
    if !paths.keys().any(|p| p.starts_with(PATH_PREFIX)) {
        return Err(Error::pointer(&full.path, "/paths", format!("no path starts with {PATH_PREFIX}")));
    }

    // Transitive closure of the components named by $refs, as (kind, name).
    let kept = Document(doc)
        .closure(paths.iter().map(|(path, item)| (item, format!("/paths/{}", escape_token(path)))))
        .map_err(|e| Error::pointer(&full.path, e.at, e.message))?;

    let mut components = Map::new();
    for (kind, name) in &kept {
        let value = doc.pointer(&format!("/components/{kind}/{}", escape_token(name))).cloned().unwrap_or_default();
        let section = components.entry(kind.clone()).or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(section) = section {
            section.insert(name.clone(), value);
        }
    }
    if let Some(schemes) = doc.pointer("/components/securitySchemes") {
        components.insert("securitySchemes".to_string(), schemes.clone());
    }
    // Component kinds in the whole document's order; names sorted (BTreeSet above).
    let order: Vec<String> =
        doc.get("components").and_then(Value::as_object).map(|c| c.keys().cloned().collect()).unwrap_or_default();
    let mut ordered = Map::new();
    for kind in order {
        if let Some(section) = components.remove(&kind) {
            ordered.insert(kind, section);
        }
    }

    let mut slice = Map::new();
    slice.insert("openapi".into(), field("openapi")?);
    slice.insert("info".into(), slice_info(&version));
    slice.insert("servers".into(), field("servers")?);
    slice.insert("security".into(), field("security")?);
    slice.insert("paths".into(), Value::Object(paths));
    slice.insert("components".into(), Value::Object(ordered));
    Ok(Value::Object(slice))
}

/// The part of a path item in the slice: the whole item under [`PATH_PREFIX`]; elsewhere the
/// operations that reference one of the service's schemas, with what the item says of all its
/// operations (its `parameters`, `summary`); `None` when no operation is in it.
fn slice_of_path(doc: &Value, path: &str, item: &Value) -> std::result::Result<Option<Value>, RefError> {
    if path.starts_with(PATH_PREFIX) {
        return Ok(Some(item.clone()));
    }
    let Some(fields) = item.as_object() else { return Ok(None) };
    let at = format!("/paths/{}", escape_token(path));
    let mut kept = Map::new();
    for (key, value) in fields {
        if !METHODS.contains(&key.as_str()) {
            kept.insert(key.clone(), value.clone());
            continue;
        }
        let mut roots = vec![];
        if let Some(shared) = fields.get("parameters") {
            roots.push((shared, format!("{at}/parameters")));
        }
        for part in ["parameters", "requestBody", "responses"] {
            if let Some(v) = value.get(part) {
                roots.push((v, format!("{at}/{key}/{part}")));
            }
        }
        let reached = Document(doc).closure(roots)?;
        if reached.iter().any(|(kind, name)| kind == "schemas" && name.starts_with(SCHEMA_PREFIX)) {
            kept.insert(key.clone(), value.clone());
        }
    }
    let any = kept.keys().any(|k| METHODS.contains(&k.as_str()));
    Ok(any.then_some(Value::Object(kept)))
}

/// The slice as the committed file holds it: pretty JSON and a final newline.
pub fn to_file_text(slice: &Value) -> String {
    let mut text = serde_json::to_string_pretty(slice).expect("a serde_json::Value always serializes");
    text.push('\n');
    text
}
