//! An organization's accounts: `client.organization(&id).accounts()`.

use cf_orgs_gen::operations as ops;

use crate::builders::ListAccounts;

impl ListAccounts {
    /// The largest page the spec allows (`page_size`'s `maximum`).
    pub const MAX_PAGE_SIZE: i64 = ops::OrganizationsGetAccountsQuery::PAGE_SIZE_MAX;
    /// The page size the API sends without `page_size` (the spec says so in its description).
    pub const DEFAULT_PAGE_SIZE: i64 = ops::OrganizationsGetAccountsQuery::PAGE_SIZE_DEFAULT;
}
