//! Organizations: the model, `client.organizations()` and `client.organization(&id)`.

use chrono::{DateTime, Utc};
use futures_core::Stream;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::query::Query;
use super::{ListSpec, clone_error, path_with};
use crate::client::Client;
use crate::error::Result;
use crate::ids::{AccountId, IntoId, OrganizationId};
use crate::pagination::{Page, Scheme, items};
use crate::request::Request;
use crate::resources::{Accounts, AuditLogs, BillableUsage, Members, Profile, ProfileHandle, Shares};
use crate::transport::Call;

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
        ListOrganizations { client: self.client.clone(), query: Query::default(), max_retries: None }
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
            if self.name.trim().is_empty() {
                return Err(crate::Error::invalid_input("name", "is empty"));
            }
            let parent = match &self.parent {
                Some(p) => Some(p.as_ref().map_err(clone_error)?.clone()),
                None => None,
            };
            let body = cf_orgs_gen::types::OrganizationsApiOrganizationWrite {
                name: self.name.clone(),
                parent: parent.map(|id| cf_orgs_gen::types::OrganizationsApiOrganizationWriteParent {
                    id: cf_orgs_gen::types::OrganizationsApiOrganizationId(id.to_string()),
                }),
                profile: self.profile.clone().map(Into::into),
            };
            let mut call = Call::new(Method::POST, "/organizations", "/organizations".into()).json(&body)?;
            call.max_retries = self.max_retries;
            Ok(call)
        })();
        Request::new(self.client, call)
    }

    /// Sends the request.
    ///
    /// # Errors
    /// Any [`Error`](crate::Error).
    pub async fn send(self) -> Result<Organization> {
        self.request().send().await
    }

    /// Sends the request; the result with its [`ResponseMeta`](crate::ResponseMeta).
    ///
    /// # Errors
    /// Any [`Error`](crate::Error).
    pub async fn with_meta(self) -> Result<crate::Response<Organization>> {
        self.request().with_meta().await
    }
}

impl std::future::IntoFuture for CreateOrganization {
    type Output = Result<Organization>;
    type IntoFuture = crate::request::BoxFuture<Organization>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

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
    /// The new name.
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
            let name = self.name.clone().ok_or_else(|| crate::Error::invalid_input("name", "is required"))?;
            if name.trim().is_empty() {
                return Err(crate::Error::invalid_input("name", "is empty"));
            }
            let body = cf_orgs_gen::types::OrganizationsApiOrganizationWrite { name, parent: None, profile: None };
            let mut call = Call::new(Method::PUT, "/organizations/{organization_id}", format!("/organizations/{id}"))
                .json(&body)?;
            call.max_retries = self.max_retries;
            Ok(call)
        })();
        Request::new(self.client, call)
    }

    /// Sends the request.
    ///
    /// # Errors
    /// Any [`Error`](crate::Error).
    pub async fn send(self) -> Result<Organization> {
        self.request().send().await
    }

    /// Sends the request; the result with its [`ResponseMeta`](crate::ResponseMeta).
    ///
    /// # Errors
    /// Any [`Error`](crate::Error).
    pub async fn with_meta(self) -> Result<crate::Response<Organization>> {
        self.request().with_meta().await
    }
}

impl std::future::IntoFuture for UpdateOrganization {
    type Output = Result<Organization>;
    type IntoFuture = crate::request::BoxFuture<Organization>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// `organizations().list()`: the filters of `GET /organizations`.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until sent or streamed"]
pub struct ListOrganizations {
    client: Client,
    query: Query,
    max_retries: Option<u32>,
}

impl ListOrganizations {
    /// Only these organizations (repeatable: `id=a&id=b`).
    pub fn id(mut self, id: impl IntoId<OrganizationId>) -> Self {
        match id.into_id() {
            Ok(id) => self.query.add("id", id.to_string()),
            Err(e) => self.query.reject("id", e),
        }
        self
    }

    /// Name equal to (case-sensitive).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.query.set("name", name);
        self
    }

    /// Name starting with (case-insensitive).
    pub fn name_starts_with(mut self, prefix: impl Into<String>) -> Self {
        self.query.set("name.startsWith", prefix);
        self
    }

    /// Name ending with (case-insensitive).
    pub fn name_ends_with(mut self, suffix: impl Into<String>) -> Self {
        self.query.set("name.endsWith", suffix);
        self
    }

    /// Name containing (case-insensitive).
    pub fn name_contains(mut self, part: impl Into<String>) -> Self {
        self.query.set("name.contains", part);
        self
    }

    /// Organizations that contain this account.
    pub fn containing_account(mut self, account: impl IntoId<AccountId>) -> Self {
        match account.into_id() {
            Ok(id) => self.query.set("containing.account", id.to_string()),
            Err(e) => self.query.reject("containing.account", e),
        }
        self
    }

    /// Organizations that contain (manage) this user.
    pub fn containing_user(mut self, user: impl Into<String>) -> Self {
        self.query.set("containing.user", user);
        self
    }

    /// Organizations that contain this organization.
    pub fn containing_organization(mut self, org: impl IntoId<OrganizationId>) -> Self {
        match org.into_id() {
            Ok(id) => self.query.set("containing.organization", id.to_string()),
            Err(e) => self.query.reject("containing.organization", e),
        }
        self
    }

    /// Sub-organizations of `parent`.
    pub fn parent(mut self, parent: impl IntoId<OrganizationId>) -> Self {
        match parent.into_id() {
            Ok(id) => self.query.set("parent.id", id.to_string()),
            Err(e) => self.query.reject("parent.id", e),
        }
        self
    }

    /// Only root organizations (those without a parent): `parent.id=null`.
    pub fn roots_only(mut self) -> Self {
        self.query.set("parent.id", "null");
        self
    }

    /// Items per page, 0..=1000 (the API's default is 10).
    pub fn page_size(mut self, size: u32) -> Self {
        self.query.bounded("page_size", size.into(), 0..=1000);
        self
    }

    /// Starts at this page token (from [`Page::next_page_token`]).
    pub fn page_token(mut self, token: impl Into<String>) -> Self {
        self.query.set("page_token", token);
        self
    }

    /// Retries for each page request.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    fn spec(self) -> ListSpec {
        ListSpec {
            client: self.client,
            template: "/organizations",
            path: Ok("/organizations".into()),
            query: self.query,
            page_key: "page_token",
            scheme: Scheme::PageToken,
            max_retries: self.max_retries,
        }
    }

    /// One page.
    ///
    /// # Errors
    /// Any [`Error`](crate::Error).
    pub async fn send(self) -> Result<Page<Organization>> {
        let token = None;
        (self.spec().fetch())(token).await
    }

    /// Every organization, following `next_page_token` with the same filters.
    pub fn stream(self) -> impl Stream<Item = Result<Organization>> + Send + 'static {
        items(self.spec().fetch())
    }
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
