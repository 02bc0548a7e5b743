//! Resource shares an organization sent or received: `client.organization(&id).shares()`.

use cf_orgs_gen::operations as ops;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Direction, org_param};
use crate::client::Client;
use crate::error::Result;
use crate::ids::OrganizationId;
use crate::open_enum::open_enum;
use crate::operation::{Items, Operation};
use crate::pagination::{List, Paged, list_builder};
use crate::request::Request;

use ops::OrganizationSharesListQuery as Query;

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
    /// The type of a shared resource.
    ShareResourceType {
        /// A custom WAF ruleset.
        CustomRuleset = "custom-ruleset",
        /// A Gateway policy.
        GatewayPolicy = "gateway-policy",
        /// A Gateway destination IP.
        GatewayDestinationIp = "gateway-destination-ip",
        /// Gateway block page settings.
        GatewayBlockPageSettings = "gateway-block-page-settings",
        /// Gateway extended email matching.
        GatewayExtendedEmailMatching = "gateway-extended-email-matching",
        /// An IdP federation grant.
        IdpFederationGrant = "idp-federation-grant",
    }
);

open_enum!(
    /// What shares can be ordered by.
    ShareOrder {
        /// The share's name.
        Name = "name",
        /// When it was created.
        Created = "created",
    }
);

open_enum!(
    /// What a share targets.
    ShareTargetType { /// Accounts.
        Account = "account", /// Organizations.
        Organization = "organization" }
);

/// A resource share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Share {
    /// Its id.
    #[serde(default, deserialize_with = "crate::envelope::null_as_default")]
    pub id: String,
    /// Its name.
    #[serde(default, deserialize_with = "crate::envelope::null_as_default")]
    pub name: String,
    /// The account that owns it.
    #[serde(default, deserialize_with = "crate::envelope::null_as_default")]
    pub account_id: String,
    /// That account's name.
    #[serde(default, deserialize_with = "crate::envelope::null_as_default")]
    pub account_name: String,
    /// The organization it belongs to.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// Its status.
    #[serde(default, deserialize_with = "crate::envelope::null_as_default")]
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
    /// Recipients that have accepted it.
    #[serde(default)]
    pub associated_recipient_count: Option<i64>,
    /// Recipients being added.
    #[serde(default)]
    pub associating_recipient_count: Option<i64>,
    /// Recipients that have left it.
    #[serde(default)]
    pub disassociated_recipient_count: Option<i64>,
    /// Recipients being removed.
    #[serde(default)]
    pub disassociating_recipient_count: Option<i64>,
    /// What it shares.
    #[serde(default, deserialize_with = "crate::envelope::null_as_default")]
    pub resources: Vec<ShareResource>,
    /// Fields this version does not know, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// One resource of a [`Share`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShareResource {
    /// Its id in the share.
    #[serde(default, deserialize_with = "crate::envelope::null_as_default")]
    pub id: String,
    /// The shared resource's own id.
    #[serde(default, deserialize_with = "crate::envelope::null_as_default")]
    pub resource_id: String,
    /// What it is.
    #[serde(default, deserialize_with = "crate::envelope::null_as_default")]
    pub resource_type: ShareResourceType,
    /// The account that owns it.
    #[serde(default, deserialize_with = "crate::envelope::null_as_default")]
    pub resource_account_id: String,
    /// Its version.
    #[serde(default)]
    pub resource_version: Option<i64>,
    /// Its status in the share.
    #[serde(default, deserialize_with = "crate::envelope::null_as_default")]
    pub status: ShareStatus,
    /// Details, as sent.
    #[serde(default, deserialize_with = "crate::envelope::null_as_default")]
    pub meta: Map<String, Value>,
    /// When it was added.
    #[serde(default)]
    pub created: Option<DateTime<Utc>>,
    /// When it last changed.
    #[serde(default)]
    pub modified: Option<DateTime<Utc>>,
    /// Fields this version does not know, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl Operation for ops::OrganizationSharesList {
    type Answer = Items<Share>;
}

impl Paged for ops::OrganizationSharesList {
    type Item = Share;
}

list_builder!(
    /// `shares().list()`: the filters of `GET /organizations/{id}/shares`.
    ListShares(OrganizationSharesList) -> Share
);

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
    ///
    #[doc = cf_orgs_gen::operation_credentials!(OrganizationSharesList)]
    pub fn list(&self) -> ListShares {
        let op = org_param(&self.org)
            .map(|organization_id| ops::OrganizationSharesList { organization_id, query: Default::default() });
        ListShares(List::new(Request::new(self.client.clone(), op)))
    }
}

impl ListShares {
    /// The spec's default page size (`per_page`'s `default`).
    pub const DEFAULT_PER_PAGE: i64 = Query::PER_PAGE_DEFAULT;
    /// The largest page the spec allows (`per_page`'s `maximum`).
    pub const MAX_PER_PAGE: i64 = Query::PER_PAGE_MAX;

    /// Only shares with this status.
    pub fn status(self, status: impl Into<ShareStatus>) -> Self {
        Self(self.0.edit(|op| op.query.status = Some(status.into().as_str().to_string())))
    }

    /// Only sent or received shares.
    pub fn kind(self, kind: impl Into<ShareKind>) -> Self {
        Self(self.0.edit(|op| op.query.kind = Some(kind.into().as_str().to_string())))
    }

    /// Only shares targeting accounts or organizations.
    pub fn target_type(self, target: impl Into<ShareTargetType>) -> Self {
        Self(self.0.edit(|op| op.query.target_type = Some(target.into().as_str().to_string())))
    }

    /// Only shares with resources of this type (repeatable).
    pub fn resource_type(self, resource_type: impl Into<ShareResourceType>) -> Self {
        Self(self.0.edit(|op| op.query.resource_types.push(resource_type.into().as_str().to_string())))
    }

    /// Orders by name or creation time.
    pub fn order(self, field: impl Into<ShareOrder>) -> Self {
        Self(self.0.edit(|op| op.query.order = Some(field.into().as_str().to_string())))
    }

    /// Sort direction.
    pub fn direction(self, direction: impl Into<Direction>) -> Self {
        Self(self.0.edit(|op| op.query.direction = Some(direction.into().as_str().to_string())))
    }

    /// Shares per page: the spec allows up to [`MAX_PER_PAGE`](Self::MAX_PER_PAGE), and the API
    /// sends [`DEFAULT_PER_PAGE`](Self::DEFAULT_PER_PAGE) without it. A larger size is sent as given.
    pub fn per_page(self, per_page: u32) -> Self {
        Self(self.0.edit(|op| op.query.per_page = Some(per_page.into())))
    }

    /// Starts at this page (1 is the first).
    pub fn page(self, page: u32) -> Self {
        Self(self.0.edit(|op| op.query.page = Some(page.into())))
    }
}
