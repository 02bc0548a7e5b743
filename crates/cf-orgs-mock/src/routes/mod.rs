//! The 17 operations, one module per resource, and what every handler shares:
//! the request context (credentials, ray id) and query parsing.

pub mod accounts;
pub mod audit;
pub mod members;
pub mod organizations;
pub mod profile;
pub mod shares;
pub mod usage;

use std::sync::{Arc, MutexGuard};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method};
use chrono::{DateTime, Utc};

use crate::Shared;
use crate::auth::{Security, authenticate};
use crate::envelope::Failure;
use crate::paging;
use crate::state::{Actor, AuditEntry, Raw, World};

/// The ray id the outer middleware gave this request.
#[derive(Debug, Clone)]
pub struct Ray(pub String);

/// What every handler needs from the request besides its body.
pub struct Ctx {
    headers: HeaderMap,
    method: Method,
    uri: String,
    ray: String,
    pub query: Query,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Failure> {
        let ray = parts.extensions.get::<Ray>().map(|r| r.0.clone()).unwrap_or_default();
        Ok(Self {
            headers: parts.headers.clone(),
            method: parts.method.clone(),
            uri: parts.uri.path().strip_prefix(crate::BASE_PATH).unwrap_or(parts.uri.path()).to_string(),
            ray,
            query: Query::parse(parts.uri.query().unwrap_or("")),
        })
    }
}

impl Ctx {
    /// Authenticates against the operation's `security` list.
    pub fn actor(&self, shared: &Shared, security: Security) -> Result<Actor, Failure> {
        authenticate(&self.headers, &shared.creds, security)
    }

    /// Appends an audit entry for a change this request made.
    pub fn audit(&self, world: &mut World, actor: &Actor, change: Change<'_>) {
        let id = world.ids.uuid();
        let user_agent = self.headers.get("user-agent").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        world.audit.push(AuditEntry {
            id,
            org: change.org.to_string(),
            time: now(),
            action_type: change.action,
            description: change.description.to_string(),
            actor: actor.clone(),
            raw: Raw {
                method: self.method.to_string(),
                uri: self.uri.clone(),
                ray: self.ray.clone(),
                user_agent,
                status: change.status,
            },
            resource_id: change.resource_id.to_string(),
            resource_type: change.resource_type,
        });
    }
}

/// One change, as the audit log records it.
pub struct Change<'a> {
    pub org: &'a str,
    pub action: &'static str,
    pub description: &'a str,
    pub resource_id: &'a str,
    pub resource_type: &'static str,
    pub status: u16,
}

pub fn now() -> DateTime<Utc> {
    // Whole seconds, as the API prints them, so filters on printed times match.
    let t = Utc::now();
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}

pub fn world(shared: &Arc<Shared>) -> MutexGuard<'_, World> {
    shared.world.lock().unwrap_or_else(|p| p.into_inner())
}

/// The decoded query string, in order, repeated keys kept.
#[derive(Debug, Clone, Default)]
pub struct Query(pub Vec<(String, String)>);

impl Query {
    fn parse(raw: &str) -> Self {
        Self(form_urlencoded::parse(raw.as_bytes()).into_owned().collect())
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }

    /// One page of `items` by `page_token` / `page_size`, with the spec's `result_info`.
    pub fn token_page<T>(&self, items: Vec<T>) -> Result<(Vec<T>, serde_json::Value), Failure> {
        let size = paging::page_size(self.get("page_size"))?;
        let filters = paging::fingerprint(&self.0, &["page_token", "page_size"]);
        let offset = match self.get("page_token") {
            Some(token) if !token.is_empty() => paging::decode(token, filters)?,
            _ => 0,
        };
        let total = items.len();
        let page: Vec<T> = items.into_iter().skip(offset).take(size).collect();
        let mut info = serde_json::json!({ "total_size": total });
        if offset + page.len() < total {
            info["next_page_token"] = serde_json::json!(paging::encode(offset + page.len(), filters));
        }
        Ok((page, info))
    }
}

/// Case-insensitive text filters: `name`, `name.startsWith`, `name.endsWith`,
/// `name.contains`; read from the query once, then matched against each item.
pub struct TextFilter {
    exact: Option<String>,
    exact_case_sensitive: bool,
    starts: Option<String>,
    ends: Option<String>,
    contains: Option<String>,
}

impl TextFilter {
    pub fn new(query: &Query, field: &str, exact_case_sensitive: bool) -> Self {
        let lower = |key: String| query.get(&key).map(str::to_lowercase);
        Self {
            exact: query.get(field).map(|v| if exact_case_sensitive { v.to_string() } else { v.to_lowercase() }),
            exact_case_sensitive,
            starts: lower(format!("{field}.startsWith")),
            ends: lower(format!("{field}.endsWith")),
            contains: lower(format!("{field}.contains")),
        }
    }

    pub fn matches(&self, value: &str) -> bool {
        if self.exact.is_none() && self.starts.is_none() && self.ends.is_none() && self.contains.is_none() {
            return true;
        }
        let lower = value.to_lowercase();
        let exact =
            self.exact.as_deref().is_none_or(|v| if self.exact_case_sensitive { v == value } else { v == lower });
        exact
            && self.starts.as_deref().is_none_or(|v| lower.starts_with(v))
            && self.ends.as_deref().is_none_or(|v| lower.ends_with(v))
            && self.contains.as_deref().is_none_or(|v| lower.contains(v))
    }
}

/// A 404 for an organization that does not exist.
pub fn no_org(id: &str) -> Failure {
    Failure::no_org(id)
}

pub use crate::auth::Security::{EmailKey, TokenOrEmailKey};
