//! `/organizations/{organization_id}/accounts` (seeded accounts).

use std::sync::Arc;

use axum::extract::{Path, State};
use cf_orgs_gen::operations::OrganizationsGetAccountsQuery;
use cf_orgs_gen::types::OrganizationsGetAccountsDirection;

use super::shared::{Ctx, Require, TextFilter, token_page};
use crate::envelope::{Outcome, page};
use crate::paging;
use crate::shared::Shared;
use crate::world::{Account, World, to_json};

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
    let mut accounts: Vec<&Account> = w
        .accounts
        .values()
        .filter(|a| a.org == org)
        .filter(|a| pubname.matches(&a.pubname) && name.matches(&a.name))
        .collect();
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
