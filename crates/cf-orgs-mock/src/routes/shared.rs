//! What every handler shares: the request context (its operation, credentials, ray id, the
//! query read by the operation's generated query type), audit writing, paging and filters.

use std::sync::{Arc, MutexGuard};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method};
use cf_orgs_gen::operations::Operation as Op;
use cf_orgs_gen::runtime::Query;
use chrono::{DateTime, Utc};

use crate::auth::{Security, authenticate};
use crate::envelope::Failure;
use crate::namespace::Space;
use crate::paging;
use crate::shared::Shared;
use crate::world::{Actor, AuditEntry, NewAudit, Organization, Raw, World, audit_log};

/// The ray id the outer middleware gave this request.
#[derive(Debug, Clone)]
pub struct Ray(pub String);

/// What every handler needs from the request besides its body.
pub struct Ctx {
    op: Op,
    /// The request's namespace.
    space: Arc<Space>,
    headers: HeaderMap,
    method: Method,
    uri: String,
    ray: String,
    /// The decoded query string, in order, repeated keys kept.
    pairs: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Failure> {
        let ray = parts.extensions.get::<Ray>().map(|r| r.0.clone()).unwrap_or_default();
        let op = *parts.extensions.get::<Op>().ok_or_else(|| Failure::bad_request("no operation for this route"))?;
        let space =
            parts.extensions.get::<Arc<Space>>().cloned().ok_or_else(|| Failure::bad_request("no namespace"))?;
        let query = parts.uri.query().unwrap_or("");
        Ok(Self {
            op,
            space,
            headers: parts.headers.clone(),
            method: parts.method.clone(),
            uri: parts.uri.path().strip_prefix(crate::BASE_PATH).unwrap_or(parts.uri.path()).to_string(),
            ray,
            pairs: form_urlencoded::parse(query.as_bytes()).into_owned().collect(),
        })
    }
}

impl Ctx {
    /// The namespace's world.
    pub fn world(&self) -> MutexGuard<'_, World> {
        self.space.world()
    }

    /// The namespace's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.space.now()
    }

    /// Authenticates against the operation's `security` list in the spec.
    pub fn actor(&self, shared: &Shared) -> Result<Actor, Failure> {
        authenticate(&self.headers, &shared.creds, Security::of(self.op.security()))
    }

    /// The query, read as the operation's generated query type reads it: an
    /// unknown parameter, a malformed value, or one outside the spec's enum or
    /// range is a 400.
    pub fn query<Q: Query>(&self) -> Result<Q, Failure> {
        Q::from_pairs(&self.pairs).map_err(|e| Failure::bad_request(e.to_string()))
    }

    /// Appends an audit entry for a change this request made.
    pub fn audit(&self, world: &mut World, actor: &Actor, change: Change<'_>) {
        let id = world.ids.uuid();
        let user_agent = self.headers.get("user-agent").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        let time = self.now();
        let made = NewAudit {
            id: id.clone(),
            org: change.org.to_string(),
            time,
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
        };
        world.audit.push(AuditEntry {
            id,
            org: change.org.to_string(),
            time,
            resource_id: change.resource_id.to_string(),
            log: audit_log(&made),
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

/// One page of `items` by page token and page size (the spec's range already
/// checked; 0 or none is the list's `default` size, the spec's), with the
/// spec's `result_info`. `filters` fingerprints the query without its paging
/// parameters.
pub fn token_page<T>(
    items: Vec<T>,
    token: Option<&str>,
    (size, default): (Option<i64>, i64),
    filters: u64,
) -> Result<(Vec<T>, cf_orgs_gen::types::OrganizationsApiPageTokenResultInfo), Failure> {
    let size = match size {
        None | Some(0) => default,
        Some(n) => n,
    };
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    let offset = match token {
        Some(token) if !token.is_empty() => paging::decode(token, filters)?,
        _ => 0,
    };
    let total = items.len();
    let page: Vec<T> = items.into_iter().skip(offset).take(size).collect();
    let next = (offset + page.len() < total).then(|| paging::encode(offset + page.len(), filters));
    let info = cf_orgs_gen::types::OrganizationsApiPageTokenResultInfo {
        next_page_token: next,
        total_size: i64::try_from(total).ok(),
    };
    Ok((page, info))
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
    /// The four filters of one field, from the query's typed values.
    pub fn new(
        exact: &Option<String>,
        starts: &Option<String>,
        ends: &Option<String>,
        contains: &Option<String>,
        exact_case_sensitive: bool,
    ) -> Self {
        let lower = |v: &Option<String>| v.as_deref().map(str::to_lowercase);
        Self {
            exact: exact.as_deref().map(|v| if exact_case_sensitive { v.to_string() } else { v.to_lowercase() }),
            exact_case_sensitive,
            starts: lower(starts),
            ends: lower(ends),
            contains: lower(contains),
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

/// The world's lookups as the API answers a miss.
pub trait Require {
    /// The organization, or the 404 for one that does not exist.
    fn require_org(&self, id: &str) -> Result<&Organization, Failure>;
}

impl Require for World {
    fn require_org(&self, id: &str) -> Result<&Organization, Failure> {
        self.orgs.get(id).ok_or_else(|| Failure::no_org(id))
    }
}
