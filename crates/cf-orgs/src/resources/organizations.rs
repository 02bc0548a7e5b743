//! Organizations: the model, `client.organizations()` and `client.organization(&id)`.

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{ListSpec, clone_error, path_with};
use crate::client::Client;
use crate::error::Result;
use crate::ids::{AccountId, IntoId, OrganizationId};
use crate::pagination::Scheme;
use crate::request::Request;
use crate::resources::{Accounts, AuditLogs, BillableUsage, Members, Profile, ProfileHandle, Shares};
use crate::transport::Call;
use cf_orgs_gen::types;

/// An organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    /// Its id.
    pub id: OrganizationId,
    /// Its name.
    pub name: String,
    /// When it was created.
    pub create_time: Option<DateTime<Utc>>,
    /// Server-maintained details.
    #[serde(default)]
    pub meta: OrganizationMeta,
    /// The parent, for a sub-organization.
    #[serde(default)]
    pub parent: Option<ParentRef>,
    /// The business profile, when the API includes it.
    #[serde(default)]
    pub profile: Option<Profile>,
}

/// [`Organization::meta`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OrganizationMeta {
    /// Tags from the root organization down to this one.
    #[serde(default)]
    pub hierarchy_tags: Vec<String>,
    /// Who manages the organization.
    #[serde(default)]
    pub managed_by: Option<String>,
    /// Feature flags of the organization, as the API sends them.
    #[serde(default)]
    pub tenant_flags: Option<Map<String, Value>>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// What deleting an organization answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletedOrganization {
    /// The deleted organization's id.
    pub id: OrganizationId,
}

/// A reference to a parent organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParentRef {
    /// The parent's id.
    pub id: OrganizationId,
    /// The parent's name.
    #[serde(default)]
    pub name: Option<String>,
}

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
    pub fn create(&self, name: impl Into<String>) -> CreateOrganization {
        CreateOrganization {
            client: self.client.clone(),
            name: name.into(),
            parent: None,
            profile: None,
            max_retries: None,
        }
    }

    /// Gets an organization.
    pub fn get(&self, id: impl IntoId<OrganizationId>) -> Request<Organization> {
        let path = path_with(&id.into_id(), |id| format!("/organizations/{id}"));
        Request::new(self.client.clone(), path.map(|p| Call::new(Method::GET, "/organizations/{organization_id}", p)))
    }

    /// Renames an organization (`PUT`; the API takes only the name).
    pub fn update(&self, id: impl IntoId<OrganizationId>) -> UpdateOrganization {
        UpdateOrganization { client: self.client.clone(), id: id.into_id(), name: None, max_retries: None }
    }

    /// Deletes an organization; answers its id. The API refuses (409) while it
    /// still has sub-organizations, accounts, members or users.
    pub fn delete(&self, id: impl IntoId<OrganizationId>) -> Request<DeletedOrganization> {
        let path = path_with(&id.into_id(), |id| format!("/organizations/{id}"));
        Request::new(
            self.client.clone(),
            path.map(|p| Call::new(Method::DELETE, "/organizations/{organization_id}", p)),
        )
    }

    /// Lists organizations: filter, then `.send()` for one page or `.stream()` for all.
    pub fn list(&self) -> ListOrganizations {
        let list = ListSpec::new(
            self.client.clone(),
            "/organizations",
            Ok("/organizations".into()),
            "page_token",
            Scheme::PageToken,
        );
        ListOrganizations { list }
    }
}

/// `organizations().create(name)`.
#[derive(Debug)]
#[must_use = "a request does nothing until sent"]
pub struct CreateOrganization {
    client: Client,
    name: String,
    parent: Option<Result<OrganizationId>>,
    profile: Option<Profile>,
    max_retries: Option<u32>,
}

impl CreateOrganization {
    /// Creates it as a sub-organization of `parent`.
    pub fn parent(mut self, parent: impl IntoId<OrganizationId>) -> Self {
        self.parent = Some(parent.into_id());
        self
    }

    /// Sets its business profile.
    pub fn profile(mut self, profile: Profile) -> Self {
        self.profile = Some(profile);
        self
    }

    /// Retries for this request only. A create is a POST: it is retried only
    /// after a 429 or a connection that never reached the server.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    fn request(self) -> Request<Organization> {
        let call = (|| {
            let name = non_empty_name(Some(self.name.clone()))?;
            let parent = self.parent.as_ref().map(|p| p.as_ref().cloned().map_err(clone_error)).transpose()?;
            let body = types::OrganizationsApiOrganizationWrite {
                name,
                parent: parent.map(|id| types::OrganizationsApiOrganizationWriteParent {
                    id: types::OrganizationsApiOrganizationId(id.to_string()),
                }),
                profile: self.profile.clone().map(Into::into),
            };
            Ok(Call::new(Method::POST, "/organizations", "/organizations".into())
                .json(&body)?
                .retries(self.max_retries))
        })();
        Request::new(self.client, call)
    }
}

