//! The mock's world: organizations with parents, profiles, members, accounts,
//! shares, usage, and the audit log every change appends to. Plain data and
//! the rules of the real API; HTTP lives in `routes`.

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A deterministic source of ids, from the server's seed.
#[derive(Debug)]
pub struct Ids {
    rng: fastrand::Rng,
}

impl Ids {
    pub fn new(seed: u64) -> Self {
        Self { rng: fastrand::Rng::with_seed(seed) }
    }

    /// 32 lowercase hex characters, like Cloudflare's tags.
    pub fn tag(&mut self) -> String {
        format!("{:016x}{:016x}", self.rng.u64(..), self.rng.u64(..))
    }

    /// A version-4 style UUID (audit log ids).
    pub fn uuid(&mut self) -> String {
        let t = self.tag();
        format!("{}-{}-4{}-a{}-{}", &t[0..8], &t[8..12], &t[13..16], &t[17..20], &t[20..32])
    }
}

pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A business profile, as the API sends and takes it (all five fields required).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Profile {
    pub business_name: String,
    pub business_email: String,
    pub business_phone: String,
    pub business_address: String,
    pub external_metadata: String,
}

#[derive(Debug, Clone)]
pub struct Organization {
    /// Creation order (timestamps have whole seconds).
    pub seq: u64,
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    pub profile: Option<Profile>,
    pub create_time: DateTime<Utc>,
    pub tag: String,
}

#[derive(Debug, Clone)]
pub struct Member {
    /// Creation order (timestamps have whole seconds).
    pub seq: u64,
    pub id: String,
    pub org: String,
    pub status: String,
    pub user_id: String,
    pub email: String,
    pub name: String,
    pub create_time: DateTime<Utc>,
    pub update_time: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Account {
    /// Creation order (timestamps have whole seconds).
    pub seq: u64,
    pub id: String,
    pub org: String,
    pub name: String,
    pub pubname: String,
    pub account_type: String,
    pub created_on: DateTime<Utc>,
}

/// Who made a request, for the audit log.
#[derive(Debug, Clone)]
pub struct Actor {
    pub context: &'static str,
    pub email: String,
    pub id: String,
    pub token_id: Option<String>,
}

/// The request behind an audit entry.
#[derive(Debug, Clone)]
pub struct Raw {
    pub method: String,
    pub uri: String,
    pub ray: String,
    pub user_agent: String,
    pub status: u16,
}

#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub id: String,
    pub org: String,
    pub time: DateTime<Utc>,
    pub action_type: &'static str,
    pub description: String,
    pub actor: Actor,
    pub raw: Raw,
    pub resource_id: String,
    pub resource_type: &'static str,
}

/// Everything the server knows.
#[derive(Debug)]
pub struct World {
    pub ids: Ids,
    pub orgs: BTreeMap<String, Organization>,
    pub members: BTreeMap<String, Member>,
    pub accounts: BTreeMap<String, Account>,
    pub shares: BTreeMap<String, Vec<Value>>,
    pub usage: BTreeMap<String, Vec<Value>>,
    pub audit: Vec<AuditEntry>,
    /// Every successful create, counted (the soak and fault tests read it).
    pub creates: u64,
    seq: u64,
}

impl World {
    pub fn new(seed: u64) -> Self {
        Self {
            ids: Ids::new(seed),
            orgs: BTreeMap::new(),
            members: BTreeMap::new(),
            accounts: BTreeMap::new(),
            shares: BTreeMap::new(),
            usage: BTreeMap::new(),
            audit: Vec::new(),
            creates: 0,
            seq: 0,
        }
    }

    /// The next creation sequence number.
    pub fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// The organization and its ancestors, nearest first.
    pub fn ancestry(&self, id: &str) -> Vec<&Organization> {
        let mut out = Vec::new();
        let mut next = self.orgs.get(id);
        while let Some(org) = next {
            if out.iter().any(|o: &&Organization| o.id == org.id) {
                break; // never loop, even on a corrupted parent chain
            }
            out.push(org);
            next = org.parent.as_deref().and_then(|p| self.orgs.get(p));
        }
        out
    }

    /// The 404 for an organization that does not exist.
    pub fn require_org(&self, id: &str) -> Result<&Organization, crate::envelope::Failure> {
        self.orgs.get(id).ok_or_else(|| crate::envelope::Failure::no_org(id))
    }

    /// Whether `org` is `other` or one of its ancestors.
    pub fn contains_org(&self, org: &str, other: &str) -> bool {
        self.ancestry(other).iter().any(|o| o.id == org)
    }

    pub fn children(&self, id: &str) -> usize {
        self.orgs.values().filter(|o| o.parent.as_deref() == Some(id)).count()
    }

    pub fn organization_json(&self, org: &Organization) -> Value {
        let tags: Vec<String> = self.ancestry(&org.id).iter().rev().map(|o| o.tag.clone()).collect();
        let mut out = json!({
            "id": org.id,
            "name": org.name,
            "create_time": timestamp(org.create_time),
            "meta": {
                "hierarchy_tags": tags,
                "managed_by": "cf-orgs-mock",
                "tenant_flags": {
                    "account_creation": "enabled", "account_deletion": "enabled", "account_migration": "disabled",
                    "account_mobility": "disabled", "enterprise_capability": "enabled", "member_management": "enabled",
                    "sub_org_creation": "enabled"
                }
            }
        });
        if let Some(parent) = org.parent.as_deref().and_then(|p| self.orgs.get(p)) {
            out["parent"] = json!({ "id": parent.id, "name": parent.name });
        }
        if let Some(profile) = &org.profile {
            out["profile"] = serde_json::to_value(profile).unwrap_or(Value::Null);
        }
        out
    }

    pub fn member_json(m: &Member) -> Value {
        json!({
            "id": m.id,
            "status": m.status,
            "meta": {},
            "create_time": timestamp(m.create_time),
            "update_time": timestamp(m.update_time),
            "user": { "id": m.user_id, "email": m.email, "name": m.name, "two_factor_authentication_enabled": false }
        })
    }

    pub fn account_json(a: &Account) -> Value {
        json!({
            "id": a.id,
            "name": a.name,
            "type": a.account_type,
            "created_on": timestamp(a.created_on),
            "settings": {
                "abuse_contact_email": null, "access_approval_expiry": null, "api_access_enabled": null,
                "default_nameservers": "cloudflare.standard", "enforce_twofactor": false,
                "use_account_custom_ns_by_default": false
            }
        })
    }

    pub fn audit_json(e: &AuditEntry) -> Value {
        let mut actor = json!({
            "context": e.actor.context, "email": e.actor.email, "id": e.actor.id,
            "ip_address": "127.0.0.1", "type": "user"
        });
        if let Some(token) = &e.actor.token_id {
            actor["token_id"] = json!(token);
            actor["token_name"] = json!("cf-orgs-mock token");
        }
        json!({
            "id": e.id,
            "action": { "description": e.description, "result": "success", "time": timestamp(e.time), "type": e.action_type },
            "actor": actor,
            "organization": { "id": e.org },
            "raw": { "cf_ray_id": e.raw.ray, "method": e.raw.method, "status_code": e.raw.status, "uri": e.raw.uri, "user_agent": e.raw.user_agent },
            "resource": { "id": e.resource_id, "product": "organizations", "type": e.resource_type, "scope": {} }
        })
    }
}
