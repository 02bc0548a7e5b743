//! `cargo xtask extract`: re-cuts the organizations slice from Cloudflare's
//! complete OpenAPI document, following the rule in spec/README.md.

use serde_json::{Map, Value, json};

use crate::document::Document;
use crate::error::{Error, Result, escape_token};
use crate::load::Spec;

/// Paths kept: every one whose key starts with this prefix.
pub const PATH_PREFIX: &str = "/organizations";

/// The `info` the slice carries instead of the whole document's.
fn slice_info(version: &Value) -> Value {
    json!({
        "title": "Cloudflare API: Organizations slice",
        "version": version,
        "description": "Every path under /organizations of Cloudflare's public OpenAPI document, with the components they reference (transitively). Extracted unmodified."
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

    let paths: Map<String, Value> = field("paths")?
        .as_object()
        .map(|all| {
            all.iter().filter(|(p, _)| p.starts_with(PATH_PREFIX)).map(|(p, v)| (p.clone(), v.clone())).collect()
        })
        .unwrap_or_default();
    if paths.is_empty() {
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

/// The slice as the committed file holds it: pretty JSON and a final newline.
pub fn to_file_text(slice: &Value) -> String {
    let mut text = serde_json::to_string_pretty(slice).expect("a serde_json::Value always serializes");
    text.push('\n');
    text
}
