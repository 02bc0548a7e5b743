//! `/organizations/{organization_id}/accounts` (seeded accounts).

use std::sync::Arc;

use axum::extract::{Path, State};

use super::{Ctx, EmailKey, text_matches, world};
use crate::Shared;
use crate::envelope::{Failure, Outcome, page};
use crate::state::{Account, World};

pub async fn list(State(s): State<Arc<Shared>>, ctx: Ctx, Path(org): Path<String>) -> Outcome {
    ctx.actor(&s, EmailKey)?;
    let q = &ctx.query;
    let w = world(&s);
    w.require_org(&org)?;
    let mut accounts: Vec<&Account> = w
        .accounts
        .values()
        .filter(|a| a.org == org)
        .filter(|a| text_matches(q, "account_pubname", &a.pubname, false) && text_matches(q, "name", &a.name, false))
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
    let json = accounts.into_iter().map(World::account_json).collect();
    let (items, info) = q.token_page(json)?;
    Ok(page(items, info))
}
