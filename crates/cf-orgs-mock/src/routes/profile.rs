//! `/organizations/{organization_id}/profile`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use serde_json::json;

use super::{Change, Ctx, EmailKey, no_org, world};
use crate::Shared;
use crate::envelope::{Outcome, json_body, no_content, ok};
use crate::state::Profile;

pub async fn get(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>) -> Outcome {
    ctx.actor(&s, EmailKey)?;
    let w = world(&s);
    let org = w.require_org(&id)?;
    let profile = match &org.profile {
        Some(p) => serde_json::to_value(p).unwrap_or_default(),
        None => {
            json!({ "business_name": "", "business_email": "", "business_phone": "", "business_address": "", "external_metadata": "" })
        }
    };
    Ok(ok(profile))
}

pub async fn put(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>, body: Bytes) -> Outcome {
    let actor = ctx.actor(&s, EmailKey)?;
    let profile: Profile = json_body(&body)?;
    let mut w = world(&s);
    w.orgs.get_mut(&id).ok_or_else(|| no_org(&id))?.profile = Some(profile);
    ctx.audit(
        &mut w,
        &actor,
        Change {
            org: &id,
            action: "update",
            description: "Update organization profile",
            resource_id: &id,
            resource_type: "profile",
            status: 204,
        },
    );
    Ok(no_content())
}
