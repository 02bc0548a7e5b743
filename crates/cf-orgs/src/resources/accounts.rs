//! Accounts: moving them between organizations (`client.account(&id).move_to(&org)`,
//! `client.batch_move_accounts(..)`) and an account's profile.

use cf_orgs_gen::operations as ops;
use serde_json::json;

use crate::builders::{BatchMoveAccounts, MoveAccount, UpdateAccountProfile};
use crate::client::Client;
use crate::handles::{AccountHandle, AccountProfileHandle};
use crate::ids::{AccountId, IntoId, OrganizationId};
use crate::models::Profile;
use crate::operation::body_from;
use crate::request::Request;

impl AccountHandle {
    /// Moves the account into the organization `to`: into an organization, or to another one of
    /// its hierarchy. An account is in one organization at a time; the answer says where it came
    /// from and where it went.
    ///
    #[doc = cf_orgs_gen::operation_credentials!(AccountsMoveAccounts)]
    pub fn move_to(&self, to: impl IntoId<OrganizationId>) -> MoveAccount {
        let to = to.into_id();
        let op = self.account_id.clone().and_then(|account_id| {
            let body = json!({ "destination_organization_id": to?.to_string() });
            Ok(ops::AccountsMoveAccounts { account_id, body: body_from("destination_organization_id", body)? })
        });
        MoveAccount(Request::new(self.client.clone(), op))
    }
}

impl AccountProfileHandle {
    /// Replaces the account's profile (the API answers 204, no content).
    ///
    #[doc = cf_orgs_gen::operation_credentials!(AccountsModifyAccountProfile)]
    pub fn update(&self, profile: Profile) -> UpdateAccountProfile {
        let op = self.account_id.clone().and_then(|account_id| {
            Ok(ops::AccountsModifyAccountProfile { account_id, body: body_from("profile", &profile)? })
        });
        UpdateAccountProfile(Request::new(self.client.clone(), op))
    }
}

impl Client {
    /// Moves these accounts into the organization `to`, in one request.
    ///
    /// **The spec says this operation is not implemented** ("⚠️ Not implemented"): it is here as
    /// the spec has it. [`Client::move_all`](crate::Client::move_all) moves any number of accounts
    /// today, one request each.
    ///
    #[doc = cf_orgs_gen::operation_credentials!(AccountsBatchMoveAccounts)]
    pub fn batch_move_accounts<I, A>(&self, accounts: I, to: impl IntoId<OrganizationId>) -> BatchMoveAccounts
    where
        I: IntoIterator<Item = A>,
        A: IntoId<AccountId>,
    {
        let accounts: crate::Result<Vec<String>> =
            accounts.into_iter().map(|a| a.into_id().map(|a| a.to_string())).collect();
        let op = accounts.and_then(|account_ids| {
            let body = json!({ "account_ids": account_ids, "destination_organization_id": to.into_id()?.to_string() });
            Ok(ops::AccountsBatchMoveAccounts { body: body_from("account_ids", body)? })
        });
        BatchMoveAccounts(Request::new(self.clone(), op))
    }
}
