//! Accounts: an organization's (`/organizations/{organization_id}/accounts`), moving one
//! (`/accounts/{account_id}/move`), the organizations that hold one, and an account's profile.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use cf_orgs_gen::operations::OrganizationsGetAccountsQuery;
use cf_orgs_gen::types::{self as t, OrganizationsGetAccountsDirection};

use super::shared::{Change, Ctx, Require, TextFilter, token_page};
use crate::envelope::{Failure, Outcome, json_body, no_content, ok, page};
use crate::paging;
use crate::shared::Shared;
use crate::world::{Account, Missing, Profile, World, to_json};

pub async fn list(State(s): State<Arc<Shared>>, ctx: Ctx, Path(org): Path<String>) -> Outcome {
    ctx.actor(&s)?;
    let q: OrganizationsGetAccountsQuery = ctx.query()?;
    let w = ctx.world();
    w.require_org(&org)?;
    let pubname = TextFilter::new(
        &q.account_pubname,
        &q.account_pubname_starts_with,
        &q.account_pubname_ends_with,
        &q.account_pubname_contains,
        false,
    );
    let name = TextFilter::new(&q.name, &q.name_starts_with, &q.name_ends_with, &q.name_contains, false);
    let mut accounts: Vec<&Account> =
        w.accounts_of(&org).filter(|a| pubname.matches(&a.pubname) && name.matches(&a.name)).collect();
    // The spec allows one order (`account_name`), already checked.
    match q.order_by {
        None => accounts.sort_by_key(|a| a.seq),
        Some(_) => accounts.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.seq.cmp(&b.seq))),
    }
    if q.direction.as_deref().and_then(|d| d.parse().ok()) == Some(OrganizationsGetAccountsDirection::Desc) {
        accounts.reverse();
    }
    let filters =
        paging::fingerprint(&OrganizationsGetAccountsQuery { page_token: None, page_size: None, ..q.clone() });
    let (accounts, info) = token_page(
        accounts,
        q.page_token.as_deref(),
        (q.page_size, OrganizationsGetAccountsQuery::PAGE_SIZE_DEFAULT),
        filters,
    )?;
    Ok(page(accounts.into_iter().map(World::account_json).collect(), to_json(&info)))
}

/// `POST /accounts/{account_id}/move`: the account into the destination organization, written
/// to the audit log of the organization it left and of the one it joined.
pub async fn move_account(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>, body: Bytes) -> Outcome {
    let actor = ctx.actor(&s)?;
    let body: t::AccountsMoveAccountsBody = json_body(&body)?;
    let to = body.destination_organization_id;
    let mut w = ctx.world();
    let from = w.move_account(&id, &to).map_err(missing)?;
    let description = format!("Move account {id} to organization {to}");
    for org in from.iter().chain([&to]).collect::<std::collections::BTreeSet<_>>() {
        let change = Change {
            org,
            action: "update",
            description: &description,
            resource_id: &id,
            resource_type: "account",
            status: 200,
        };
        ctx.audit(&mut w, &actor, change);
    }
    Ok(ok(to_json(&t::OrganizationsApiMoveAccountResponse {
        account_id: id,
        destination_organization_id: to.clone(),
        // An account in no organization came from none: the spec's field is a string.
        source_organization_id: from.unwrap_or_default(),
    })))
}

/// `POST /accounts/move`: the spec says "⚠️ Not implemented", and so does the mock, with the
/// spec's error envelope, after checking the body as the spec describes it.
pub async fn batch_move(State(s): State<Arc<Shared>>, ctx: Ctx, body: Bytes) -> Outcome {
    ctx.actor(&s)?;
    let _: t::AccountsBatchMoveAccountsBody = json_body(&body)?;
    // A 4XX, the one error status the spec lists for it.
    Err(Failure::new(
        StatusCode::BAD_REQUEST,
        1004,
        "batch move is not implemented (the spec says so): move each account with POST /accounts/{account_id}/move",
    ))
}

/// `GET /accounts/{account_id}/organizations`: the organizations that hold the account, root first.
pub async fn organizations(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>) -> Outcome {
    ctx.actor(&s)?;
    let w = ctx.world();
    let account = w.accounts.get(&id).ok_or_else(|| missing(Missing::Account(id.clone())))?;
    Ok(ok(serde_json::Value::Array(w.account_chain(account).into_iter().map(|o| w.organization_json(o)).collect())))
}

/// `GET /accounts/{account_id}/profile`: as an organization's, empty until given.
pub async fn get_profile(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>) -> Outcome {
    ctx.actor(&s)?;
    let w = ctx.world();
    let account = w.accounts.get(&id).ok_or_else(|| missing(Missing::Account(id.clone())))?;
    Ok(ok(to_json(&account.profile.clone().unwrap_or_else(super::profile::empty))))
}

/// `PUT /accounts/{account_id}/profile`: as an organization's, written to the audit log of the
/// organization that holds the account, if one does.
pub async fn put_profile(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>, body: Bytes) -> Outcome {
    let actor = ctx.actor(&s)?;
    let profile: Profile = json_body(&body)?;
    let mut w = ctx.world();
    let account = w.accounts.get_mut(&id).ok_or_else(|| missing(Missing::Account(id.clone())))?;
    account.profile = Some(profile);
    if let Some(org) = account.org.clone() {
        let change = Change {
            org: &org,
            action: "update",
            description: "Update account profile",
            resource_id: &id,
            resource_type: "profile",
            status: 204,
        };
        ctx.audit(&mut w, &actor, change);
    }
    Ok(no_content())
}

/// The 404 for what a request names and the world has not.
fn missing(what: Missing) -> Failure {
    match what {
        Missing::Account(id) => Failure::not_found(&format!("account {id}")),
        Missing::Organization(id) => Failure::no_org(&id),
    }
}
