//! Members of an organization: `client.organization(&id).members()`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ListSpec, path_with};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::ids::{IntoId, MemberId, OrganizationId};
use crate::open_enum::open_enum;
use crate::pagination::Scheme;
use crate::request::Request;
use crate::transport::Call;

/// The most members one `batch_create` takes (the spec's `maxItems`).
pub const MAX_BATCH: usize = 10;

open_enum!(
    /// A member's status.
    MemberStatus {
        /// Active.
        Active = "active",
        /// Invited, not yet accepted.
        Pending = "pending",
        /// The invitation was rejected.
        Rejected = "rejected",
        /// The membership was canceled.
        Canceled = "canceled",
    }
);

/// The status a new member is created with (`active` or `canceled`, as the spec allows).
pub use cf_orgs_gen::types::OrganizationsApiCreateSingleMemberStatus as NewMemberStatus;

/// A member of an organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// Its id.
    pub id: MemberId,
    /// Its status; values this version does not know are kept.
    pub status: MemberStatus,
    /// The user.
    pub user: MemberUser,
    /// Server-maintained details, as sent.
    #[serde(default)]
    pub meta: HashMap<String, Value>,
    /// When it was created.
    #[serde(default)]
    pub create_time: Option<DateTime<Utc>>,
    /// When it last changed.
    #[serde(default)]
    pub update_time: Option<DateTime<Utc>>,
}

/// [`Member::user`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberUser {
    /// The user's id.
    #[serde(default)]
    pub id: String,
    /// The user's email.
    pub email: String,
    /// The user's name.
    #[serde(default)]
    pub name: String,
    /// Whether the user has two-factor authentication on.
    #[serde(default)]
    pub two_factor_authentication_enabled: bool,
}

/// One member to create: an email, and optionally the initial status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    /// The user's email.
    pub email: String,
    /// The initial status (the API's default when `None`).
    pub status: Option<NewMemberStatus>,
}

impl NewMember {
    fn body(&self) -> Result<cf_orgs_gen::types::OrganizationsApiCreateSingleMember> {
        let email = self.email.trim();
        if email.is_empty() || !email.contains('@') {
            return Err(Error::invalid_input("user.email", format!("{email:?} is not an email address")));
        }
        Ok(cf_orgs_gen::types::OrganizationsApiCreateSingleMember {
            status: self.status,
            user: cf_orgs_gen::types::OrganizationsApiCreateSingleMemberUser { email: email.to_string() },
        })
    }
}

impl<S: Into<String>> From<S> for NewMember {
    fn from(email: S) -> Self {
        Self { email: email.into(), status: None }
    }
}

/// `organization(&id).members()`.
#[derive(Debug, Clone)]
pub struct Members {
    client: Client,
    org: Result<OrganizationId>,
}

impl Members {
    pub(crate) fn new(client: Client, org: Result<OrganizationId>) -> Self {
        Self { client, org }
    }

    fn member_call(&self, method: Method, member: impl IntoId<MemberId>) -> Result<Call> {
        let member = member.into_id()?;
        let path = path_with(&self.org, |org| format!("/organizations/{org}/members/{member}"))?;
        Ok(Call::new(method, "/organizations/{organization_id}/members/{member_id}", path))
    }

    /// Lists members: filter, then `.send()` for one page or `.stream()` for all.
    pub fn list(&self) -> ListMembers {
        let path = path_with(&self.org, |org| format!("/organizations/{org}/members"));
        let template = "/organizations/{organization_id}/members";
        ListMembers { list: ListSpec::new(self.client.clone(), template, path, "page_token", Scheme::PageToken) }
    }

    /// Gets a member.
    pub fn get(&self, member: impl IntoId<MemberId>) -> Request<Member> {
        Request::new(self.client.clone(), self.member_call(Method::GET, member))
    }

    /// Removes a member (the API answers 204, no content).
    pub fn delete(&self, member: impl IntoId<MemberId>) -> Request<()> {
        Request::empty(self.client.clone(), self.member_call(Method::DELETE, member))
    }

    /// Adds a member by email.
    pub fn create(&self, member: impl Into<NewMember>) -> CreateMember {
        CreateMember { client: self.client.clone(), org: self.org.clone(), member: member.into(), max_retries: None }
    }

    /// Adds up to 10 members at once (`members:batchCreate`); more is refused before sending.
    pub fn batch_create<I, M>(&self, members: I) -> Request<Vec<Member>>
    where
        I: IntoIterator<Item = M>,
        M: Into<NewMember>,
    {
        let members: Vec<NewMember> = members.into_iter().map(Into::into).collect();
        let call = (|| {
            if members.is_empty() || members.len() > MAX_BATCH {
                return Err(Error::invalid_input(
                    "members",
                    format!("holds {} members; a batch takes 1 to {MAX_BATCH}", members.len()),
                ));
            }
            let body = cf_orgs_gen::types::OrganizationsApiBatchCreateMembersRequest {
                members: members.iter().map(NewMember::body).collect::<Result<_>>()?,
            };
            let path = path_with(&self.org, |org| format!("/organizations/{org}/members:batchCreate"))?;
            Call::new(Method::POST, "/organizations/{organization_id}/members:batchCreate", path).json(&body)
        })();
        Request::new(self.client.clone(), call)
    }
}

/// `members().create(email)`.
#[derive(Debug)]
#[must_use = "a request does nothing until sent"]
pub struct CreateMember {
    client: Client,
    org: Result<OrganizationId>,
    member: NewMember,
    max_retries: Option<u32>,
}

impl CreateMember {
    /// The initial status.
    pub fn status(mut self, status: NewMemberStatus) -> Self {
        self.member.status = Some(status);
        self
    }

    fn request(self) -> Request<Member> {
        let call = (|| {
            let body = cf_orgs_gen::types::OrganizationsApiCreateMemberRequest { member: self.member.body()? };
            let path = path_with(&self.org, |org| format!("/organizations/{org}/members"))?;
            Ok(Call::new(Method::POST, "/organizations/{organization_id}/members", path)
                .json(&body)?
                .retries(self.max_retries))
        })();
        Request::new(self.client, call)
    }

    /// Retries for this request only (a POST: only after a 429 or a connection that never reached the server).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }
}

sendable!(CreateMember => Member);

/// `members().list()`: the filters of `GET /organizations/{id}/members`.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until sent or streamed"]
pub struct ListMembers {
    list: ListSpec,
}

impl ListMembers {
    /// Only members with this status (repeatable).
    pub fn status(mut self, status: MemberStatus) -> Self {
        self.list.query.add("status", status.as_str());
        self
    }

    /// User email equal to.
    pub fn user_email(mut self, email: impl Into<String>) -> Self {
        self.list.query.set("user.email", email);
        self
    }

    /// User email containing.
    pub fn user_email_contains(mut self, part: impl Into<String>) -> Self {
        self.list.query.set("user.email.contains", part);
        self
    }

    /// User email starting with.
    pub fn user_email_starts_with(mut self, prefix: impl Into<String>) -> Self {
        self.list.query.set("user.email.startsWith", prefix);
        self
    }

    /// User email ending with.
    pub fn user_email_ends_with(mut self, suffix: impl Into<String>) -> Self {
        self.list.query.set("user.email.endsWith", suffix);
        self
    }

    token_paging!();
    list_methods!(Member, "member");
}
