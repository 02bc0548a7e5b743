//! The spec's operations as the request layer, the API summary and `spec-diff`
//! read them: method, path, parameters with their wire names and types, body,
//! success status and security. Read from the normalized document; anything
//! the request layer cannot express is an error naming its JSON pointer.

use serde_json::Value;

use crate::document::Document;
use crate::error::{Error, Result, escape_token};
use crate::load::Spec;

/// One operation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Operation {
    /// The spec's operationId.
    pub id: String,
    /// Its Rust name: the operationId in PascalCase.
    pub rust: String,
    /// `get`, `post`, ... as the spec keys it.
    pub method: String,
    /// The path template, `{name}` for each path parameter.
    pub path: String,
    /// Where it sits in the document.
    pub pointer: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub path_params: Vec<Param>,
    pub query: Vec<Param>,
    pub body: Option<Body>,
    /// The first 2xx status the spec lists.
    pub success_status: u16,
    /// Whether that answer has no content (a 204, or no schema).
    pub no_content: bool,
    /// Every status the spec lists, with the component its JSON schema names (if any).
    pub responses: Vec<(String, Option<String>)>,
    /// Alternatives of security schemes, each a list that must all be sent.
    pub security: Vec<Vec<String>>,
    /// Each alternative of `security` as a reader wants it: the schemes and
    /// what they send, from `components.securitySchemes`.
    pub credentials: Vec<String>,
    /// Every schema component the operation names, transitively.
    pub schemas: std::collections::BTreeSet<String>,
    /// The limits the spec states for it, which the server enforces.
    pub limits: Vec<Limit>,
    /// How it pages, when it is a list.
    pub paging: Option<Paging>,
}

/// How a list asks for its next page, read from the spec: the query parameter that carries the
/// page, which must be answered by its field of `result_info`.
#[derive(Debug, Clone, PartialEq)]
pub struct Paging {
    pub scheme: PageScheme,
    /// The parameter that asks for a page (`page_token`, `cursor`, `page`).
    pub param: Param,
    /// A page number's page size (`per_page`), when the list has one.
    pub per_page: Option<Param>,
}

/// The three ways the spec's lists page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageScheme {
    PageToken,
    Cursor,
    PageNumber,
}

impl PageScheme {
    /// Each scheme: its variant's name in the runtime, the query parameter that asks for a page,
    /// and the field of `result_info` that answers it.
    pub const ALL: [(PageScheme, &'static str, &'static str, &'static str); 3] = [
        (PageScheme::PageToken, "PageToken", "page_token", "next_page_token"),
        (PageScheme::Cursor, "Cursor", "cursor", "cursor"),
        (PageScheme::PageNumber, "PageNumber", "page", "total_pages"),
    ];

    /// The runtime's name of the scheme.
    pub fn variant(self) -> &'static str {
        Self::ALL.iter().find(|(s, ..)| *s == self).map_or("PageToken", |(_, v, ..)| v)
    }
}

/// A limit the spec states: a body array's `maxItems`, or the longest date
/// range its description names. Emitted as a constant of the operation, so
/// that the server (the mock) checks what the spec says and a user can split
/// or size a request by it; the client sends what it is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    /// The constant's name (`MEMBERS_MAX_ITEMS`, `MAX_RANGE_DAYS`).
    pub name: String,
    /// Its Rust type (`usize` for a count of items, `i64` for days, as chrono counts them).
    pub rust_type: &'static str,
    pub value: u64,
    /// What it limits, and where the spec says so.
    pub doc: String,
}

/// One path or query parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The name on the wire (`user.email.startsWith`).
    pub name: String,
    /// The Rust field name (`user_email_starts_with`).
    pub rust: String,
    pub required: bool,
    /// An array: one `name=value` pair per value.
    pub repeated: bool,
    pub kind: Kind,
    pub description: Option<String>,
    /// The spec's `default` for a value left out (the server's, which it applies):
    /// the schema's `default`, or for an integer the description's "Defaults to N."
    pub default: Option<Value>,
    /// Whether `default` was read from the description's prose.
    pub default_in_prose: bool,
}

