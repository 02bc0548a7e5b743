//! An organization's audit logs: `client.organization(&id).audit_logs()`.

use chrono::{DateTime, Days, NaiveDate, SecondsFormat, Utc};
use futures_core::Stream;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::query::{Direction, Query};
use super::{ListSpec, path_with};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::ids::OrganizationId;
use crate::pagination::{Page, Scheme, items};

/// How far back a list reaches when `since` is not set.
pub const DEFAULT_WINDOW_DAYS: u64 = 30;

/// One audit log entry. Every field is optional, as in the spec; fields this
/// version does not know are kept in `other`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditLogEntry {
    /// The entry's id (a UUID).
    #[serde(default)]
    pub id: Option<String>,
    /// What was done.
    #[serde(default)]
    pub action: Option<AuditAction>,
    /// Who did it.
    #[serde(default)]
    pub actor: Option<AuditActor>,
    /// The organization it happened in.
    #[serde(default)]
    pub organization: Option<AuditOrganization>,
    /// The raw request and response.
    #[serde(default)]
    pub raw: Option<AuditRaw>,
    /// What it was done to.
    #[serde(default)]
    pub resource: Option<AuditResource>,
    /// Fields this version does not know, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// [`AuditLogEntry::action`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditAction {
    /// A short description (e.g. "Add Member").
    #[serde(default)]
    pub description: Option<String>,
    /// `success` or `failure`.
    #[serde(default)]
    pub result: Option<String>,
    /// When.
    #[serde(default)]
    pub time: Option<DateTime<Utc>>,
    /// `create`, `delete`, `view` or `update`.
    #[serde(rename = "type", default)]
    pub action_type: Option<String>,
}

/// [`AuditLogEntry::actor`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditActor {
    /// `api_key`, `api_token`, `dash`, `oauth` or `origin_ca_key`.
    #[serde(default)]
    pub context: Option<String>,
    /// The actor's email.
    #[serde(default)]
    pub email: Option<String>,
    /// The actor's user id.
    #[serde(default)]
    pub id: Option<String>,
    /// Where the request came from.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// The API token's id, for token actors.
    #[serde(default)]
    pub token_id: Option<String>,
    /// The API token's name, for token actors.
    #[serde(default)]
    pub token_name: Option<String>,
    /// `cloudflare_admin`, `system` or `user`.
    #[serde(rename = "type", default)]
    pub actor_type: Option<String>,
}

/// [`AuditLogEntry::organization`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditOrganization {
    /// The organization's id.
    #[serde(default)]
    pub id: Option<String>,
}

/// [`AuditLogEntry::raw`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditRaw {
    /// The request's cf-ray id.
    #[serde(default)]
    pub cf_ray_id: Option<String>,
    /// The HTTP method.
    #[serde(default)]
    pub method: Option<String>,
    /// The answer's status (an `integer` in the spec, unbounded: not narrowed).
    #[serde(default)]
    pub status_code: Option<i64>,
    /// The request's URI.
    #[serde(default)]
    pub uri: Option<String>,
    /// The client's user agent.
    #[serde(default)]
    pub user_agent: Option<String>,
}

/// [`AuditLogEntry::resource`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditResource {
    /// The resource's id.
    #[serde(default)]
    pub id: Option<String>,
    /// The Cloudflare product it belongs to.
    #[serde(default)]
    pub product: Option<String>,
    /// The resource's type.
    #[serde(rename = "type", default)]
    pub resource_type: Option<String>,
    /// Its scope, request and response, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `organization(&id).audit_logs()`.
#[derive(Debug, Clone)]
pub struct AuditLogs {
    client: Client,
    org: Result<OrganizationId>,
}

impl AuditLogs {
    pub(crate) fn new(client: Client, org: Result<OrganizationId>) -> Self {
        Self { client, org }
    }

    /// Lists entries, by default of the last 30 days: filter, then `.send()`
    /// for one page or `.stream()` for all (following the cursor).
    pub fn list(&self) -> ListAuditLogs {
        ListAuditLogs { window: Window::new(self.client.clone(), self.org.as_ref().cloned().map_err(Error::duplicate)) }
    }

