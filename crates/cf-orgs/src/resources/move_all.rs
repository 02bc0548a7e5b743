//! `client.move_all(accounts, to)`: any number of accounts moved into one organization, one
//! `POST /accounts/{id}/move` each (the batch move is not implemented upstream), a few at a time,
//! each paced by the client's rate limiter. One outcome per account, in the order given.

use std::future::IntoFuture;
use std::pin::Pin;

use futures_util::{StreamExt, stream};

use crate::client::Client;
use crate::error::Result;
use crate::ids::{AccountId, IntoId, OrganizationId};
use crate::models::AccountMove;

/// `client.move_all(accounts, to)`: set the concurrency, then await it for every outcome, or
/// `.stream()` them in order as they finish.
///
/// A move is a POST: it is retried only where the server cannot have acted (a 429, a connection
/// never made), so no account is moved twice by a retry. A move that fails gives its account that
/// error; the others go on.
#[must_use = "nothing is moved until it is awaited or streamed"]
#[derive(Debug, Clone)]
pub struct MoveAll {
    client: Client,
    accounts: Vec<Result<AccountId>>,
    to: Result<OrganizationId>,
    concurrency: usize,
}

/// What became of one account of a [`MoveAll`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct MoveOutcome {
    /// The account as given (or why it is not an account id).
    pub account: Result<AccountId>,
    /// Where it came from and went, or why it did not move.
    pub result: Result<AccountMove>,
}

impl MoveAll {
    /// Moves in flight at once unless [`concurrency`](Self::concurrency) says otherwise.
    pub const DEFAULT_CONCURRENCY: usize = 8;

    /// Moves in flight at once (at least 1).
    pub fn concurrency(mut self, moves: usize) -> Self {
        self.concurrency = moves.max(1);
        self
    }

    /// Every account's outcome, in the order given.
    pub fn stream(self) -> MoveOutcomes {
        let Self { client, accounts, to, concurrency } = self;
        let outcomes = stream::iter(accounts)
            .map(move |account| {
                let (client, to) = (client.clone(), to.clone());
                async move {
                    let result = match (&account, &to) {
                        (Ok(id), Ok(to)) => client.account(id).move_to(to).send().await,
                        (Err(e), _) | (_, Err(e)) => Err(e.clone()),
                    };
                    MoveOutcome { account, result }
                }
            })
            .buffered(concurrency);
        MoveOutcomes::new(outcomes)
    }
}

impl IntoFuture for MoveAll {
    type Output = Vec<MoveOutcome>;
    type IntoFuture = Pin<Box<dyn std::future::Future<Output = Vec<MoveOutcome>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.stream().collect())
    }
}

/// The outcomes of a [`MoveAll`], in the order the accounts were given.
pub type MoveOutcomes = super::outcomes::Outcomes<MoveOutcome>;

impl Client {
    /// Moves any number of accounts into the organization `to`: one move per account,
    /// [`MoveAll::DEFAULT_CONCURRENCY`] in flight, each paced by the client's rate limiter. Await
    /// it for one [`MoveOutcome`] per account, in the order given, or `.stream()` them.
    ///
    #[doc = cf_orgs_gen::operation_credentials!(AccountsMoveAccounts)]
    pub fn move_all<I, A>(&self, accounts: I, to: impl IntoId<OrganizationId>) -> MoveAll
    where
        I: IntoIterator<Item = A>,
        A: IntoId<AccountId>,
    {
        MoveAll {
            client: self.clone(),
            accounts: accounts.into_iter().map(IntoId::into_id).collect(),
            to: to.into_id(),
            concurrency: MoveAll::DEFAULT_CONCURRENCY,
        }
    }
}
