//! Resource shares an organization sent or received: `client.organization(&id).shares()`.

use cf_orgs_gen::operations as ops;

use super::org_param;
use crate::client::Client;
use crate::error::Result;
use crate::ids::OrganizationId;
use crate::models::Share;
use crate::operation::{Items, Operation};
use crate::pagination::{List, Paged, list_builder};
use crate::request::Request;

use ops::OrganizationSharesListQuery as Query;

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
}