/// What one value of a parameter is.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Text,
    Date,
    DateTime,
    Integer {
        minimum: Option<i64>,
        maximum: Option<i64>,
    },
    Number {
        minimum: Option<f64>,
        maximum: Option<f64>,
    },
    Boolean,
    /// A string with the spec's `enum` values.
    Enum(Vec<String>),
}

/// A JSON request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The component its schema names (`organizations-api_Profile`), if any.
    pub component: Option<String>,
    /// The Rust type progenitor generates for it.
    pub rust: String,
    pub required: bool,
    /// Its writable scalar leaves (objects opened, `readOnly` and arrays left out), each of which
    /// the CLI offers as a flag: `parent.id`, `member.user.email`.
    pub fields: Vec<BodyField>,
}

/// A writable scalar of a request body, by its dotted path.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyField {
    /// `parent.id`.
    pub path: String,
    pub kind: Kind,
    /// Required in its object, and each object above it required in its own.
    pub required: bool,
    /// Settable on its own: every object on its path is there already (required all the way) or
    /// holds no other required field, so giving this one field makes a valid body.
    pub alone: bool,
    pub description: Option<String>,
}

impl Operation {
    /// `GET`, `POST`, ...
    pub fn http_method(&self) -> String {
        self.method.to_uppercase()
    }
}

/// Every operation of the (normalized) spec, in document order.
pub fn operations(spec: &Spec) -> Result<Vec<Operation>> {
    let reader = Reader { spec };
    spec.operations()?.into_iter().map(|op| reader.operation(&op.path, &op.method, &op.pointer)).collect()
}

/// A Rust type name as typify makes one: PascalCase, anything not an
/// identifier character a word break.
pub fn pascal(name: &str) -> String {
    use heck::ToPascalCase;
    ident(name.replace('\'', "").replace(|c: char| !(c.is_alphanumeric() || c == '_'), "-").to_pascal_case())
}

/// A Rust field name: snake_case, as typify makes one.
pub fn snake(name: &str) -> String {
    use heck::ToSnakeCase;
    ident(name.replace('\'', "").replace(|c: char| !(c.is_alphanumeric() || c == '_'), "-").to_snake_case())
}

fn ident(name: String) -> String {
    let name = match name.chars().next() {
        Some(c) if c.is_alphabetic() || c == '_' => name,
        _ => format!("x{name}"),
    };
    if syn::parse_str::<syn::Ident>(&name).is_ok() && name != "_" { name } else { format!("{name}_") }
}

struct Reader<'a> {
    spec: &'a Spec,
}

