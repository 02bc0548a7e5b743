//! `/organizations/{organization_id}/shares` (seeded shares), by page number.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use cf_orgs_gen::operations::OrganizationSharesListQuery;
use cf_orgs_gen::types::{
    OrganizationSharesListDirection as Direction, OrganizationSharesListOrder as Order, ResourceSharingResultInfo,
    ResourceSharingShareObject,
};
use serde_json::{Value, json};

use super::shared::{Ctx, Require};
use crate::envelope::Outcome;
use crate::shared::Shared;
use crate::world::to_json;

pub async fn list(State(s): State<Arc<Shared>>, ctx: Ctx, Path(org): Path<String>) -> Outcome {
    ctx.actor(&s)?;
    let q: OrganizationSharesListQuery = ctx.query()?;
    let w = ctx.world();
    w.require_org(&org)?;
    let is = |wanted: &Option<String>, value: String| wanted.as_ref().is_none_or(|w| *w == value);
    let mut shares: Vec<&ResourceSharingShareObject> =
        w.shares.get(&org).map(|v| v.iter().collect()).unwrap_or_default();
    shares.retain(|sh| {
        is(&q.status, sh.status.to_string())
            && q.kind.as_ref().is_none_or(|k| sh.kind.is_some_and(|kind| kind.to_string() == *k))
            && is(&q.target_type, sh.target_type.to_string())
            && (q.resource_types.is_empty()
                || sh.resources.iter().any(|r| q.resource_types.contains(&r.resource_type.to_string())))
    });
    // The spec's orders are `name` and `created` (the default).
    match q.order.as_deref().and_then(|o| o.parse().ok()) {
        Some(Order::Name) => shares.sort_by(|a, b| a.name.0.cmp(&b.name.0)),
        _ => shares.sort_by_key(|sh| sh.created.0),
    }
    if q.direction.as_deref().and_then(|d| d.parse().ok()) == Some(Direction::Desc) {
        shares.reverse();
    }
    // Both at least 1, per_page at most 100: the spec's ranges, already checked.
    let page = q.page.and_then(|p| usize::try_from(p).ok()).unwrap_or(1);
    let per_page = q
        .per_page
        .and_then(|p| usize::try_from(p).ok())
        .unwrap_or(OrganizationSharesListQuery::PER_PAGE_DEFAULT as usize);
    let total = shares.len();
    let result: Vec<Value> =
        shares.into_iter().skip((page - 1).saturating_mul(per_page)).take(per_page).map(to_json).collect();
    let info = ResourceSharingResultInfo {
        count: Some(result.len() as f64),
        page: Some(page as f64),
        per_page: Some(per_page as f64),
        total_count: Some(total as f64),
        total_pages: Some(total.div_ceil(per_page) as f64),
    };
    Ok(Json(json!({ "success": true, "errors": [], "result": result, "result_info": to_json(&info) })).into_response())
}
