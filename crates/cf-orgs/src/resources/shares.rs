//! Resource shares an organization sent or received: `client.organization(&id).shares()`.

use cf_orgs_gen::operations as ops;

use super::org_param;
use crate::builders::ListShares;
use crate::client::Client;
use crate::error::Result;
use crate::ids::OrganizationId;
use crate::pagination::List;
use crate::request::Request;

use ops::OrganizationSharesListQuery as Query;

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
