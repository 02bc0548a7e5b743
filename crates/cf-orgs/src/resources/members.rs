//! Members of an organization: `client.organization(&id).members()`.

use cf_orgs_gen::operations as ops;
use serde_json::{Value, json};

use super::create_all::CreateAll;
use crate::builders::{CreateMember, CreateMembers};
use crate::handles::Members;
use crate::models::NewMemberStatus;
use crate::operation::body_from;
use crate::request::Request;

/// The most members one `batch_create` takes (the spec's `maxItems` at this
/// release), for splitting a long list. A larger batch is sent as given: the
/// limit is the server's, and its 400 comes back.
pub const MAX_BATCH: usize = ops::MembersBatchCreate::MEMBERS_MAX_ITEMS;

/// One member to create: an email, and optionally the initial status.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewMember {
    /// The user's email.
    pub email: String,
    /// The initial status (the API's default when `None`).
    pub status: Option<NewMemberStatus>,
}

impl NewMember {
    /// A member to add by email, with the API's default status.
    pub fn new(email: impl Into<String>) -> Self {
        Self { email: email.into(), status: None }
    }

    /// Creates it with this status.
    pub fn status(mut self, status: impl Into<NewMemberStatus>) -> Self {
        self.status = Some(status.into());
        self
    }

    /// The member as the body describes it; a status the spec does not list is sent as given.
    /// As JSON, read into the generated body type: a field the spec adds to it later is left out
    /// unless set, where a struct literal would stop compiling.
    fn json(&self) -> Value {
        let mut member = json!({ "user": { "email": self.email.trim() } });
        if let Some(status) = &self.status {
            member["status"] = json!(status.as_str());
        }
        member
    }
}

impl<S: Into<String>> From<S> for NewMember {
    fn from(email: S) -> Self {
        Self::new(email)
    }
}

impl Members {
    /// Adds a member by email.
    ///
    #[doc = cf_orgs_gen::operation_credentials!(MembersCreate)]
    pub fn create(&self, member: impl Into<NewMember>) -> CreateMember {
        let member = member.into().json();
        let op = self.organization_id.clone().and_then(|organization_id| {
            let body = body_from("member", json!({ "member": member }))?;
            Ok(ops::MembersCreate { organization_id, body })
        });
        CreateMember(Request::new(self.client.clone(), op))
    }

    /// Adds up to [`MAX_BATCH`] members at once (`members:batchCreate`); the API refuses more (400).
    ///
    #[doc = cf_orgs_gen::operation_credentials!(MembersBatchCreate)]
    pub fn batch_create<I, M>(&self, members: I) -> CreateMembers
    where
        I: IntoIterator<Item = M>,
        M: Into<NewMember>,
    {
        let members: Vec<Value> = members.into_iter().map(|m| m.into().json()).collect();
        let op = self.organization_id.clone().and_then(|organization_id| {
            let body = body_from("members", json!({ "members": members }))?;
            Ok(ops::MembersBatchCreate { organization_id, body })
        });
        CreateMembers(Request::new(self.client.clone(), op))
    }
}

impl Members {
    /// Adds any number of members: batches of [`MAX_BATCH`] (the spec's
    /// `maxItems`), [`CreateAll::DEFAULT_CONCURRENCY`] in flight, each paced
    /// by the client's rate limiter. Await it for one [`MemberOutcome`](crate::MemberOutcome) per
    /// member, in the order given, or `.stream()` them.
    ///
    #[doc = cf_orgs_gen::operation_credentials!(MembersBatchCreate)]
    pub fn create_all<I, M>(&self, members: I) -> CreateAll
    where
        I: IntoIterator<Item = M>,
        M: Into<NewMember>,
    {
        CreateAll::new(self.clone(), members.into_iter().map(Into::into).collect())
    }
}
