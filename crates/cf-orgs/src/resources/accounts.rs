//! An organization's accounts: `client.organization(&id).accounts()`.

use cf_orgs_gen::operations as ops;

use super::org_param;
use crate::builders::ListAccounts;
use crate::client::Client;
use crate::error::Result;
use crate::ids::OrganizationId;
use crate::pagination::List;
use crate::request::Request;

/// `organization(&id).accounts()`.
#[derive(Debug, Clone)]
pub struct Accounts {
    client: Client,
    org: Result<OrganizationId>,
}

impl Accounts {
    pub(crate) fn new(client: Client, org: Result<OrganizationId>) -> Self {
        Self { client, org }
    }

    /// Lists accounts: filter and order, then `.send()` for one page or `.stream()` for all.
    ///
    #[doc = cf_orgs_gen::operation_credentials!(OrganizationsGetAccounts)]
    pub fn list(&self) -> ListAccounts {
        let op = org_param(&self.org)
            .map(|organization_id| ops::OrganizationsGetAccounts { organization_id, query: Default::default() });
        ListAccounts(List::new(Request::new(self.client.clone(), op)))
    }
}

impl ListAccounts {
    /// The largest page the spec allows (`page_size`'s `maximum`).
    pub const MAX_PAGE_SIZE: i64 = ops::OrganizationsGetAccountsQuery::PAGE_SIZE_MAX;
    /// The page size the API sends without `page_size` (the spec says so in its description).
    pub const DEFAULT_PAGE_SIZE: i64 = ops::OrganizationsGetAccountsQuery::PAGE_SIZE_DEFAULT;
}