    /// The history of the resource an entry changed: `id` is the entry's id,
    /// `action_time` its `action.time`.
    pub fn history(&self, id: impl Into<String>, action_time: DateTime<Utc>) -> AuditLogHistory {
        let id = id.into();
        let mut window = Window::new(self.client.clone(), self.org.as_ref().cloned().map_err(Error::duplicate));
        if let Err(e) = crate::ids::validate("id", &id) {
            window.query.reject("id", e);
        }
        window.query.set("action_time", action_time.to_rfc3339_opts(SecondsFormat::Secs, true));
        AuditLogHistory { window, id }
    }
}

/// What the audit log list and history share: the date window, direction, limit and cursor.
#[derive(Debug, Clone)]
struct Window {
    client: Client,
    org: Result<OrganizationId>,
    query: Query,
    since: Option<NaiveDate>,
    before: Option<NaiveDate>,
    max_retries: Option<u32>,
}

impl Window {
    fn new(client: Client, org: Result<OrganizationId>) -> Self {
        Self { client, org, query: Query::default(), since: None, before: None, max_retries: None }
    }

    /// The query with `since` and `before` (both required by the API) filled in.
    fn query(&self) -> Query {
        let today = Utc::now().date_naive();
        let before = self.before.unwrap_or_else(|| today.checked_add_days(Days::new(1)).unwrap_or(today));
        let since =
            self.since.unwrap_or_else(|| before.checked_sub_days(Days::new(DEFAULT_WINDOW_DAYS + 1)).unwrap_or(before));
        let mut query = self.query.clone();
        if since > before {
            query.invalid("since", format!("{since} is after before={before}"));
        }
        query.set("since", since.to_string());
        query.set("before", before.to_string());
        query
    }

    fn spec(&self, template: &'static str, path: Result<String>) -> ListSpec {
        ListSpec {
            client: self.client.clone(),
            template,
            path,
            query: self.query(),
            page_key: "cursor",
            scheme: Scheme::Cursor,
            max_retries: self.max_retries,
        }
    }
}

/// Setters shared by the list and the history.
macro_rules! window_setters {
    () => {
        /// Entries on or after this date (default: 30 days before `before`).
        pub fn since(mut self, date: NaiveDate) -> Self {
            self.window.since = Some(date);
            self
        }

        /// Entries before this date (default: tomorrow, UTC).
        pub fn before(mut self, date: NaiveDate) -> Self {
            self.window.before = Some(date);
            self
        }

        /// Oldest or newest first.
        pub fn direction(mut self, direction: Direction) -> Self {
            self.window.query.set("direction", direction.as_str());
            self
        }

        /// Entries per page, 1..=1000 (the API's default is 100).
        pub fn limit(mut self, limit: u32) -> Self {
            self.window.query.bounded("limit", limit.into(), 1..=1000);
            self
        }

        /// Starts at this cursor (from [`Page::next_page_token`]).
        pub fn cursor(mut self, cursor: impl Into<String>) -> Self {
            self.window.query.set("cursor", cursor);
            self
        }

        /// Retries for each page request.
        pub fn max_retries(mut self, retries: u32) -> Self {
            self.window.max_retries = Some(retries);
            self
        }
    };
}

