//! The request layer as cf-orgs and the mock use it: paths encoded one segment
//! per parameter, queries under the spec's names both ways, and the spec's
//! enums, ranges and required parameters enforced when a query is read.

use cf_orgs_gen::operations::*;
use cf_orgs_gen::runtime::{Endpoint, Method, Query, encode_segment};

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn every_operation_is_listed_once_with_its_template() {
    assert_eq!(Operation::ALL.len(), 28);
    let mut seen = std::collections::BTreeSet::new();
    for op in Operation::ALL {
        assert!(seen.insert((op.method(), op.path_template())), "{op:?} is unique by method and path");
        for name in op.path_params() {
            assert!(op.path_template().contains(&format!("{{{name}}}")), "{op:?}");
        }
    }
    assert_eq!(MembersDelete::OPERATION.method(), Method::Delete);
    assert!(MembersDelete::OPERATION.no_content() && !MembersRetrieve::OPERATION.no_content());
    assert_eq!(MembersList::OPERATION.query_params(), MembersListQuery::NAMES);
}

#[test]
fn path_parameters_are_one_segment_each() {
    let op = MembersRetrieve { organization_id: "a/b?c#d e%".into(), member_id: "..".into() };
    assert_eq!(op.path(), "/organizations/a%2Fb%3Fc%23d%20e%25/members/%2E%2E");
    assert_eq!(encode_segment("a-b_c.d~e"), "a-b_c.d~e");
    assert_eq!(encode_segment("é"), "%C3%A9");
    let batch = MembersBatchCreate {
        organization_id: "org1".into(),
        body: cf_orgs_gen::types::OrganizationsApiBatchCreateMembersRequest { members: vec![] },
    };
    assert_eq!(batch.path(), "/organizations/org1/members:batchCreate");
}

#[test]
fn queries_go_out_under_the_spec_names_and_come_back() {
    let query = MembersListQuery {
        status: vec!["active".into(), "pending".into()],
        user_email_starts_with: Some("al".into()),
        page_size: Some(50),
        ..Default::default()
    };
    let sent = query.to_pairs();
    assert_eq!(
        sent,
        [
            ("status", "active".into()),
            ("status", "pending".into()),
            ("user.email.startsWith", "al".into()),
            ("page_size", "50".into())
        ]
    );
    let back = MembersListQuery::from_pairs(&sent.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<Vec<_>>());
    assert_eq!(back.unwrap(), query);
}

#[test]
fn dates_and_integers_keep_their_types() {
    let since = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let query = AuditLogsV2GetOrganizationAuditLogHistoryQuery {
        action_time: "2026-11-02T03:04:05Z".parse().unwrap(),
        since,
        before: since.succ_opt().unwrap(),
        direction: None,
        limit: Some(500),
        cursor: None,
    };
    let sent: Vec<_> = query.to_pairs();
    assert!(sent.contains(&("limit", "500".into())), "an integer, not 500.0: {sent:?}");
    assert!(sent.contains(&("since", "2026-11-01".into())));
    assert!(sent.contains(&("action_time", "2026-11-02T03:04:05Z".into())));
}

#[test]
fn a_server_reading_a_query_refuses_what_the_spec_does_not_allow() {
    let refused = |list: &[(&str, &str)]| MembersListQuery::from_pairs(&pairs(list)).unwrap_err();
    let e = refused(&[("status", "bogus")]);
    assert_eq!(e.name, "status");
    assert!(e.reason.contains("not one of active, pending, rejected, canceled"), "{e}");
    assert_eq!(refused(&[("page_size", "abc")]).name, "page_size");
    assert!(refused(&[("page_size", "1001")]).reason.contains("above the maximum 1000"));
    assert!(refused(&[("user.email", "a"), ("user.email", "b")]).reason.contains("more than once"));
    assert!(refused(&[("user_email", "a")]).reason.contains("not a parameter"));
    let e = AuditLogsV2GetOrganizationAuditLogsQuery::from_pairs(&pairs(&[("since", "2026-11-01")])).unwrap_err();
    assert_eq!((e.name.as_str(), e.reason.as_str()), ("before", "is required"));
    let e = AuditLogsV2GetOrganizationAuditLogsQuery::from_pairs(&pairs(&[
        ("since", "2026-11-01"),
        ("before", "2026-11-02"),
        ("raw_status_code", "abc"),
    ]))
    .unwrap_err();
    assert_eq!(e.name, "raw_status_code");
    assert!(OrganizationSharesListQuery::from_pairs(&pairs(&[("target_type", "AAA")])).is_err());
    assert!(
        OrganizationSharesListQuery::from_pairs(&pairs(&[("target_type", "account"), ("per_page", "100")])).is_ok()
    );
}