sendable!(CreateOrganization => Organization);

/// `organizations().update(id)`.
#[derive(Debug)]
#[must_use = "a request does nothing until sent"]
pub struct UpdateOrganization {
    client: Client,
    id: Result<OrganizationId>,
    name: Option<String>,
    max_retries: Option<u32>,
}

impl UpdateOrganization {
    /// The new name (required: the API updates only the name).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Retries for this request only.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    fn request(self) -> Request<Organization> {
        let call = (|| {
            let id = self.id.as_ref().map_err(clone_error)?;
            let body = types::OrganizationsApiOrganizationWrite {
                name: non_empty_name(self.name.clone())?,
                parent: None,
                profile: None,
            };
            let path = format!("/organizations/{id}");
            Ok(Call::new(Method::PUT, "/organizations/{organization_id}", path).json(&body)?.retries(self.max_retries))
        })();
        Request::new(self.client, call)
    }
}

sendable!(UpdateOrganization => Organization);

fn non_empty_name(name: Option<String>) -> Result<String> {
    match name {
        None => Err(crate::Error::invalid_input("name", "is required")),
        Some(n) if n.trim().is_empty() => Err(crate::Error::invalid_input("name", "is empty")),
        Some(n) => Ok(n),
    }
}

/// `organizations().list()`: the filters of `GET /organizations`.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until sent or streamed"]
pub struct ListOrganizations {
    list: ListSpec,
}

impl ListOrganizations {
    /// Only these organizations (repeatable: `id=a&id=b`).
    pub fn id(mut self, id: impl IntoId<OrganizationId>) -> Self {
        match id.into_id() {
            Ok(id) => self.list.query.add("id", id.to_string()),
            Err(e) => self.list.query.reject("id", e),
        }
        self
    }

    /// Name equal to (case-sensitive).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.list.query.set("name", name);
        self
    }

    /// Name starting with (case-insensitive).
    pub fn name_starts_with(mut self, prefix: impl Into<String>) -> Self {
        self.list.query.set("name.startsWith", prefix);
        self
    }

    /// Name ending with (case-insensitive).
    pub fn name_ends_with(mut self, suffix: impl Into<String>) -> Self {
        self.list.query.set("name.endsWith", suffix);
        self
    }

    /// Name containing (case-insensitive).
    pub fn name_contains(mut self, part: impl Into<String>) -> Self {
        self.list.query.set("name.contains", part);
        self
    }

    /// Organizations that contain this account.
    pub fn containing_account(mut self, account: impl IntoId<AccountId>) -> Self {
        match account.into_id() {
            Ok(id) => self.list.query.set("containing.account", id.to_string()),
            Err(e) => self.list.query.reject("containing.account", e),
        }
        self
    }

    /// Organizations that contain (manage) this user.
    pub fn containing_user(mut self, user: impl Into<String>) -> Self {
        self.list.query.set("containing.user", user);
        self
    }

    /// Organizations that contain this organization.
    pub fn containing_organization(mut self, org: impl IntoId<OrganizationId>) -> Self {
        match org.into_id() {
            Ok(id) => self.list.query.set("containing.organization", id.to_string()),
            Err(e) => self.list.query.reject("containing.organization", e),
        }
        self
    }

    /// Sub-organizations of `parent`.
    pub fn parent(mut self, parent: impl IntoId<OrganizationId>) -> Self {
        match parent.into_id() {
            Ok(id) => self.list.query.set("parent.id", id.to_string()),
            Err(e) => self.list.query.reject("parent.id", e),
        }
        self
    }

    /// Only root organizations (those without a parent): `parent.id=null`.
    pub fn roots_only(mut self) -> Self {
        self.list.query.set("parent.id", "null");
        self
    }

    token_paging!();
    list_methods!(Organization, "organization");
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
        self.id.as_ref().cloned().map_err(clone_error)
    }

    /// The organization itself.
    pub fn get(&self) -> Request<Organization> {
        let path = path_with(&self.id, |id| format!("/organizations/{id}"));
        Request::new(self.client.clone(), path.map(|p| Call::new(Method::GET, "/organizations/{organization_id}", p)))
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
    /// of charge dates: `..` for this month to date, or `from..=to` (at most 31 days).
    pub fn billable_usage(&self, range: impl std::ops::RangeBounds<chrono::NaiveDate>) -> BillableUsage {
        BillableUsage::new(self.client.clone(), self.id(), range)
    }
}
