//! Resource shares an organization sent or received: `client.organization(&id).shares()`.

use cf_orgs_gen::operations::OrganizationSharesListQuery as Query;

use crate::builders::ListShares;

impl ListShares {
    /// The spec's default page size (`per_page`'s `default`).
    pub const DEFAULT_PER_PAGE: i64 = Query::PER_PAGE_DEFAULT;
    /// The largest page the spec allows (`per_page`'s `maximum`).
    pub const MAX_PER_PAGE: i64 = Query::PER_PAGE_MAX;
}
