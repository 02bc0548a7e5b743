//! Every list builder sends the spec's query parameter names, and only them:
//! whatever setters are called, in any order, with any values; and between
//! them the setters reach every query parameter the spec gives the operation.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::{Credentials, ids::OrganizationId};

/// A setter of builder `B`, given an arbitrary string (and a number made from it).
type Setter<B> = fn(B, &str) -> B;

/// The spec, parsed once for all cases.
fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let text = include_str!("../../../../spec/cloudflare-organizations.openapi.json");
        serde_json::from_str(text).expect("the spec is JSON")
    })
}

/// One client for all cases: building one loads TLS roots, which is slow.
fn client() -> Client {
    static CLIENT: OnceLock<Client> = OnceLock::new();
    CLIENT.get_or_init(|| Client::builder().credentials(Credentials::api_token("t")).build().expect("a client")).clone()
}

/// The spec's query parameter names of `GET template`, path-level ones included.
fn spec_query_names(template: &str) -> BTreeSet<String> {
    let spec = spec();
    let item = &spec["paths"][template];
    let params = item["parameters"].as_array().into_iter().chain(item["get"]["parameters"].as_array()).flatten();
    params
        .map(|p| match p["$ref"].as_str() {
            Some(r) => &spec["components"]["parameters"][r.rsplit('/').next().expect("a $ref has a name")],
            None => p,
        })
        .filter(|p| p["in"] == "query")
        .map(|p| p["name"].as_str().expect("a parameter has a name").to_string())
        .collect()
}

fn number(v: &str) -> u32 {
    v.len() as u32 * 37 % 1100
}

fn date(v: &str) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1 + v.len() as u32 % 28).expect("a valid date")
}

fn org() -> OrganizationHandle {
    client().organization(OrganizationId::new("o1").expect("a valid id"))
}

fn organizations() -> (ListOrganizations, Vec<Setter<ListOrganizations>>) {
    (
        client().organizations().list(),
        vec![
            |b, v| b.id(v),
            |b, v| b.name(v),
            |b, v| b.name_starts_with(v),
            |b, v| b.name_ends_with(v),
            |b, v| b.name_contains(v),
            |b, v| b.containing_account(v),
            |b, v| b.containing_user(v),
            |b, v| b.containing_organization(v),
            |b, v| b.parent(v),
            |b, _| b.roots_only(),
            |b, v| b.page_size(number(v)),
            |b, v| b.page_token(v),
        ],
    )
}

fn members() -> (ListMembers, Vec<Setter<ListMembers>>) {
    (
        org().members().list(),
        vec![
            |b, _| b.status(MemberStatus::Active),
            |b, v| b.user_email(v),
            |b, v| b.user_email_contains(v),
            |b, v| b.user_email_starts_with(v),
            |b, v| b.user_email_ends_with(v),
            |b, v| b.page_size(number(v)),
            |b, v| b.page_token(v),
        ],
    )
}

fn accounts() -> (ListAccounts, Vec<Setter<ListAccounts>>) {
    (
        org().accounts().list(),
        vec![
            |b, v| b.account_pubname(v),
            |b, v| b.account_pubname_starts_with(v),
            |b, v| b.account_pubname_ends_with(v),
            |b, v| b.account_pubname_contains(v),
            |b, v| b.name(v),
            |b, v| b.name_starts_with(v),
            |b, v| b.name_ends_with(v),
            |b, v| b.name_contains(v),
            |b, _| b.order_by(AccountOrder::AccountName),
            |b, _| b.direction(Direction::Desc),
            |b, v| b.page_size(number(v)),
            |b, v| b.page_token(v),
        ],
    )
}

fn shares() -> (ListShares, Vec<Setter<ListShares>>) {
    (
        org().shares().list(),
        vec![
            |b, _| b.status(ShareStatus::Active),
            |b, _| b.kind(ShareKind::Sent),
            |b, _| b.target_type(ShareTargetType::Account),
            |b, v| b.resource_type(v),
            |b, v| b.order(v),
            |b, _| b.direction(Direction::Asc),
            |b, v| b.per_page(number(v)),
            |b, v| b.page(number(v)),
        ],
    )
}

/// Setters the audit log list and its history share.
macro_rules! window_setters {
    () => {
        [
            |b: Self, v: &str| b.since(date(v)),
            |b: Self, v: &str| b.before(date(v)),
            |b: Self, _: &str| b.direction(Direction::Desc),
            |b: Self, v: &str| b.limit(number(v)),
            |b: Self, v: &str| b.cursor(v),
        ]
    };
}

trait Window: Sized {
    fn window() -> [Setter<Self>; 5];
}

impl Window for ListAuditLogs {
    fn window() -> [Setter<Self>; 5] {
        window_setters!()
    }
}

impl Window for AuditLogHistory {
    fn window() -> [Setter<Self>; 5] {
        window_setters!()
    }
}

