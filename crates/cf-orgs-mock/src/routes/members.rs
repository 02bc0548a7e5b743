//! `/organizations/{organization_id}/members`, one member, and `members:batchCreate`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use cf_orgs_gen::operations::MembersListQuery;
use cf_orgs_gen::types::{
    OrganizationsApiBatchCreateMembersRequest as BatchIn, OrganizationsApiCreateMemberRequest as CreateIn,
    OrganizationsApiCreateSingleMember as MemberIn, OrganizationsApiCreateSingleMemberStatus as NewStatus,
    OrganizationsApiMemberStatus as Status,
};
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::shared::{Change, Ctx, Require, token_page};
use crate::envelope::{Failure, Outcome, json_body, no_content, ok, page};
use crate::paging;
use crate::shared::Shared;
use crate::world::{Member, World, to_json};

/// The spec's `maxItems` for a batch.
const MAX_BATCH: usize = cf_orgs_gen::operations::MembersBatchCreate::MEMBERS_MAX_ITEMS;

pub async fn list(State(s): State<Arc<Shared>>, ctx: Ctx, Path(org): Path<String>) -> Outcome {
    ctx.actor(&s)?;
    let q: MembersListQuery = ctx.query()?;
    let w = ctx.world();
    w.require_org(&org)?;
    let email = super::shared::TextFilter::new(
        &q.user_email,
        &q.user_email_starts_with,
        &q.user_email_ends_with,
        &q.user_email_contains,
        false,
    );
    let mut members: Vec<&Member> = w
        .members
        .values()
        .filter(|m| m.org == org)
        .filter(|m| q.status.is_empty() || q.status.contains(&m.status.to_string()))
        .filter(|m| email.matches(&m.email))
        .collect();
    members.sort_by_key(|m| m.seq);
    let filters = paging::fingerprint(&MembersListQuery { page_token: None, page_size: None, ..q.clone() });
    let (members, info) =
        token_page(members, q.page_token.as_deref(), (q.page_size, MembersListQuery::PAGE_SIZE_DEFAULT), filters)?;
    Ok(page(members.into_iter().map(World::member_json).collect(), to_json(&info)))
}

/// Checks one member to add; the status defaults to `pending` (an invitation).
fn validate(w: &World, org: &str, m: &MemberIn) -> Result<(String, Status), Failure> {
    let email = m.user.email.trim().to_lowercase();
    if !email.contains('@') {
        return Err(Failure::bad_request(format!("{:?} is not an email address", m.user.email)));
    }
    // The body takes any string (open-body-enums); the server takes the spec's values only.
    let status = match m.status.as_deref().map(str::parse::<NewStatus>) {
        None => Status::Pending,
        Some(Ok(NewStatus::Active)) => Status::Active,
        Some(Ok(NewStatus::Canceled)) => Status::Canceled,
        Some(Err(_)) => {
            let given = m.status.as_deref().unwrap_or_default();
            return Err(Failure::bad_request(format!(
                "member.status {given:?} is not a status a member is created with"
            )));
        }
    };
    if w.members.values().any(|x| x.org == org && x.email == email) {
        return Err(Failure::new(
            StatusCode::CONFLICT,
            1062,
            format!("{email} is already a member of this organization"),
        ));
    }
    Ok((email, status))
}

fn add(w: &mut World, org: &str, email: String, status: Status, t: DateTime<Utc>) -> String {
    let id = w.ids.tag();
    let user_id = w.ids.tag();
    let name = email.split('@').next().unwrap_or_default().to_string();
    let seq = w.next_seq();
    w.members.insert(
        id.clone(),
        Member { seq, id: id.clone(), org: org.into(), status, user_id, email, name, create_time: t, update_time: t },
    );
    w.creates += 1;
    id
}

pub async fn create(State(s): State<Arc<Shared>>, ctx: Ctx, Path(org): Path<String>, body: Bytes) -> Outcome {
    let actor = ctx.actor(&s)?;
    let input: CreateIn = json_body(&body)?;
    let mut w = ctx.world();
    w.require_org(&org)?;
    let (email, status) = validate(&w, &org, &input.member)?;
    let id = add(&mut w, &org, email, status, ctx.now());
    ctx.audit(
        &mut w,
        &actor,
        Change {
            org: &org,
            action: "create",
            description: "Add member",
            resource_id: &id,
            resource_type: "member",
            status: 200,
        },
    );
    Ok(ok(World::member_json(&w.members[&id])))
}

pub async fn batch_create(State(s): State<Arc<Shared>>, ctx: Ctx, Path(org): Path<String>, body: Bytes) -> Outcome {
    let actor = ctx.actor(&s)?;
    let input: BatchIn = json_body(&body)?;
    if input.members.is_empty() || input.members.len() > MAX_BATCH {
        return Err(Failure::bad_request(format!(
            "members must hold 1 to {MAX_BATCH} items, got {}",
            input.members.len()
        )));
    }
    let mut w = ctx.world();
    w.require_org(&org)?;
    // All or nothing: check every member (and duplicates inside the batch) before adding any.
    let mut checked = Vec::new();
    for m in &input.members {
        let (email, status) = validate(&w, &org, m)?;
        if checked.iter().any(|(e, _)| *e == email) {
            return Err(Failure::bad_request(format!("{email} appears twice in the batch")));
        }
        checked.push((email, status));
    }
    let mut created = Vec::new();
    for (email, status) in checked {
        let id = add(&mut w, &org, email, status, ctx.now());
        ctx.audit(
            &mut w,
            &actor,
            Change {
                org: &org,
                action: "create",
                description: "Add member",
                resource_id: &id,
                resource_type: "member",
                status: 200,
            },
        );
        created.push(World::member_json(&w.members[&id]));
    }
    Ok(ok(Value::Array(created)))
}

pub async fn get(State(s): State<Arc<Shared>>, ctx: Ctx, Path((org, member)): Path<(String, String)>) -> Outcome {
    ctx.actor(&s)?;
    let w = ctx.world();
    let m = w.members.get(&member).filter(|m| m.org == org).ok_or_else(|| Failure::not_found("member"))?;
    Ok(ok(World::member_json(m)))
}

pub async fn delete(State(s): State<Arc<Shared>>, ctx: Ctx, Path((org, member)): Path<(String, String)>) -> Outcome {
    let actor = ctx.actor(&s)?;
    let mut w = ctx.world();
    if w.members.get(&member).is_none_or(|m| m.org != org) {
        return Err(Failure::not_found("member"));
    }
    w.members.remove(&member);
    ctx.audit(
        &mut w,
        &actor,
        Change {
            org: &org,
            action: "delete",
            description: "Remove member",
            resource_id: &member,
            resource_type: "member",
            status: 204,
        },
    );
    Ok(no_content())
}
