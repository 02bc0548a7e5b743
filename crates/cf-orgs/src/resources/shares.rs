//! Resource shares an organization sent or received: `client.organization(&id).shares()`.

use chrono::{DateTime, Utc};
use futures_core::Stream;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::query::{Direction, Query};
use super::{ListSpec, path_with};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::ids::OrganizationId;
use crate::open_enum::open_enum;
use crate::pagination::{Page, Scheme, items};

/// The API's default page size for shares.
const DEFAULT_PER_PAGE: u64 = 20;

open_enum!(
    /// A share's status.
    ShareStatus { /// Active.
        Active = "active", /// Being deleted.
        Deleting = "deleting", /// Deleted.
        Deleted = "deleted" }
);

open_enum!(
    /// Whether the organization sent or received a share.
    ShareKind { /// Sent by this organization.
        Sent = "sent", /// Received by this organization.
        Received = "received" }
);

open_enum!(
    /// What a share targets.
    ShareTargetType { /// Accounts.
        Account = "account", /// Organizations.
        Organization = "organization" }
);

/// A resource share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Share {
    /// Its id.
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// The account that owns it.
    #[serde(default)]
    pub account_id: String,
    /// That account's name.
    #[serde(default)]
    pub account_name: String,
    /// The organization it belongs to.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// Its status.
    pub status: ShareStatus,
    /// What it targets.
    #[serde(default)]
    pub target_type: Option<ShareTargetType>,
    /// Sent or received.
    #[serde(default)]
    pub kind: Option<ShareKind>,
    /// When it was created.
    #[serde(default)]
    pub created: Option<DateTime<Utc>>,
    /// When it last changed.
    #[serde(default)]
    pub modified: Option<DateTime<Utc>>,
    /// Recipient counts, resources and fields this version does not model, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `organization(&id).shares()`.
#[derive(Debug, Clone)]
pub struct Shares {
    client: Client,
    org: Result<OrganizationId>,
}

impl Shares {
    pub(crate) fn new(client: Client, org: Result<OrganizationId>) -> Self {
        Self { client, org }
    }

    /// Lists shares: filter, then `.send()` for one page or `.stream()` for all (by page number).
    pub fn list(&self) -> ListShares {
        ListShares {
            client: self.client.clone(),
            org: self.org.as_ref().cloned().map_err(Error::duplicate),
            query: Query::default(),
            per_page: DEFAULT_PER_PAGE,
            max_retries: None,
        }
    }
}

/// `shares().list()`: the filters of `GET /organizations/{id}/shares`.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until sent or streamed"]
pub struct ListShares {
    client: Client,
    org: Result<OrganizationId>,
    query: Query,
    per_page: u64,
    max_retries: Option<u32>,
}

impl ListShares {
    /// Only shares with this status.
    pub fn status(mut self, status: ShareStatus) -> Self {
        self.query.set("status", status.as_str());
        self
    }

    /// Only sent or received shares.
    pub fn kind(mut self, kind: ShareKind) -> Self {
        self.query.set("kind", kind.as_str());
        self
    }

    /// Only shares targeting accounts or organizations.
    pub fn target_type(mut self, target: ShareTargetType) -> Self {
        self.query.set("target_type", target.as_str());
        self
    }

    /// Only shares with resources of this type, e.g. `custom-ruleset` (repeatable).
    pub fn resource_type(mut self, resource_type: impl Into<String>) -> Self {
        self.query.add("resource_types", resource_type);
        self
    }

    /// Orders by `name` or `created`.
    pub fn order(mut self, field: impl Into<String>) -> Self {
        self.query.set("order", field);
        self
    }

    /// Sort direction.
    pub fn direction(mut self, direction: Direction) -> Self {
        self.query.set("direction", direction.as_str());
        self
    }

    /// Shares per page, 1..=100 (the API's default is 20).
    pub fn per_page(mut self, per_page: u32) -> Self {
        self.query.bounded("per_page", per_page.into(), 1..=100);
        self.per_page = per_page.into();
        self
    }

    /// Starts at this page (1 is the first).
    pub fn page(mut self, page: u32) -> Self {
        self.query.bounded("page", page.into(), 1..=u64::from(u32::MAX));
        self
    }

    /// Retries for each page request.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    fn spec(self) -> ListSpec {
        ListSpec {
            client: self.client,
            template: "/organizations/{organization_id}/shares",
            path: path_with(&self.org, |org| format!("/organizations/{org}/shares")),
            query: self.query,
            page_key: "page",
            scheme: Scheme::PageNumber { per_page: self.per_page },
            max_retries: self.max_retries,
        }
    }

    /// One page.
    ///
    /// # Errors
    /// Any [`Error`](crate::Error).
    pub async fn send(self) -> Result<Page<Share>> {
        (self.spec().fetch())(None).await
    }

    /// Every share, page after page with the same filters.
    pub fn stream(self) -> impl Stream<Item = Result<Share>> + Send + 'static {
        items(self.spec().fetch())
    }
}