fn audit_logs() -> (ListAuditLogs, Vec<Setter<ListAuditLogs>>) {
    let filters: [Setter<ListAuditLogs>; 36] = [
        |b, v| b.action_result(v),
        |b, v| b.action_result_not(v),
        |b, v| b.action_type(v),
        |b, v| b.action_type_not(v),
        |b, v| b.actor_context(v),
        |b, v| b.actor_context_not(v),
        |b, v| b.actor_email(v),
        |b, v| b.actor_email_not(v),
        |b, v| b.actor_id(v),
        |b, v| b.actor_id_not(v),
        |b, v| b.actor_ip_address(v),
        |b, v| b.actor_ip_address_not(v),
        |b, v| b.actor_token_id(v),
        |b, v| b.actor_token_id_not(v),
        |b, v| b.actor_token_name(v),
        |b, v| b.actor_token_name_not(v),
        |b, v| b.actor_type(v),
        |b, v| b.actor_type_not(v),
        |b, v| b.id(v),
        |b, v| b.id_not(v),
        |b, v| b.raw_cf_ray_id(v),
        |b, v| b.raw_cf_ray_id_not(v),
        |b, v| b.raw_method(v),
        |b, v| b.raw_method_not(v),
        |b, v| b.raw_uri(v),
        |b, v| b.raw_uri_not(v),
        |b, v| b.resource_id(v),
        |b, v| b.resource_id_not(v),
        |b, v| b.resource_product(v),
        |b, v| b.resource_product_not(v),
        |b, v| b.resource_type(v),
        |b, v| b.resource_type_not(v),
        |b, v| b.resource_scope(v),
        |b, v| b.resource_scope_not(v),
        |b, v| b.raw_status_code(number(v) as u16),
        |b, v| b.raw_status_code_not(number(v) as u16),
    ];
    (org().audit_logs().list(), ListAuditLogs::window().into_iter().chain(filters).collect())
}

fn history() -> (AuditLogHistory, Vec<Setter<AuditLogHistory>>) {
    let at = chrono::DateTime::UNIX_EPOCH;
    (org().audit_logs().history("e1", at), AuditLogHistory::window().to_vec())
}

/// The names `calls` make the builder send; each call is (setter index, value).
fn sent<B>(
    builder: B,
    setters: &[Setter<B>],
    calls: &[(usize, String)],
    names: impl Fn(&B) -> Vec<&'static str>,
) -> BTreeSet<String> {
    let built = calls.iter().fold(builder, |b, (i, v)| setters[i % setters.len()](b, v));
    names(&built).into_iter().map(str::to_string).collect()
}

/// Calls every setter once: the names reached must be exactly the spec's.
macro_rules! complete {
    ($test:ident, $make:ident, $template:literal) => {
        #[test]
        fn $test() {
            let (builder, setters) = $make();
            let calls: Vec<(usize, String)> = (0..setters.len()).map(|i| (i, format!("v{i}"))).collect();
            let reached = sent(builder, &setters, &calls, |b| b.query_names());
            assert_eq!(reached, spec_query_names($template), "setters of {}", $template);
        }
    };
}

complete!(organizations_reach_every_spec_parameter, organizations, "/organizations");
complete!(members_reach_every_spec_parameter, members, "/organizations/{organization_id}/members");
complete!(accounts_reach_every_spec_parameter, accounts, "/organizations/{organization_id}/accounts");
complete!(shares_reach_every_spec_parameter, shares, "/organizations/{organization_id}/shares");
complete!(audit_logs_reach_every_spec_parameter, audit_logs, "/organizations/{organization_id}/logs/audit");
complete!(history_reaches_every_spec_parameter, history, "/organizations/{organization_id}/logs/audit/{id}/history");

fn calls() -> impl Strategy<Value = Vec<(usize, String)>> {
    proptest::collection::vec((0usize..64, "[a-zA-Z0-9@. /?&=#%-]{0,12}"), 0..16)
}

proptest! {
    #[test]
    fn every_list_sends_only_spec_names(calls in calls()) {
        let check = |sent: BTreeSet<String>, template: &str| -> Result<(), TestCaseError> {
            let spec = spec_query_names(template);
            let unknown: Vec<_> = sent.difference(&spec).collect();
            prop_assert!(unknown.is_empty(), "{} sends {:?}, not in the spec", template, unknown);
            Ok(())
        };
        let (b, s) = organizations();
        check(sent(b, &s, &calls, |b| b.query_names()), "/organizations")?;
        let (b, s) = members();
        check(sent(b, &s, &calls, |b| b.query_names()), "/organizations/{organization_id}/members")?;
        let (b, s) = accounts();
        check(sent(b, &s, &calls, |b| b.query_names()), "/organizations/{organization_id}/accounts")?;
        let (b, s) = shares();
        check(sent(b, &s, &calls, |b| b.query_names()), "/organizations/{organization_id}/shares")?;
        let (b, s) = audit_logs();
        check(sent(b, &s, &calls, |b| b.query_names()), "/organizations/{organization_id}/logs/audit")?;
        let (b, s) = history();
        check(sent(b, &s, &calls, |b| b.query_names()), "/organizations/{organization_id}/logs/audit/{id}/history")?;
    }
}