/// The repeatable filters: `name(v)` keeps entries with that value, `name_not(v)` drops them.
macro_rules! filters {
    ($($(#[$doc:meta])* $method:ident / $not:ident => $name:literal / $not_name:literal),+ $(,)?) => {
        $(
            $(#[$doc])*
            ///
            /// Repeatable: each call adds a value.
            pub fn $method(mut self, value: impl Into<String>) -> Self {
                self.window.query.add($name, value);
                self
            }

            /// Leaves out entries matching this value (repeatable).
            pub fn $not(mut self, value: impl Into<String>) -> Self {
                self.window.query.add($not_name, value);
                self
            }
        )+
    };
}

/// `audit_logs().list()`: the 41 parameters of `GET /organizations/{id}/logs/audit`.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until sent or streamed"]
pub struct ListAuditLogs {
    window: Window,
}

impl ListAuditLogs {
    window_setters!();

    filters! {
        /// Whether the action succeeded: `success` or `failure`.
        action_result / action_result_not => "action_result" / "action_result.not",
        /// The action type: `create`, `delete`, `view` or `update`.
        action_type / action_type_not => "action_type" / "action_type.not",
        /// The actor context: `api_key`, `api_token`, `dash`, `oauth` or `origin_ca_key`.
        actor_context / actor_context_not => "actor_context" / "actor_context.not",
        /// The actor's email.
        actor_email / actor_email_not => "actor_email" / "actor_email.not",
        /// The actor's user id.
        actor_id / actor_id_not => "actor_id" / "actor_id.not",
        /// The actor's IP address.
        actor_ip_address / actor_ip_address_not => "actor_ip_address" / "actor_ip_address.not",
        /// The API token's id.
        actor_token_id / actor_token_id_not => "actor_token_id" / "actor_token_id.not",
        /// The API token's name.
        actor_token_name / actor_token_name_not => "actor_token_name" / "actor_token_name.not",
        /// The actor type: `cloudflare_admin`, `system` or `user`.
        actor_type / actor_type_not => "actor_type" / "actor_type.not",
        /// The entry's id.
        id / id_not => "id" / "id.not",
        /// The request's cf-ray id.
        raw_cf_ray_id / raw_cf_ray_id_not => "raw_cf_ray_id" / "raw_cf_ray_id.not",
        /// The request's HTTP method.
        raw_method / raw_method_not => "raw_method" / "raw_method.not",
        /// The request's URI.
        raw_uri / raw_uri_not => "raw_uri" / "raw_uri.not",
        /// The resource's id.
        resource_id / resource_id_not => "resource_id" / "resource_id.not",
        /// The resource's product.
        resource_product / resource_product_not => "resource_product" / "resource_product.not",
        /// The resource's type.
        resource_type / resource_type_not => "resource_type" / "resource_type.not",
        /// The resource's scope: `organizations`.
        resource_scope / resource_scope_not => "resource_scope" / "resource_scope.not",
    }

    /// The answer's status code (repeatable).
    pub fn raw_status_code(mut self, status: u16) -> Self {
        self.window.query.add("raw_status_code", status.to_string());
        self
    }

    /// Leaves out entries with this status code (repeatable).
    pub fn raw_status_code_not(mut self, status: u16) -> Self {
        self.window.query.add("raw_status_code.not", status.to_string());
        self
    }

    /// The query parameter names this list sends, its page parameter included.
    #[cfg(test)]
    pub(crate) fn query_names(&self) -> Vec<&'static str> {
        self.spec().query_names()
    }

    fn spec(&self) -> ListSpec {
        let path = path_with(&self.window.org, |org| format!("/organizations/{org}/logs/audit"));
        self.window.spec("/organizations/{organization_id}/logs/audit", path)
    }

    /// One page.
    ///
    /// # Errors
    /// Any [`Error`](crate::Error).
    pub async fn send(self) -> Result<Page<AuditLogEntry>> {
        (self.spec().fetch())(None).await
    }

    /// Every entry, following the cursor with the same filters.
    pub fn stream(self) -> impl Stream<Item = Result<AuditLogEntry>> + Send + 'static {
        items(self.spec().fetch())
    }
}

/// `audit_logs().history(id, action_time)`.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until sent or streamed"]
pub struct AuditLogHistory {
    window: Window,
    id: String,
}

impl AuditLogHistory {
    window_setters!();

    /// The query parameter names this list sends, its page parameter included.
    #[cfg(test)]
    pub(crate) fn query_names(&self) -> Vec<&'static str> {
        self.spec().query_names()
    }

    fn spec(&self) -> ListSpec {
        let id = &self.id;
        let path = path_with(&self.window.org, |org| format!("/organizations/{org}/logs/audit/{id}/history"));
        self.window.spec("/organizations/{organization_id}/logs/audit/{id}/history", path)
    }

    /// One page.
    ///
    /// # Errors
    /// Any [`Error`](crate::Error).
    pub async fn send(self) -> Result<Page<AuditLogEntry>> {
        (self.spec().fetch())(None).await
    }

    /// Every entry of the history, following the cursor.
    pub fn stream(self) -> impl Stream<Item = Result<AuditLogEntry>> + Send + 'static {
        items(self.spec().fetch())
    }
}
