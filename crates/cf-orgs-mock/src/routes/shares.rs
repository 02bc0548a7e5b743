//! `/organizations/{organization_id}/shares` (seeded shares), by page number.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use serde_json::{Value, json};

use super::{Ctx, EmailKey, world};
use crate::Shared;
use crate::envelope::{Failure, Outcome};

fn number(q: &super::Query, name: &str, default: usize, max: usize) -> Result<usize, Failure> {
    match q.get(name) {
        None => Ok(default),
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| Failure::bad_request(format!("{name} must be 1 to {max}, got {v:?}"))),
    }
}

pub async fn list(State(s): State<Arc<Shared>>, ctx: Ctx, Path(org): Path<String>) -> Outcome {
    ctx.actor(&s, EmailKey)?;
    let q = &ctx.query;
    let w = world(&s);
    w.require_org(&org)?;
    let text = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    let types = q.all("resource_types");
    let mut shares: Vec<&Value> = w.shares.get(&org).map(|v| v.iter().collect()).unwrap_or_default();
    shares.retain(|sh| {
        ["status", "kind", "target_type"].iter().all(|k| q.get(k).is_none_or(|want| text(sh, k) == want))
            && (types.is_empty()
                || sh["resources"].as_array().is_some_and(|rs| {
                    rs.iter().any(|r| types.contains(&r["resource_type"].as_str().unwrap_or_default()))
                }))
    });
    match q.get("order") {
        None | Some("created") => shares.sort_by_key(|sh| text(sh, "created")),
        Some("name") => shares.sort_by_key(|sh| text(sh, "name")),
        Some(other) => return Err(Failure::bad_request(format!("order must be name or created, got {other:?}"))),
    }
    if q.get("direction") == Some("desc") {
        shares.reverse();
    }
    let page = number(q, "page", 1, usize::MAX)?;
    let per_page = number(q, "per_page", 20, 100)?;
    let total = shares.len();
    let result: Vec<Value> =
        shares.into_iter().skip((page - 1).saturating_mul(per_page)).take(per_page).cloned().collect();
    let info = json!({ "page": page, "per_page": per_page, "count": result.len(), "total_count": total, "total_pages": total.div_ceil(per_page) });
    Ok(Json(json!({ "success": true, "errors": [], "result": result, "result_info": info })).into_response())
}
