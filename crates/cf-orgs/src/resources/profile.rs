//! An organization's business profile: `client.organization(&id).profile()`.

use cf_orgs_gen::operations as ops;

use crate::builders::UpdateProfile;
use crate::handles::ProfileHandle;
use crate::models::Profile;
use crate::operation::body_from;
use crate::request::Request;

impl Profile {
    /// A profile with this business name, the other fields empty.
    pub fn new(business_name: impl Into<String>) -> Self {
        Self { business_name: business_name.into(), ..Self::default() }
    }

    /// Sets the business email.
    pub fn business_email(mut self, email: impl Into<String>) -> Self {
        self.business_email = email.into();
        self
    }

    /// Sets the business phone.
    pub fn business_phone(mut self, phone: impl Into<String>) -> Self {
        self.business_phone = phone.into();
        self
    }

    /// Sets the business address.
    pub fn business_address(mut self, address: impl Into<String>) -> Self {
        self.business_address = address.into();
        self
    }

    /// Sets the free-form metadata the API keeps for you.
    pub fn external_metadata(mut self, metadata: impl Into<String>) -> Self {
        self.external_metadata = metadata.into();
        self
    }
}

impl ProfileHandle {
    /// Replaces the profile (the API answers 204, no content).
    ///
    #[doc = cf_orgs_gen::operation_credentials!(OrganizationsModifyProfile)]
    pub fn update(&self, profile: Profile) -> UpdateProfile {
        let op = self.organization_id.clone().and_then(|organization_id| {
            Ok(ops::OrganizationsModifyProfile { organization_id, body: body_from("profile", &profile)? })
        });
        UpdateProfile(Request::new(self.client.clone(), op))
    }
}
