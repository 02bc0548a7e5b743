//! One module per resource: its model types, its handle, its request builders.

#[macro_use]
mod builders;

mod accounts;
mod audit_logs;
mod billable_usage;
mod members;
mod organizations;
mod profile;
mod query;
mod shares;
#[cfg(test)]
mod spec_names;

pub use accounts::{Account, AccountOrder, AccountSettings, AccountType, Accounts, ListAccounts};
pub use audit_logs::{AuditLogEntry, AuditLogHistory, AuditLogs, ListAuditLogs};
pub use billable_usage::{BillableUsage, UsageRecord};
pub use members::{CreateMember, ListMembers, Member, MemberStatus, MemberUser, Members, NewMember, NewMemberStatus};
pub use organizations::{
    CreateOrganization, DeletedOrganization, ListOrganizations, Organization, OrganizationHandle, OrganizationMeta,
    Organizations, ParentRef, UpdateOrganization,
};
pub use profile::{Profile, ProfileHandle};
pub use query::Direction;
pub use shares::{ListShares, Share, ShareKind, ShareStatus, ShareTargetType, Shares};

use std::sync::Arc;

use reqwest::Method;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::pagination::{Fetch, Page, Scheme};
use crate::transport::Call;

/// A list request: where it goes, its filters so far, and how it pages;
/// `fetch` turns it into a page fetcher.
#[derive(Debug, Clone)]
pub(crate) struct ListSpec {
    pub client: Client,
    pub template: &'static str,
    pub path: Result<String>,
    pub query: query::Query,
    /// The query parameter that carries the page token, cursor or page number.
    pub page_key: &'static str,
    pub scheme: Scheme,
    pub max_retries: Option<u32>,
}

impl ListSpec {
    /// A list of `template` at `path`, paged by `page_key` in `scheme`.
    pub fn new(
        client: Client,
        template: &'static str,
        path: Result<String>,
        page_key: &'static str,
        scheme: Scheme,
    ) -> Self {
        Self { client, template, path, query: query::Query::default(), page_key, scheme, max_retries: None }
    }

    /// A fetcher of any page, the same filters resent with every token.
    pub fn fetch<T: DeserializeOwned + Send + 'static>(self) -> Fetch<T> {
        let spec = Arc::new(self);
        Arc::new(move |token| {
            let spec = spec.clone();
            Box::pin(async move { spec.page(token).await })
        })
    }

    #[cfg(test)]
    pub fn query_names(&self) -> Vec<&'static str> {
        self.query.pairs.iter().map(|(name, _)| *name).chain([self.page_key]).collect()
    }

    async fn page<T: DeserializeOwned + Send + 'static>(&self, token: Option<String>) -> Result<Page<T>> {
        let path = self.path.as_ref().map_err(clone_error)?.clone();
        let mut call = Call::new(Method::GET, self.template, path);
        call.query = self.query.with_page(self.page_key, token)?;
        call.max_retries = self.max_retries;
        let response = self.client.transport.execute(call, crate::envelope::decode_list::<T>).await?;
        Ok(self.scheme.page(response))
    }
}

/// Ids are checked when a handle is made; each request built from it reports the error again.
pub(crate) fn clone_error(e: &Error) -> Error {
    e.duplicate()
}

/// Joins a validated id into a path.
pub(crate) fn path_with<I: std::fmt::Display>(id: &Result<I>, build: impl FnOnce(&I) -> String) -> Result<String> {
    id.as_ref().map(build).map_err(clone_error)
}
