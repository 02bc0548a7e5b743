//! Organizations: what `client.organizations()` and `client.organization(&id)` do beyond the
//! generated methods.

use cf_orgs_gen::operations as ops;
use serde_json::json;

use crate::builders::{BillableUsage, CreateOrganization, GetOrganization};
use crate::handles::{OrganizationHandle, Organizations};
use crate::ids::{IntoId, OrganizationId};
use crate::models::{Organization, Profile};
use crate::operation::{body_from, set_body};
use crate::pagination::ItemStream;
use crate::request::Request;

impl Organizations {
    /// Creates an organization named `name` (`POST /organizations`).
    ///
    #[doc = cf_orgs_gen::operation_credentials!(OrganizationsCreateUserOrganization)]
    pub fn create(&self, name: impl Into<String>) -> CreateOrganization {
        let body = body_from("name", json!({ "name": name.into() }));
        let op = body.map(|body| ops::OrganizationsCreateUserOrganization { body });
        CreateOrganization(Request::new(self.client.clone(), op))
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
        Self(self.0.try_edit(|op| set_body(&mut op.body, "profile", &profile)))
    }
}

impl OrganizationHandle {
    /// The organization itself.
    ///
    #[doc = cf_orgs_gen::operation_credentials!(OrganizationsRetrieve)]
    pub fn get(&self) -> GetOrganization {
        let op = self.organization_id.clone().map(|organization_id| ops::OrganizationsRetrieve { organization_id });
        GetOrganization(Request::new(self.client.clone(), op))
    }

    /// Its billable usage (FOCUS-aligned cost and usage records) over a range
    /// of charge dates: `..` for this month to date, or `from..=to` (at most
    /// [`BillableUsage::MAX_RANGE_DAYS`]).
    ///
    #[doc = cf_orgs_gen::operation_credentials!(BillableUsageV2GetOrganizationUsage)]
    pub fn billable_usage(&self, range: impl std::ops::RangeBounds<chrono::NaiveDate>) -> BillableUsage {
        super::billable_usage::request(self.client.clone(), self.organization_id.clone(), range)
    }
}
