//! What the generated commands (`generated.rs`) are built on: reading a flag
//! as its parameter's type, a path parameter, a `--body`, and the shape of
//! one operation's entry.

use std::future::Future;
use std::pin::Pin;

use cf_orgs::Response;
use cf_orgs::generated::operations::Operation;
use cf_orgs_gen::runtime::{Endpoint, QueryValue};
use clap::{ArgMatches, Command};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A request on its way: the answer's `result` as JSON, with its meta.
pub(crate) type Sent = Pin<Box<dyn Future<Output = cf_orgs::Result<Response<Value>>> + Send>>;

/// An operation built from the flags: what it would send (for `--dry-run`), and the request,
/// which sends nothing until it is awaited.
pub(crate) struct Prepared {
    pub preview: cf_orgs::Result<cf_orgs::RequestPreview>,
    pub sent: Sent,
}

/// The operation, ready to send through cf-orgs.
pub(crate) fn prepare<E: Endpoint>(client: &cf_orgs::Client, op: &E) -> Prepared {
    Prepared { preview: client.preview_endpoint(op), sent: Box::pin(client.send_endpoint(op)) }
}

/// One operation of the spec as a command: its operation, its clap command, and how it is sent.
#[derive(Clone, Copy)]
pub(crate) struct OperationCommand {
    pub operation: Operation,
    /// Where it goes in the tree (`["org", "list"]`), from the surface map.
    pub place: &'static [&'static str],
    pub command: fn() -> Command,
    /// Sends it; with `Some(token)`, the list's page that token names.
    pub send: fn(&cf_orgs::Client, &ArgMatches, Option<&str>) -> Result<Prepared, Invalid>,
    /// The query parameter (its wire name) that carries a list's next page, for lists.
    pub paging: Option<&'static str>,
}

/// A flag whose value cannot be read (a usage error: nothing is sent).
#[derive(Debug)]
pub(crate) struct Invalid {
    pub what: String,
    pub message: String,
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.what, self.message)
    }
}

/// A flag's text as its parameter's type; the flag's id is its long name.
fn parse<T: QueryValue>(flag: &str, text: &str) -> Result<T, Invalid> {
    T::from_query(text).map_err(|message| Invalid { what: format!("--{flag} {text:?}"), message })
}

/// An optional flag.
pub(crate) fn one<T: QueryValue>(m: &ArgMatches, flag: &str) -> Result<Option<T>, Invalid> {
    m.get_one::<String>(flag).map(|text| parse(flag, text)).transpose()
}

/// A repeatable flag.
pub(crate) fn many<T: QueryValue>(m: &ArgMatches, flag: &str) -> Result<Vec<T>, Invalid> {
    m.get_many::<String>(flag).into_iter().flatten().map(|text| parse(flag, text)).collect()
}

/// A required flag (clap has checked it is there).
pub(crate) fn required<T: QueryValue>(m: &ArgMatches, flag: &str) -> Result<T, Invalid> {
    one(m, flag)?.ok_or_else(|| Invalid { what: format!("--{flag}"), message: "is required".into() })
}

/// A next page's token (or page number) as its parameter's type.
pub(crate) fn token<T: QueryValue>(flag: &str, text: &str) -> Result<T, Invalid> {
    parse(flag, text)
}

/// A path parameter (positional; clap has checked it is there).
pub(crate) fn path(m: &ArgMatches, id: &str) -> Result<String, Invalid> {
    m.get_one::<String>(id).cloned().ok_or_else(|| Invalid { what: id.to_uppercase(), message: "is required".into() })
}

/// `--body FILE` (or `-`, standard input) as the operation's body type.
pub(crate) fn body<T: DeserializeOwned>(m: &ArgMatches) -> Result<T, Invalid> {
    optional_body(m)?.ok_or_else(|| Invalid { what: "--body".into(), message: "is required".into() })
}

/// An optional `--body`.
pub(crate) fn optional_body<T: DeserializeOwned>(m: &ArgMatches) -> Result<Option<T>, Invalid> {
    let Some(source) = m.get_one::<String>("body") else { return Ok(None) };
    let text = read_body(source)?;
    serde_json::from_slice(&text)
        .map(Some)
        .map_err(|e| Invalid { what: format!("--body {source}"), message: format!("not the operation's body: {e}") })
}

/// A body's bytes from a file, or standard input for `-`.
pub(crate) fn read_body(source: &str) -> Result<Vec<u8>, Invalid> {
    use std::io::Read;
    let invalid =
        |e: std::io::Error| Invalid { what: format!("--body {source}"), message: format!("cannot read: {e}") };
    if source == "-" {
        let mut out = Vec::new();
        std::io::stdin().read_to_end(&mut out).map_err(invalid)?;
        Ok(out)
    } else {
        std::fs::read(source).map_err(invalid)
    }
}

/// The JSON type of a body field's flag.
#[derive(Debug, Clone, Copy)]
#[allow(dead_code, reason = "the generated code uses the types the spec's bodies have; today they are strings")]
pub(crate) enum Json {
    String,
    Integer,
    Number,
    Boolean,
}

/// A body field given by a flag or an argument of its own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyFlag {
    /// Its path in the body: `parent.id`.
    pub path: &'static str,
    /// Its arg's id: `parent-id`.
    pub id: &'static str,
    /// What the operator types: `--parent`, or `NAME` for an argument.
    pub shown: &'static str,
    pub json: Json,
}

/// A body from `--body`, or from the body's flags and arguments, read as the operation's body
/// type: a missing required field is named by serde, before anything is sent.
pub(crate) fn flat_body<T: DeserializeOwned>(m: &ArgMatches, fields: &[BodyFlag]) -> Result<T, Invalid> {
    if m.contains_id("body") && m.get_one::<String>("body").is_some() {
        return body(m);
    }
    let mut object = serde_json::Map::new();
    for BodyFlag { path, id, shown, json } in fields {
        let Some(text) = m.get_one::<String>(id) else { continue };
        let bad = |what: &str| Invalid { what: format!("{shown} {text:?}"), message: format!("not {what}") };
        let value = match json {
            Json::String => Value::String(text.clone()),
            Json::Integer => Value::from(text.parse::<i64>().map_err(|_| bad("an integer"))?),
            Json::Number => serde_json::Number::from_f64(text.parse::<f64>().map_err(|_| bad("a number"))?)
                .map(Value::Number)
                .ok_or_else(|| bad("a finite number"))?,
            Json::Boolean => Value::Bool(text.parse::<bool>().map_err(|_| bad("true or false"))?),
        };
        crate::fields::insert(&mut object, path, value);
    }
    let given: Vec<&str> = fields.iter().map(|f| f.shown).collect();
    serde_json::from_value(Value::Object(object)).map_err(|e| Invalid {
        what: "the body".into(),
        message: format!("{e} (give --body FILE, or {})", given.join(", ")),
    })
}

/// An optional body, from `--body` or the body's flags (none when neither is given).
#[allow(dead_code, reason = "for an optional body with flags, which the spec has none of today")]
pub(crate) fn optional_flat_body<T: DeserializeOwned>(
    m: &ArgMatches,
    fields: &[BodyFlag],
) -> Result<Option<T>, Invalid> {
    let given = m.get_one::<String>("body").is_some() || fields.iter().any(|f| m.get_one::<String>(f.id).is_some());
    given.then(|| flat_body(m, fields)).transpose()
}
