//! Resource shares an organization sent or received: `client.organization(&id).shares()`.

use cf_orgs_gen::operations as ops;

use super::{Direction, org_param};
use crate::client::Client;
use crate::error::Result;
use crate::ids::OrganizationId;
use crate::models::{Share, ShareKind, ShareResourceType, ShareStatus, ShareTargetType};
use crate::open_enum::open_enum;
use crate::operation::{Items, Operation};
use crate::pagination::{List, Paged, list_builder};
use crate::request::Request;

use ops::OrganizationSharesListQuery as Query;

open_enum!(
    /// What shares can be ordered by.
    ShareOrder {
        /// The share's name.
        Name = "name",
        /// When it was created.
        Created = "created",
    }
);

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
