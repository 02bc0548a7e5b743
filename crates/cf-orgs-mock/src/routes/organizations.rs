//! `/organizations` and `/organizations/{organization_id}`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::json;

use super::{Change, Ctx, EmailKey, TextFilter, TokenOrEmailKey, no_org, now, world};
use crate::Shared;
use crate::envelope::{Failure, Outcome, json_body, ok, page};
use crate::state::{Organization, Profile};

#[derive(Deserialize)]
struct ParentIn {
    id: String,
}

#[derive(Deserialize)]
struct OrganizationIn {
    name: Option<String>,
    parent: Option<ParentIn>,
    profile: Option<Profile>,
}

pub async fn list(State(s): State<Arc<Shared>>, ctx: Ctx) -> Outcome {
    ctx.actor(&s, TokenOrEmailKey)?;
    let q = &ctx.query;
    let w = world(&s);
    let ids = q.all("id");
    let name = TextFilter::new(q, "name", true);
    let mut orgs: Vec<&Organization> = w
        .orgs
        .values()
        .filter(|o| ids.is_empty() || ids.contains(&o.id.as_str()))
        .filter(|o| name.matches(&o.name))
        .filter(|o| match q.get("parent.id") {
            None => true,
            Some("null") => o.parent.is_none(),
            Some(parent) => o.parent.as_deref() == Some(parent),
        })
        .filter(|o| {
            q.get("containing.account")
                .is_none_or(|acc| w.accounts.get(acc).is_some_and(|a| w.contains_org(&o.id, &a.org)))
        })
        .filter(|o| {
            q.get("containing.user").is_none_or(|user| {
                w.members
                    .values()
                    .any(|m| (m.user_id == user || m.email.eq_ignore_ascii_case(user)) && w.contains_org(&o.id, &m.org))
            })
        })
        .filter(|o| q.get("containing.organization").is_none_or(|other| other != o.id && w.contains_org(&o.id, other)))
        .collect();
    orgs.sort_by_key(|o| o.seq);
    // Page first: only the page is rendered, however long the list.
    let (orgs, info) = q.token_page(orgs)?;
    Ok(page(orgs.into_iter().map(|o| w.organization_json(o)).collect(), info))
}

pub async fn create(State(s): State<Arc<Shared>>, ctx: Ctx, body: Bytes) -> Outcome {
    let actor = ctx.actor(&s, EmailKey)?;
    let input: OrganizationIn = json_body(&body)?;
    let name = input.name.filter(|n| !n.trim().is_empty()).ok_or_else(|| Failure::bad_request("name is required"))?;
    let mut w = world(&s);
    let parent = match input.parent {
        Some(p) if !w.orgs.contains_key(&p.id) => {
            return Err(Failure::bad_request(format!("parent organization {} not found", p.id)));
        }
        Some(p) => Some(p.id),
        None => None,
    };
    let id = w.ids.tag();
    let tag = w.ids.tag();
    let seq = w.next_seq();
    let org = Organization { seq, id: id.clone(), name, parent, profile: input.profile, create_time: now(), tag };
    w.orgs.insert(id.clone(), org);
    w.creates += 1;
    ctx.audit(
        &mut w,
        &actor,
        Change {
            org: &id,
            action: "create",
            description: "Create organization",
            resource_id: &id,
            resource_type: "organization",
            status: 200,
        },
    );
    let json = w.organization_json(&w.orgs[&id]);
    Ok(ok(json))
}

pub async fn get(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>) -> Outcome {
    ctx.actor(&s, EmailKey)?;
    let w = world(&s);
    Ok(ok(w.organization_json(w.require_org(&id)?)))
}

pub async fn modify(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>, body: Bytes) -> Outcome {
    let actor = ctx.actor(&s, EmailKey)?;
    let input: OrganizationIn = json_body(&body)?;
    let mut w = world(&s);
    let org = w.orgs.get_mut(&id).ok_or_else(|| no_org(&id))?;
    // "Only accepts updates to name currently."
    let name = input.name.filter(|n| !n.trim().is_empty()).ok_or_else(|| Failure::bad_request("name is required"))?;
    org.name = name;
    ctx.audit(
        &mut w,
        &actor,
        Change {
            org: &id,
            action: "update",
            description: "Update organization",
            resource_id: &id,
            resource_type: "organization",
            status: 200,
        },
    );
    let json = w.organization_json(&w.orgs[&id]);
    Ok(ok(json))
}

pub async fn delete(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>) -> Outcome {
    let actor = ctx.actor(&s, EmailKey)?;
    let mut w = world(&s);
    w.require_org(&id)?;
    let children = w.children(&id);
    let accounts = w.accounts.values().filter(|a| a.org == id).count();
    let members = w.members.values().filter(|m| m.org == id).count();
    if children + accounts + members > 0 {
        return Err(Failure::new(
            StatusCode::CONFLICT,
            1010,
            format!(
                "organization is not empty: {children} sub-organizations, {accounts} accounts, {members} members; remove them first"
            ),
        ));
    }
    w.orgs.remove(&id);
    ctx.audit(
        &mut w,
        &actor,
        Change {
            org: &id,
            action: "delete",
            description: "Delete organization",
            resource_id: &id,
            resource_type: "organization",
            status: 200,
        },
    );
    Ok(ok(json!({ "id": id })))
}
