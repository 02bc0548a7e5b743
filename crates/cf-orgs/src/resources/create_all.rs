//! `members().create_all(members)`: any number of members, created in
//! batches of the spec's `maxItems` ([`MAX_BATCH`](crate::MAX_BATCH)), a few
//! batches at a time, each paced by the client's rate limiter. One outcome
//! per member, in the order given.

use std::future::IntoFuture;
use std::pin::Pin;

use futures_util::{StreamExt, stream};

use crate::error::{Error, ErrorKind, Result};
use crate::handles::Members;
use crate::models::Member;
use crate::resources::{MAX_BATCH, NewMember};

/// `members().create_all(members)`: set the concurrency, then await it for
/// every outcome, or `.stream()` them as batches finish.
///
/// A batch is one `members:batchCreate` request, a POST: it is retried only
/// where the server cannot have acted (a 429, a connection never made), so
/// no member is created twice. A batch that fails gives each of its members
/// that error; the other batches go on.
#[must_use = "nothing is created until it is awaited or streamed"]
#[derive(Debug, Clone)]
pub struct CreateAll {
    members: Members,
    inputs: Vec<NewMember>,
    concurrency: usize,
}

/// What became of one member of a [`CreateAll`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct MemberOutcome {
    /// The member as given.
    pub member: NewMember,
    /// Which batch held it (0 for the first [`MAX_BATCH`](crate::MAX_BATCH) given):
    /// the members of a failed batch share its error and this number.
    pub batch: usize,
    /// The member created, or why its batch failed.
    pub result: Result<Member>,
}

impl CreateAll {
    /// Batches in flight at once unless [`concurrency`](Self::concurrency) says otherwise.
    pub const DEFAULT_CONCURRENCY: usize = 4;

    pub(crate) fn new(members: Members, inputs: Vec<NewMember>) -> Self {
        Self { members, inputs, concurrency: Self::DEFAULT_CONCURRENCY }
    }

    /// Batches in flight at once (at least 1).
    pub fn concurrency(mut self, batches: usize) -> Self {
        self.concurrency = batches.max(1);
        self
    }

    /// Each batch's request, as it would be sent (credentials as `***`), without sending: for a
    /// dry run.
    ///
    /// # Errors
    /// An input error sending would meet first (an organization id that is not one).
    #[cfg(feature = "generated")]
    #[cfg_attr(docsrs, doc(cfg(feature = "generated")))]
    pub fn preview(&self) -> Result<Vec<crate::RequestPreview>> {
        chunks(self.inputs.clone()).into_iter().map(|chunk| self.members.batch_create(chunk).preview()).collect()
    }

    /// Every member's outcome, batch by batch in the order given.
    pub fn stream(self) -> MemberOutcomes {
        let Self { members, inputs, concurrency } = self;
        let chunks = chunks(inputs);
        let outcomes = stream::iter(chunks.into_iter().enumerate())
            .map(move |(batch, chunk)| {
                let request = members.batch_create(chunk.clone());
                async move { outcomes(batch, chunk, request.send().await) }
            })
            .buffered(concurrency)
            .flat_map(stream::iter);
        MemberOutcomes::new(outcomes)
    }
}

impl IntoFuture for CreateAll {
    type Output = Vec<MemberOutcome>;
    type IntoFuture = Pin<Box<dyn std::future::Future<Output = Vec<MemberOutcome>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.stream().collect())
    }
}

/// The outcomes of a [`CreateAll`], in the order the members were given.
pub type MemberOutcomes = super::outcomes::Outcomes<MemberOutcome>;

/// The members in batches of [`MAX_BATCH`].
fn chunks(inputs: Vec<NewMember>) -> Vec<Vec<NewMember>> {
    let mut chunks = Vec::new();
    let mut inputs = inputs.into_iter().peekable();
    while inputs.peek().is_some() {
        chunks.push(inputs.by_ref().take(MAX_BATCH).collect::<Vec<_>>());
    }
    chunks
}

/// Pairs a batch's members with its answer: by email (as the API may order
/// them its own way), else by position when the answer has one member for each.
fn outcomes(batch: usize, chunk: Vec<NewMember>, answer: Result<Vec<Member>>) -> Vec<MemberOutcome> {
    let created = match answer {
        Ok(created) => created,
        Err(e) => {
            let outcome = |member| MemberOutcome { member, batch, result: Err(e.clone()) };
            return chunk.into_iter().map(outcome).collect();
        }
    };
    let mut taken = vec![false; created.len()];
    let same_size = created.len() == chunk.len();
    let mut out = Vec::with_capacity(chunk.len());
    for (i, member) in chunk.into_iter().enumerate() {
        let email = member.email.trim();
        let found = created
            .iter()
            .enumerate()
            .position(|(j, m)| !taken[j] && m.user.email.eq_ignore_ascii_case(email))
            .or_else(|| (same_size && !taken[i]).then_some(i));
        let result = match found {
            Some(j) => {
                taken[j] = true;
                Ok(created[j].clone())
            }
            None => Err(Error::new(
                ErrorKind::Decode,
                format!("batch {batch}'s answer holds no member for one of the emails it was given"),
            )),
        };
        out.push(MemberOutcome { member, batch, result });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(email: &str) -> Member {
        serde_json::from_value(serde_json::json!({ "id": format!("m-{email}"), "user": { "email": email } })).unwrap()
    }

    #[test]
    fn answers_pair_by_email_whatever_their_order() {
        let chunk = vec![NewMember::new("a@x.example"), NewMember::new(" B@x.example ")];
        let got = outcomes(3, chunk, Ok(vec![member("b@x.example"), member("a@x.example")]));
        let ids: Vec<_> = got.iter().map(|o| o.result.as_ref().unwrap().id.as_str().to_string()).collect();
        assert_eq!(ids, ["m-a@x.example", "m-b@x.example"]);
        assert!(got.iter().all(|o| o.batch == 3));
    }

    #[test]
    fn a_failed_batch_fails_each_of_its_members_and_a_missing_one_is_named() {
        let chunk = vec![NewMember::new("a@x.example"), NewMember::new("b@x.example")];
        let err = Error::new(ErrorKind::Server, "503").with_status(503);
        let got = outcomes(0, chunk.clone(), Err(err));
        assert!(got.iter().all(|o| o.result.as_ref().unwrap_err().status() == Some(503)));
        assert_eq!(got.iter().map(|o| o.member.email.as_str()).collect::<Vec<_>>(), ["a@x.example", "b@x.example"]);
        let got = outcomes(0, chunk, Ok(vec![member("a@x.example")]));
        assert!(got[0].result.is_ok());
        assert_eq!(got[1].result.as_ref().unwrap_err().kind(), ErrorKind::Decode);
    }
}
