//! Organizations: the model, `client.organizations()` and `client.organization(&id)`.

use cf_orgs_gen::operations as ops;
use serde_json::json;

use super::org_param;
use crate::builders::{
    BillableUsage, CreateOrganization, DeleteOrganization, GetOrganization, ListOrganizations, UpdateOrganization,
};
use crate::client::Client;
use crate::error::Result;
use crate::ids::{IntoId, OrganizationId};
use crate::models::{Organization, Profile};
use crate::operation::body_from;
use crate::pagination::{ItemStream, List};
use crate::request::Request;
use crate::resources::{Accounts, AuditLogs, Members, ProfileHandle, Shares};

/// `client.organizations()`: create, get, update, list and delete organizations.
#[derive(Debug, Clone)]
pub struct Organizations {
    client: Client,
}

impl Organizations {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// Creates an organization named `name` (`POST /organizations`).
    ///
    #[doc = cf_orgs_gen::operation_credentials!(OrganizationsCreateUserOrganization)]
    pub fn create(&self, name: impl Into<String>) -> CreateOrganization {
        let body = body_from("name", json!({ "name": name.into() }));
        let op = body.map(|body| ops::OrganizationsCreateUserOrganization { body });
        CreateOrganization(Request::new(self.client.clone(), op))
    }

    /// Gets an organization.
    ///
    #[doc = cf_orgs_gen::operation_credentials!(OrganizationsRetrieve)]
    pub fn get(&self, id: impl IntoId<OrganizationId>) -> GetOrganization {
        let op = id.into_id().map(|id| ops::OrganizationsRetrieve { organization_id: id.to_string() });
        GetOrganization(Request::new(self.client.clone(), op))
    }

    /// Renames an organization (`PUT`; the API takes only the name).
    ///
    #[doc = cf_orgs_gen::operation_credentials!(OrganizationsModify)]
    pub fn update(&self, id: impl IntoId<OrganizationId>) -> UpdateOrganization {
        let op = id.into_id().and_then(|id| {
            // The name is left empty until `.name(..)`; sending it empty is refused, naming it.
            let body = body_from("name", json!({ "name": "" }))?;
            Ok(ops::OrganizationsModify { organization_id: id.to_string(), body })
        });
        UpdateOrganization(Request::new(self.client.clone(), op))
    }

    /// Deletes an organization; answers its id. The API refuses (409) while it
    /// still has sub-organizations, accounts, members or users.
    ///
    #[doc = cf_orgs_gen::operation_credentials!(OrganizationsDelete)]
    pub fn delete(&self, id: impl IntoId<OrganizationId>) -> DeleteOrganization {
        let op = id.into_id().map(|id| ops::OrganizationsDelete { organization_id: id.to_string() });
        DeleteOrganization(Request::new(self.client.clone(), op))
    }

    /// Lists organizations: filter, then `.send()` for one page or `.stream()` for all.
    ///
    #[doc = cf_orgs_gen::operation_credentials!(OrganizationListOrganizations)]
    pub fn list(&self) -> ListOrganizations {
        let op = ops::OrganizationListOrganizations { query: Default::default() };
        ListOrganizations(List::new(Request::new(self.client.clone(), Ok(op))))
    }

    /// Every organization under `root` (not the root itself), breadth first:
    /// its children, then theirs, each level listed by `parent.id` one page at
    /// a time. Only the page being read and the ids still to visit are held.
    ///
    /// The stream ends with the first error that retries did not recover, or
    /// with an [`ErrorKind::Pagination`](crate::ErrorKind::Pagination) error if
    /// the API lists an organization twice (so a cycle cannot loop forever).
    ///
    #[doc = cf_orgs_gen::operation_credentials!(OrganizationListOrganizations)]
    pub fn descendants(&self, root: impl IntoId<OrganizationId>) -> ItemStream<Organization> {
        super::descendants::walk(self.client.clone(), root.into_id())
    }
}

impl CreateOrganization {
    /// Sets its business profile.
    pub fn profile(self, profile: Profile) -> Self {
        Self(self.0.edit(|op| op.body.profile = Some(profile.into())))
    }
}

impl ListOrganizations {
    /// The largest page the spec allows (`page_size`'s `maximum`).
    pub const MAX_PAGE_SIZE: i64 = ops::OrganizationListOrganizationsQuery::PAGE_SIZE_MAX;
    /// The page size the API sends without `page_size` (the spec says so in its description).
    pub const DEFAULT_PAGE_SIZE: i64 = ops::OrganizationListOrganizationsQuery::PAGE_SIZE_DEFAULT;
}

/// `client.organization(&id)`: what lives inside one organization.
#[derive(Debug, Clone)]
pub struct OrganizationHandle {
    client: Client,
    id: Result<OrganizationId>,
}

impl OrganizationHandle {
    pub(crate) fn new(client: Client, id: Result<OrganizationId>) -> Self {
        Self { client, id }
    }

    fn id(&self) -> Result<OrganizationId> {
        self.id.clone()
    }

    /// The organization itself.
    ///
    #[doc = cf_orgs_gen::operation_credentials!(OrganizationsRetrieve)]
    pub fn get(&self) -> GetOrganization {
        let op = org_param(&self.id).map(|organization_id| ops::OrganizationsRetrieve { organization_id });
        GetOrganization(Request::new(self.client.clone(), op))
    }

    /// Its members.
    pub fn members(&self) -> Members {
        Members::new(self.client.clone(), self.id())
    }

    /// Its accounts.
    pub fn accounts(&self) -> Accounts {
        Accounts::new(self.client.clone(), self.id())
    }

    /// Its business profile.
    pub fn profile(&self) -> ProfileHandle {
        ProfileHandle::new(self.client.clone(), self.id())
    }

    /// Its audit logs.
    pub fn audit_logs(&self) -> AuditLogs {
        AuditLogs::new(self.client.clone(), self.id())
    }

    /// Resource shares it sent or received.
    pub fn shares(&self) -> Shares {
        Shares::new(self.client.clone(), self.id())
    }

    /// Its billable usage (FOCUS-aligned cost and usage records) over a range
    /// of charge dates: `..` for this month to date, or `from..=to` (at most
    /// [`BillableUsage::MAX_RANGE_DAYS`]).
    ///
    #[doc = cf_orgs_gen::operation_credentials!(BillableUsageV2GetOrganizationUsage)]
    pub fn billable_usage(&self, range: impl std::ops::RangeBounds<chrono::NaiveDate>) -> BillableUsage {
        super::billable_usage::request(self.client.clone(), self.id(), range)
    }
}