impl Reader<'_> {
    fn error(&self, pointer: &str, message: impl Into<String>) -> Error {
        Error::pointer(&self.spec.path, pointer, message)
    }

    /// Follows `$ref`s; returns the target and the pointer it was found at.
    fn resolve<'v>(&'v self, value: &'v Value, pointer: String) -> Result<(&'v Value, String)> {
        Document(&self.spec.doc).follow(value, pointer).map_err(|e| self.error(&e.at, e.message))
    }

    fn operation(&self, path: &str, method: &str, pointer: &str) -> Result<Operation> {
        let item_ptr = format!("/paths/{}", escape_token(path));
        let item = &self.spec.doc["paths"][path];
        let op = &item[method];
        let id = op["operationId"].as_str().unwrap_or_default().to_string();
        let mut path_params = Vec::new();
        let mut query = Vec::new();
        let shared = item.get("parameters").and_then(Value::as_array).map(|a| (a, format!("{item_ptr}/parameters")));
        let own = op.get("parameters").and_then(Value::as_array).map(|a| (a, format!("{pointer}/parameters")));
        for (list, list_ptr) in shared.into_iter().chain(own) {
            for (i, raw) in list.iter().enumerate() {
                let (param, at) = self.resolve(raw, format!("{list_ptr}/{i}"))?;
                let location = param["in"].as_str().unwrap_or_default();
                let parsed = self.param(param, &at)?;
                match location {
                    "path" => path_params.push(parsed),
                    "query" => query.push(parsed),
                    "header" | "cookie" => {
                        return Err(
                            self.error(&at, format!("{location} parameters are not supported by the request layer"))
                        );
                    }
                    other => {
                        return Err(self.error(&format!("{at}/in"), format!("unknown parameter location `{other}`")));
                    }
                }
            }
        }
        for p in &path_params {
            if !path.contains(&format!("{{{}}}", p.name)) {
                return Err(self.error(pointer, format!("path parameter `{}` is not in the path {path}", p.name)));
            }
        }
        let mut responses = Vec::new();
        let mut success = None;
        if let Some(all) = op.get("responses").and_then(Value::as_object) {
            for (status, response) in all {
                let at = format!("{pointer}/responses/{}", escape_token(status));
                let (response, _) = self.resolve(response, at.clone())?;
                let schema = response.pointer("/content/application~1json/schema");
                let component = schema.and_then(|s| Document(&self.spec.doc).schema_ref(s)).map(|c| c.name);
                if success.is_none() && status.starts_with('2') {
                    let code: u16 =
                        status.parse().map_err(|_| self.error(&at, format!("`{status}` is not a status")))?;
                    success = Some((code, code == 204 || schema.is_none()));
                }
                responses.push((status.clone(), component));
            }
        }
        let (success_status, no_content) =
            success.ok_or_else(|| self.error(&format!("{pointer}/responses"), "no 2xx response"))?;
        let paging = self.paging(&query, op, pointer)?;
        let security: Vec<Vec<String>> = op
            .get("security")
            .or_else(|| self.spec.doc.get("security"))
            .and_then(Value::as_array)
            .map(|alternatives| {
                alternatives
                    .iter()
                    .map(|schemes| schemes.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default();
        Ok(Operation {
            rust: pascal(&id),
            id,
            method: method.to_string(),
            path: path.to_string(),
            pointer: pointer.to_string(),
            summary: op.get("summary").and_then(Value::as_str).map(str::to_string),
            description: op.get("description").and_then(Value::as_str).map(str::to_string),
            credentials: security.iter().map(|schemes| self.credentials(schemes)).collect(),
            path_params,
            query,
            limits: self.limits(op, pointer)?,
            body: self.body(op, pointer)?,
            success_status,
            no_content,
            responses,
            security,
            schemas: self.schemas([
                (item.get("parameters").unwrap_or(&Value::Null), format!("{item_ptr}/parameters")),
                (op, pointer.to_string()),
            ])?,
            paging,
        })
    }

    /// How a list pages: the first of the schemes' parameters it takes (one value, optional),
    /// which its 2xx answer's `result_info` must answer; `None` for an operation that takes none.
    fn paging(&self, query: &[Param], op: &Value, pointer: &str) -> Result<Option<Paging>> {
        let found = PageScheme::ALL.iter().find_map(|(scheme, _, param, answer)| {
            query.iter().find(|p| p.name == *param && !p.repeated).map(|p| (*scheme, p, *answer))
        });
        let Some((scheme, param, answer)) = found else { return Ok(None) };
        let kind_fits = match scheme {
            PageScheme::PageNumber => matches!(param.kind, Kind::Integer { .. }),
            PageScheme::PageToken | PageScheme::Cursor => matches!(param.kind, Kind::Text),
        };
        if param.required || !kind_fits {
            return Err(self.error(
                pointer,
                format!("the page parameter `{}` is required or not of the kind its scheme takes", param.name),
            ));
        }
        let fields = self.result_info_fields(op, pointer)?;
        if !fields.iter().any(|f| f == answer) {
            return Err(self.error(
                pointer,
                format!(
                    "`{}` asks for a page, but the answer's result_info has no `{answer}` to say which is next",
                    param.name
                ),
            ));
        }
        let per_page = (scheme == PageScheme::PageNumber)
            .then(|| query.iter().find(|p| p.name == "per_page" && matches!(p.kind, Kind::Integer { .. })).cloned())
            .flatten();
        Ok(Some(Paging { scheme, param: param.clone(), per_page }))
    }

    /// The properties of the 2xx JSON answer's `result_info`.
    fn result_info_fields(&self, op: &Value, pointer: &str) -> Result<Vec<String>> {
        let responses = op.get("responses").and_then(Value::as_object);
        let Some((status, response)) = responses.and_then(|all| all.iter().find(|(s, _)| s.starts_with('2'))) else {
            return Ok(Vec::new());
        };
        let at = format!("{pointer}/responses/{}", escape_token(status));
        let (response, at) = self.resolve(response, at)?;
        let Some(schema) = response.pointer("/content/application~1json/schema") else { return Ok(Vec::new()) };
        let envelope = self.properties(schema, format!("{at}/content/application~1json/schema"), 0)?;
        match envelope.into_iter().find(|(name, ..)| name == "result_info") {
            Some((_, info, info_at)) => {
                Ok(self.properties(info, info_at, 0)?.into_iter().map(|(name, ..)| name).collect())
            }
            None => Ok(Vec::new()),
        }
    }

    /// A schema's properties, through `$ref`s and `allOf`: each name, its schema and pointer.
    fn properties<'v>(
        &'v self,
        schema: &'v Value,
        at: String,
        depth: usize,
    ) -> Result<Vec<(String, &'v Value, String)>> {
        let (schema, at) = self.resolve(schema, at)?;
        let mut out = Vec::new();
        if depth > 16 {
            return Ok(out); // a cycle through allOf: nothing new below
        }
        for (i, part) in schema.get("allOf").and_then(Value::as_array).into_iter().flatten().enumerate() {
            out.extend(self.properties(part, format!("{at}/allOf/{i}"), depth + 1)?);
        }
        for (name, property) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
            out.push((name.clone(), property, format!("{at}/properties/{}", escape_token(name))));
        }
        Ok(out)
    }

    /// One alternative of `security` in words: `` `api_email` + `api_key` (the
    /// `X-Auth-Email` and `X-Auth-Key` headers)``, `` `api_token` (`Authorization: Bearer`)``.
    fn credentials(&self, schemes: &[String]) -> String {
        let names: Vec<String> = schemes.iter().map(|s| format!("`{s}`")).collect();
        let (mut headers, mut other) = (Vec::new(), Vec::new());
        for name in schemes {
            let Some(scheme) = self.spec.doc.pointer(&format!("/components/securitySchemes/{name}")) else { continue };
            let text = |key: &str| scheme.get(key).and_then(Value::as_str);
            match (text("type"), text("in"), text("name"), text("scheme")) {
                (Some("apiKey"), Some("header"), Some(header), _) => headers.push(format!("`{header}`")),
                (Some("apiKey"), Some(place), Some(key), _) => other.push(format!("the `{key}` {place} parameter")),
                (Some("http"), _, _, Some(kind)) => {
                    let kind = kind[..1].to_uppercase() + &kind[1..];
                    other.push(format!("`Authorization: {kind}`"));
                }
                (Some(kind), ..) => other.push(kind.to_string()),
                _ => {}
            }
        }
        match headers.len() {
            0 => {}
            1 => other.insert(0, format!("the {} header", headers[0])),
            _ => other.insert(0, format!("the {} headers", headers.join(" and "))),
        }
        if other.is_empty() { names.join(" + ") } else { format!("{} ({})", names.join(" + "), other.join(", ")) }
    }

    /// The schema components named from `roots` (values and their pointers), following every `$ref`.
    fn schemas<'v>(
        &'v self,
        roots: impl IntoIterator<Item = (&'v Value, String)>,
    ) -> Result<std::collections::BTreeSet<String>> {
        let closure = Document(&self.spec.doc).closure(roots).map_err(|e| self.error(&e.at, e.message))?;
        Ok(closure.into_iter().filter(|(kind, _)| kind == "schemas").map(|(_, name)| name).collect())
    }

    fn param(&self, param: &Value, at: &str) -> Result<Param> {
        let name = param["name"].as_str().ok_or_else(|| self.error(at, "a parameter without a name"))?.to_string();
        let schema = param.get("schema").ok_or_else(|| self.error(at, format!("parameter `{name}` has no schema")))?;
        let (schema, schema_at) = self.resolve(schema, format!("{at}/schema"))?;
        let (repeated, kind) = if schema["type"] == "array" {
            let items = schema.get("items").ok_or_else(|| self.error(&schema_at, "an array without items"))?;
            let (items, items_at) = self.resolve(items, format!("{schema_at}/items"))?;
            (true, self.kind(items, &items_at)?)
        } else {
            (false, self.kind(schema, &schema_at)?)
        };
        // Some defaults are given only in prose ("The amount of items to return. Defaults to 10.").
        let prose = param.get("description").and_then(Value::as_str).and_then(prose_default);
        let integral = matches!(kind, Kind::Integer { .. });
        let (default, default_in_prose) = match (schema.get("default"), prose) {
            (Some(default), _) => (Some(default.clone()), false),
            (None, Some(n)) if integral => (Some(Value::from(n)), true),
            _ => (None, false),
        };
        Ok(Param {
            rust: snake(&name),
            required: param["required"] == true,
            repeated,
            kind,
            description: param.get("description").and_then(Value::as_str).map(str::to_string),
            default,
            default_in_prose,
            name,
        })
    }

    fn kind(&self, schema: &Value, at: &str) -> Result<Kind> {
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            let values: Option<Vec<String>> = values.iter().map(|v| v.as_str().map(str::to_string)).collect();
            return values.map(Kind::Enum).ok_or_else(|| self.error(at, "an enum of values that are not all strings"));
        }
        let int = |key: &str| schema.get(key).and_then(Value::as_i64);
        let num = |key: &str| schema.get(key).and_then(Value::as_f64);
        match (schema["type"].as_str(), schema["format"].as_str()) {
            (Some("string"), Some("date")) => Ok(Kind::Date),
            (Some("string"), Some("date-time")) => Ok(Kind::DateTime),
            (Some("string"), _) => Ok(Kind::Text),
            (Some("integer"), _) => Ok(Kind::Integer { minimum: int("minimum"), maximum: int("maximum") }),
            (Some("number"), _) => Ok(Kind::Number { minimum: num("minimum"), maximum: num("maximum") }),
            (Some("boolean"), _) => Ok(Kind::Boolean),
            (other, _) => Err(self.error(at, format!("a query or path value of type {other:?} is not supported"))),
        }
    }

    /// The body's top-level arrays with `maxItems`, and "The maximum date range
    /// is N days." in the description (the spec gives that limit only in prose).
    fn limits(&self, op: &Value, pointer: &str) -> Result<Vec<Limit>> {
        let mut limits = Vec::new();
        if let Some(schema) = op.pointer("/requestBody/content/application~1json/schema") {
            let (schema, _) =
                self.resolve(schema, format!("{pointer}/requestBody/content/application~1json/schema"))?;
            for (name, property) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
                if let Some(max) = property.get("maxItems").and_then(Value::as_u64) {
                    limits.push(Limit {
                        name: format!("{}_MAX_ITEMS", snake(name).trim_end_matches('_').to_uppercase()),
                        rust_type: "usize",
                        value: max,
                        doc: format!("The most items the body's `{name}` holds (the spec's `maxItems`)."),
                    });
                }
            }
        }
        let description = op.get("description").and_then(Value::as_str).unwrap_or_default();
        if let Some(days) = description
            .split("maximum date range is ")
            .nth(1)
            .and_then(|rest| rest.split_once(" days"))
            .and_then(|(n, _)| n.trim().parse().ok())
        {
            limits.push(Limit {
                name: "MAX_RANGE_DAYS".into(),
                rust_type: "i64",
                value: days,
                doc: format!("The longest date range, in days (the spec's description: \"The maximum date range is {days} days.\")."),
            });
        }
        Ok(limits)
    }

    fn body(&self, op: &Value, pointer: &str) -> Result<Option<Body>> {
        let Some(body) = op.get("requestBody") else { return Ok(None) };
        let at = format!("{pointer}/requestBody");
        let (body, _) = self.resolve(body, at.clone())?;
        let Some(schema) = body.pointer("/content/application~1json/schema") else {
            return Err(self.error(&at, "a request body without an application/json schema"));
        };
        let component = Document(&self.spec.doc).schema_ref(schema).map(|c| c.name);
        let id = op["operationId"].as_str().unwrap_or_default();
        // progenitor names an inline body `<operationId>Body`.
        let rust = component.as_deref().map_or_else(|| pascal(&format!("{id}-body")), pascal);
        let mut fields = Vec::new();
        let at = format!("{at}/content/application~1json/schema");
        self.body_fields(schema, &at, "", (true, true), 0, &mut fields)?;
        Ok(Some(Body { component, rust, required: body["required"] == true, fields }))
    }

    /// The writable scalar leaves under `schema`, objects opened up to a few levels.
    fn body_fields(
        &self,
        schema: &Value,
        at: &str,
        prefix: &str,
        (required, alone): (bool, bool),
        depth: usize,
        out: &mut Vec<BodyField>,
    ) -> Result<()> {
        let (schema, at) = self.resolve(schema, at.to_string())?;
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else { return Ok(()) };
        let required_here: Vec<&str> =
            schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        for (name, property) in properties {
            let here = format!("{at}/properties/{}", escape_token(name));
            let (resolved, resolved_at) = self.resolve(property, here)?;
            if property.get("readOnly") == Some(&Value::Bool(true))
                || resolved.get("readOnly") == Some(&Value::Bool(true))
            {
                continue;
            }
            let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}.{name}") };
            // This object is there already, or this field is all it requires.
            let alone = alone && (required || required_here.iter().all(|r| *r == name.as_str()));
            let required = required && required_here.contains(&name.as_str());
            match resolved["type"].as_str() {
                Some("object") if depth < 3 => {
                    self.body_fields(resolved, &resolved_at, &path, (required, alone), depth + 1, out)?
                }
                Some("string" | "integer" | "number" | "boolean") => {
                    let kind = self.kind(resolved, &resolved_at)?;
                    let description =
                        property.get("description").or_else(|| resolved.get("description")).and_then(Value::as_str);
                    let description = description.map(str::to_string);
                    out.push(BodyField { path, kind, required, alone, description });
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// `#/components/schemas/x` → `x`.
/// The `N` of "Defaults to N." in a description.
fn prose_default(description: &str) -> Option<i64> {
    let rest = description.split("Defaults to ").nth(1)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    rest[digits.len()..].starts_with('.').then_some(())?;
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A list with `param` (of `ty`) answered by an envelope whose `result_info` has `fields`
    /// (through a `$ref` and an `allOf`, as Cloudflare's lists are written).
    fn list(param: &str, ty: &str, fields: &[&str]) -> crate::Result<Option<Paging>> {
        let info: serde_json::Map<String, Value> = fields.iter().map(|f| (f.to_string(), json!({}))).collect();
        let spec = Spec::from_value(
            "fixture.json",
            json!({
                "openapi": "3.0.3",
                "info": { "title": "t", "version": "1" },
                "paths": { "/things": { "get": {
                    "operationId": "list",
                    "parameters": [{ "name": param, "in": "query", "schema": { "type": ty } }],
                    "responses": { "200": { "description": "ok", "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/Page" } } } } }
                } } },
                "components": { "schemas": {
                    "Envelope": { "properties": { "success": { "type": "boolean" } } },
                    "Page": { "allOf": [
                        { "$ref": "#/components/schemas/Envelope" },
                        { "properties": { "result_info": { "properties": info } } }
                    ] }
                } }
            }),
        )
        .unwrap();
        operations(&spec).map(|ops| ops[0].paging.clone())
    }

    #[test]
    fn a_lists_paging_is_read_from_its_parameter_and_its_result_info() {
        let scheme = |param, ty, fields: &[&str]| list(param, ty, fields).unwrap().map(|p| p.scheme);
        assert_eq!(scheme("page_token", "string", &["next_page_token", "total_size"]), Some(PageScheme::PageToken));
        assert_eq!(scheme("cursor", "string", &["cursor", "count"]), Some(PageScheme::Cursor));
        assert_eq!(scheme("page", "integer", &["page", "total_pages"]), Some(PageScheme::PageNumber));
        assert_eq!(scheme("name", "string", &[]), None, "no page parameter: no list");
        let loud = list("page_token", "string", &["total_size"]).unwrap_err().to_string();
        assert!(loud.contains("has no `next_page_token`") && loud.contains("/paths/~1things/get"), "{loud}");
        let loud = list("page", "string", &["total_pages"]).unwrap_err().to_string();
        assert!(loud.contains("not of the kind its scheme takes"), "{loud}");
    }

    #[test]
    fn a_default_given_in_prose_is_read_for_an_integer_only() {
        assert_eq!(prose_default("The amount of items to return. Defaults to 10."), Some(10));
        assert_eq!(prose_default("Defaults to this month."), None);
        assert_eq!(prose_default("Defaults to 10 items"), None);
        let spec = Spec::from_value(
            "fixture.json",
            serde_json::json!({
                "openapi": "3.0.3",
                "info": { "title": "t", "version": "1" },
                "paths": { "/things": { "get": {
                    "operationId": "list",
                    "parameters": [
                        { "name": "page_size", "in": "query", "description": "Items. Defaults to 10.", "schema": { "type": "integer" } },
                        { "name": "limit", "in": "query", "description": "Defaults to 10.", "schema": { "type": "integer", "default": 100 } },
                        { "name": "name", "in": "query", "description": "Defaults to 10.", "schema": { "type": "string" } }
                    ],
                    "responses": { "204": { "description": "none" } }
                } } }
            }),
        )
        .unwrap();
        let op = &operations(&spec).unwrap()[0];
        let defaults: Vec<_> = op.query.iter().map(|p| (p.default.clone(), p.default_in_prose)).collect();
        assert_eq!(
            defaults,
            [(Some(serde_json::json!(10)), true), (Some(serde_json::json!(100)), false), (None, false)],
            "prose only where the schema gives none, and only for an integer"
        );
    }

    #[test]
    fn limits_come_from_max_items_and_the_descriptions_date_range() {
        let doc = json!({
            "openapi": "3.0.3", "info": { "title": "t", "version": "1" },
            "paths": {
                "/batch": { "post": {
                    "operationId": "batch",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": {
                        "type": "object",
                        "properties": { "members": { "type": "array", "items": { "type": "string" }, "maxItems": 10 },
                                        "tags": { "type": "array", "items": { "type": "string" } } }
                    } } } },
                    "responses": { "200": { "description": "ok" } }
                } },
                "/usage": { "get": {
                    "operationId": "usage",
                    "description": "Defaults to this month.\nThe maximum date range is 31 days.\n",
                    "responses": { "200": { "description": "ok" } }
                } }
            }
        });
        let spec = Spec::from_value("t.json", doc).unwrap();
        let ops = operations(&spec).unwrap();
        let limits: Vec<(&str, &str, u64)> =
            ops.iter().flat_map(|o| &o.limits).map(|l| (l.name.as_str(), l.rust_type, l.value)).collect();
        assert_eq!(limits, [("MEMBERS_MAX_ITEMS", "usize", 10), ("MAX_RANGE_DAYS", "i64", 31)]);
    }
}
