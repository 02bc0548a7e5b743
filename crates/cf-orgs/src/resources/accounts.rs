//! An organization's accounts: `client.organization(&id).accounts()`.

use cf_orgs_gen::operations as ops;

use super::{Direction, org_param};
use crate::client::Client;
use crate::error::Result;
use crate::ids::OrganizationId;
use crate::models::Account;
use crate::open_enum::open_enum;
use crate::operation::{Items, Operation};
use crate::pagination::{List, Paged, list_builder};
use crate::request::Request;

open_enum!(
    /// What accounts can be ordered by.
    AccountOrder {
        /// The account's name.
        AccountName = "account_name",
    }
);

impl Operation for ops::OrganizationsGetAccounts {
    type Answer = Items<Account>;
}

impl Paged for ops::OrganizationsGetAccounts {
    type Item = Account;
}

list_builder!(
    /// `accounts().list()`: the filters of `GET /organizations/{id}/accounts`.
    ListAccounts(OrganizationsGetAccounts) -> Account
);

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

    /// Public account name equal to (case-insensitive).
    pub fn account_pubname(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.account_pubname = Some(value.into())))
    }

    /// Public account name starting with.
    pub fn account_pubname_starts_with(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.account_pubname_starts_with = Some(value.into())))
    }

    /// Public account name ending with.
    pub fn account_pubname_ends_with(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.account_pubname_ends_with = Some(value.into())))
    }

    /// Public account name containing.
    pub fn account_pubname_contains(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.account_pubname_contains = Some(value.into())))
    }

    /// Name equal to.
    pub fn name(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.name = Some(value.into())))
    }

    /// Name starting with.
    pub fn name_starts_with(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.name_starts_with = Some(value.into())))
    }

    /// Name ending with.
    pub fn name_ends_with(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.name_ends_with = Some(value.into())))
    }

    /// Name containing.
    pub fn name_contains(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.name_contains = Some(value.into())))
    }

    /// Orders by this field.
    pub fn order_by(self, order: impl Into<AccountOrder>) -> Self {
        Self(self.0.edit(|op| op.query.order_by = Some(order.into().as_str().to_string())))
    }

    /// Sort direction.
    pub fn direction(self, direction: impl Into<Direction>) -> Self {
        Self(self.0.edit(|op| op.query.direction = Some(direction.into().as_str().to_string())))
    }

    /// Items per page: the spec allows up to [`MAX_PAGE_SIZE`](Self::MAX_PAGE_SIZE), and the API
    /// sends [`DEFAULT_PAGE_SIZE`](Self::DEFAULT_PAGE_SIZE) without it. A larger size is sent as given.
    pub fn page_size(self, size: u32) -> Self {
        Self(self.0.edit(|op| op.query.page_size = Some(size.into())))
    }

    /// Starts at this page token (from [`Page::next_page_token`](crate::Page::next_page_token)).
    pub fn page_token(self, token: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.page_token = Some(token.into())))
    }
}
