//! `/organizations/{organization_id}/accounts` (seeded accounts).

use std::sync::Arc;

use axum::extract::{Path, State};

use super::{Ctx, EmailKey, TextFilter, world};
use crate::Shared;
use crate::envelope::{Failure, Outcome, page};
use crate::state::{Account, World};

pub async fn list(State(s): State<Arc<Shared>>, ctx: Ctx, Path(org): Path<String>) -> Outcome {
    ctx.actor(&s, EmailKey)?;
    let q = &ctx.query;
    let w = world(&s);
    w.require_org(&org)?;
    let (pubname, name) = (TextFilter::new(q, "account_pubname", false), TextFilter::new(q, "name", false));
    let mut accounts: Vec<&Account> = w
        .accounts
        .values()
        .filter(|a| a.org == org)
        .filter(|a| pubname.matches(&a.pubname) && name.matches(&a.name))
        .collect();
    match q.get("order_by") {
        None => accounts.sort_by_key(|a| a.seq),
        Some("account_name") => {
            accounts.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.seq.cmp(&b.seq)))
        }
        Some(other) => return Err(Failure::bad_request(format!("order_by must be account_name, got {other:?}"))),
    }
    match q.get("direction") {
        None | Some("asc") => {}
        Some("desc") => accounts.reverse(),
        Some(other) => return Err(Failure::bad_request(format!("direction must be asc or desc, got {other:?}"))),
    }
    let (accounts, info) = q.token_page(accounts)?;
    Ok(page(accounts.into_iter().map(World::account_json).collect(), info))
}
