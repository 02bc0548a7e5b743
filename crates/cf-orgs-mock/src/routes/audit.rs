//! `/organizations/{organization_id}/logs/audit` and an entry's history.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Value, json};

use super::{Ctx, Query, TokenOrEmailKey, no_org, world};
use crate::Shared;
use crate::envelope::{Failure, Outcome};
use crate::paging;
use crate::state::{AuditEntry, World};

/// Reads the value a filter compares from an entry.
type Read = fn(&AuditEntry) -> String;

/// The repeatable filters, by query name, and what of an entry each reads.
const FILTERS: &[(&str, Read)] = &[
    ("action_result", |_| "success".into()),
    ("action_type", |e| e.action_type.into()),
    ("actor_context", |e| e.actor.context.into()),
    ("actor_email", |e| e.actor.email.clone()),
    ("actor_id", |e| e.actor.id.clone()),
    ("actor_ip_address", |_| "127.0.0.1".into()),
    ("actor_token_id", |e| e.actor.token_id.clone().unwrap_or_default()),
    ("actor_token_name", |e| if e.actor.token_id.is_some() { "cf-orgs-mock token".into() } else { String::new() }),
    ("actor_type", |_| "user".into()),
    ("id", |e| e.id.clone()),
    ("raw_cf_ray_id", |e| e.raw.ray.clone()),
    ("raw_method", |e| e.raw.method.clone()),
    ("raw_status_code", |e| e.raw.status.to_string()),
    ("raw_uri", |e| e.raw.uri.clone()),
    ("resource_id", |e| e.resource_id.clone()),
    ("resource_product", |_| "organizations".into()),
    ("resource_type", |e| e.resource_type.into()),
    ("resource_scope", |_| "organizations".into()),
];

/// `since` (inclusive) and `before` (exclusive): a date, or an RFC 3339 time.
fn bound(q: &Query, name: &str) -> Result<DateTime<Utc>, Failure> {
    let value = q.get(name).ok_or_else(|| Failure::bad_request(format!("{name} is required")))?;
    if let Ok(date) = value.parse::<NaiveDate>() {
        return Ok(date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    }
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Failure::bad_request(format!("{name} must be a date or an RFC 3339 time, got {value:?}")))
}

fn matches(q: &Query, e: &AuditEntry) -> bool {
    FILTERS.iter().all(|(name, read)| {
        let value = read(e);
        let wanted = q.all(name);
        let unwanted = q.all(&format!("{name}.not"));
        (wanted.is_empty() || wanted.iter().any(|w| w.eq_ignore_ascii_case(&value)))
            && !unwanted.iter().any(|u| u.eq_ignore_ascii_case(&value))
    })
}

/// Entries of `org` in the window, ordered by `direction` (newest first by default), one cursor page.
fn window(q: &Query, w: &World, org: &str, keep: impl Fn(&AuditEntry) -> bool) -> Result<(Vec<Value>, Value), Failure> {
    let since = bound(q, "since")?;
    let before = bound(q, "before")?;
    let limit = match q.get("limit") {
        None => 100,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| Failure::bad_request(format!("limit must be 1 to 1000, got {v:?}")))?,
    };
    let mut entries: Vec<&AuditEntry> =
        w.audit.iter().filter(|e| e.org == org && e.time >= since && e.time < before && keep(e)).collect();
    match q.get("direction") {
        None | Some("desc") => entries.reverse(),
        Some("asc") => {}
        Some(other) => return Err(Failure::bad_request(format!("direction must be asc or desc, got {other:?}"))),
    }
    let filters = paging::fingerprint(&q.0, &["cursor", "limit"]);
    let offset = match q.get("cursor") {
        Some(c) if !c.is_empty() => paging::decode(c, filters)?,
        _ => 0,
    };
    let page: Vec<Value> = entries.iter().skip(offset).take(limit).map(|e| World::audit_json(e)).collect();
    let mut info = json!({ "count": page.len().to_string() });
    if offset + page.len() < entries.len() {
        info["cursor"] = json!(paging::encode(offset + page.len(), filters));
    }
    Ok((page, info))
}

pub async fn list(State(s): State<Arc<Shared>>, ctx: Ctx, Path(org): Path<String>) -> Outcome {
    ctx.actor(&s, TokenOrEmailKey)?;
    let w = world(&s);
    if !w.orgs.contains_key(&org) && !w.audit.iter().any(|e| e.org == org) {
        return Err(no_org(&org));
    }
    let (result, info) = window(&ctx.query, &w, &org, |e| matches(&ctx.query, e))?;
    Ok(Json(json!({ "success": true, "errors": [], "result": result, "result_info": info })).into_response())
}

pub async fn history(State(s): State<Arc<Shared>>, ctx: Ctx, Path((org, id)): Path<(String, String)>) -> Outcome {
    ctx.actor(&s, TokenOrEmailKey)?;
    ctx.query.get("action_time").ok_or_else(|| Failure::bad_request("action_time is required"))?;
    let w = world(&s);
    let Some(source) = w.audit.iter().find(|e| e.org == org && e.id == id) else {
        let body = json!({
            "success": false, "errors": [{ "code": 1003, "message": "audit log entry not found" }], "result": null,
            "result_info": { "count": 0, "history_status": "unavailable" }
        });
        return Err(Failure::response((StatusCode::NOT_FOUND, Json(body)).into_response()));
    };
    let resource = source.resource_id.clone();
    let (result, mut info) = window(&ctx.query, &w, &org, |e| e.resource_id == resource)?;
    info["count"] = json!(result.len());
    info["history_status"] = json!("exact");
    Ok(Json(json!({ "success": true, "errors": [], "result": result, "result_info": info })).into_response())
}
