//! An organization's business profile: `client.organization(&id).profile()`.

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::path_with;
use crate::client::Client;
use crate::error::Result;
use crate::ids::OrganizationId;
use crate::request::Request;
use crate::transport::Call;

/// An organization's business profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Business name.
    #[serde(default)]
    pub business_name: String,
    /// Business email.
    #[serde(default)]
    pub business_email: String,
    /// Business phone.
    #[serde(default)]
    pub business_phone: String,
    /// Business address.
    #[serde(default)]
    pub business_address: String,
    /// Free-form metadata the API keeps for you.
    #[serde(default)]
    pub external_metadata: String,
}

impl From<Profile> for cf_orgs_gen::types::OrganizationsApiProfile {
    fn from(p: Profile) -> Self {
        Self {
            business_name: p.business_name,
            business_email: p.business_email,
            business_phone: p.business_phone,
            business_address: p.business_address,
            external_metadata: p.external_metadata,
        }
    }
}

/// `organization(&id).profile()`.
#[derive(Debug, Clone)]
pub struct ProfileHandle {
    client: Client,
    org: Result<OrganizationId>,
}

impl ProfileHandle {
    pub(crate) fn new(client: Client, org: Result<OrganizationId>) -> Self {
        Self { client, org }
    }

    /// Gets the profile.
    pub fn get(&self) -> Request<Profile> {
        let path = path_with(&self.org, |id| format!("/organizations/{id}/profile"));
        Request::new(
            self.client.clone(),
            path.map(|p| Call::new(Method::GET, "/organizations/{organization_id}/profile", p)),
        )
    }

    /// Replaces the profile (the API answers 204, no content).
    pub fn update(&self, profile: Profile) -> Request<()> {
        let body: cf_orgs_gen::types::OrganizationsApiProfile = profile.into();
        let call = path_with(&self.org, |id| format!("/organizations/{id}/profile"))
            .and_then(|p| Call::new(Method::PUT, "/organizations/{organization_id}/profile", p).json(&body));
        Request::empty(self.client.clone(), call)
    }
}
