//! Resource shares an organization sent or received: `client.organization(&id).shares()`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::query::Direction;
use super::{ListSpec, path_with};
use crate::client::Client;
use crate::error::Result;
use crate::ids::OrganizationId;
use crate::open_enum::open_enum;
use crate::pagination::Scheme;

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
        let path = path_with(&self.org, |org| format!("/organizations/{org}/shares"));
        let scheme = Scheme::PageNumber { per_page: DEFAULT_PER_PAGE };
        ListShares {
            list: ListSpec::new(self.client.clone(), "/organizations/{organization_id}/shares", path, "page", scheme),
        }
    }
}

/// `shares().list()`: the filters of `GET /organizations/{id}/shares`.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until sent or streamed"]
pub struct ListShares {
    list: ListSpec,
}

impl ListShares {
    /// Only shares with this status.
    pub fn status(mut self, status: ShareStatus) -> Self {
        self.list.query.set("status", status.as_str());
        self
    }

    /// Only sent or received shares.
    pub fn kind(mut self, kind: ShareKind) -> Self {
        self.list.query.set("kind", kind.as_str());
        self
    }

    /// Only shares targeting accounts or organizations.
    pub fn target_type(mut self, target: ShareTargetType) -> Self {
        self.list.query.set("target_type", target.as_str());
        self
    }

    /// Only shares with resources of this type, e.g. `custom-ruleset` (repeatable).
    pub fn resource_type(mut self, resource_type: impl Into<String>) -> Self {
        self.list.query.add("resource_types", resource_type);
        self
    }

    /// Orders by `name` or `created`.
    pub fn order(mut self, field: impl Into<String>) -> Self {
        self.list.query.set("order", field);
        self
    }

    /// Sort direction.
    pub fn direction(mut self, direction: Direction) -> Self {
        self.list.query.set("direction", direction.as_str());
        self
    }

    /// Shares per page, 1..=100 (the API's default is 20).
    pub fn per_page(mut self, per_page: u32) -> Self {
        self.list.query.bounded("per_page", per_page.into(), 1..=100);
        self.list.scheme = Scheme::PageNumber { per_page: per_page.into() };
        self
    }

    /// Starts at this page (1 is the first).
    pub fn page(mut self, page: u32) -> Self {
        self.list.query.bounded("page", page.into(), 1..=u64::from(u32::MAX));
        self
    }

    list_methods!(Share, "share");
}
