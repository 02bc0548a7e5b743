//! Reading and validating an OpenAPI document before anything else touches it.
//!
//! Every check here exists so that a bad spec fails with one line naming the
//! file and the JSON pointer, instead of a panic deep inside progenitor.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::document::collect_refs;
use crate::error::{Error, Result, escape_token};

/// The HTTP methods an OpenAPI path item may hold operations under.
pub const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// A loaded document, still as JSON so passes can address it by pointer.
#[derive(Debug, Clone)]
pub struct Spec {
    pub path: PathBuf,
    pub doc: Value,
}

/// One operation of the document: where it sits and what it is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationRef {
    pub method: String,
    pub path: String,
    pub operation_id: String,
    pub pointer: String,
}

impl Spec {
    /// Reads `path` (plain JSON, or gzip-compressed JSON) and checks it fully.
    pub fn load(path: &Path) -> Result<Self> {
        let spec = Self::read(path)?;
        spec.validate()?;
        Ok(spec)
    }

    /// Reads `path` checking only that it is an OpenAPI 3.0 document: enough
    /// for cutting a slice out of Cloudflare's whole document, some of whose
    /// operations (outside the slice) have no operationId.
    pub fn read(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::file(path, format!("cannot read: {e}")))?;
        let doc = parse_bytes(path, &bytes)?;
        let spec = Spec { path: path.to_path_buf(), doc };
        spec.check_version()?;
        Ok(spec)
    }

    /// Builds a spec from an in-memory document (fixtures, tests); same checks as [`Spec::load`].
    pub fn from_value(path: impl Into<PathBuf>, doc: Value) -> Result<Self> {
        let spec = Spec { path: path.into(), doc };
        spec.validate()?;
        Ok(spec)
    }

    fn validate(&self) -> Result<()> {
        self.check_version()?;
        self.check_refs()?;
        self.operations()?;
        Ok(())
    }

    fn check_version(&self) -> Result<()> {
        match self.doc.get("openapi") {
            Some(Value::String(v)) if v.starts_with("3.0.") => Ok(()),
            Some(Value::String(v)) => Err(Error::pointer(
                &self.path,
                "/openapi",
                format!("OpenAPI {v} is not supported: progenitor reads OpenAPI 3.0.x"),
            )),
            Some(_) => Err(Error::pointer(&self.path, "/openapi", "`openapi` must be a version string")),
            None if self.doc.is_object() => {
                Err(Error::pointer(&self.path, "/openapi", "missing `openapi` version: not an OpenAPI 3.0 document"))
            }
            None => Err(Error::pointer(&self.path, "", "the document must be a JSON object")),
        }
    }

    /// Every `$ref` must be a local pointer that resolves inside this document.
    fn check_refs(&self) -> Result<()> {
        let mut refs = Vec::new();
        collect_refs(&self.doc, String::new(), &mut refs);
        for (at, target) in refs {
            let Some(pointer) = target.strip_prefix('#') else {
                return Err(Error::pointer(&self.path, at, format!("external $ref `{target}` is not supported")));
            };
            if self.doc.pointer(pointer).is_none() {
                return Err(Error::pointer(&self.path, at, format!("$ref `{target}` does not resolve")));
            }
        }
        Ok(())
    }

    /// Lists the operations, checking each has a unique operationId.
    pub fn operations(&self) -> Result<Vec<OperationRef>> {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut ops = Vec::new();
        let Some(paths) = self.doc.get("paths") else {
            return Err(Error::pointer(&self.path, "/paths", "missing `paths`"));
        };
        let Some(paths) = paths.as_object() else {
            return Err(Error::pointer(&self.path, "/paths", "`paths` must be an object"));
        };
        for (path, item) in paths {
            for method in METHODS {
                let Some(op) = item.get(method) else { continue };
                let pointer = format!("/paths/{}/{method}", escape_token(path));
                let id = match op.get("operationId") {
                    Some(Value::String(id)) if !id.is_empty() => id.clone(),
                    _ => {
                        return Err(Error::pointer(
                            &self.path,
                            pointer,
                            format!("{} {path} has no operationId", method.to_uppercase()),
                        ));
                    }
                };
                if let Some(first) = seen.insert(id.clone(), pointer.clone()) {
                    return Err(Error::pointer(
                        &self.path,
                        pointer,
                        format!("duplicate operationId `{id}` (first at {first})"),
                    ));
                }
                ops.push(OperationRef { method: method.to_string(), path: path.clone(), operation_id: id, pointer });
            }
        }
        Ok(ops)
    }

    /// Parses the (normalized) document with openapiv3, the model progenitor reads.
    pub fn to_openapi(&self) -> Result<openapiv3::OpenAPI> {
        serde_json::from_value(self.doc.clone())
            .map_err(|e| Error::file(&self.path, format!("not a valid OpenAPI 3.0 document: {e}")))
    }
}

/// Decodes JSON, transparently gunzipping when the bytes start with gzip's magic number.
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Value> {
    let text;
    let json: &[u8] = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .map_err(|e| Error::file(path, format!("cannot gunzip: {e}")))?;
        text = out;
        &text
    } else {
        bytes
    };
    serde_json::from_slice(json).map_err(|e| Error::file(path, format!("invalid JSON: {e}")))
}
