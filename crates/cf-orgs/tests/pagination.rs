//! Streams follow every page with the filters resent, in each of the three schemes.

use cf_orgs::{Direction, ErrorKind, MemberStatus};
use cf_orgs_testing::*;
use futures::TryStreamExt;
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn queries(requests: &[wiremock::Request]) -> Vec<String> {
    requests.iter().map(|r| r.url.query().unwrap_or("").to_string()).collect()
}

#[tokio::test]
async fn three_pages_of_organizations_with_the_filters_on_every_page() {
    let server = MockServer::start().await;
    let pages = [
        (None, vec![organization("o1", "acme-1"), organization("o2", "acme-2")], Some("t2")),
        (Some("t2"), vec![organization("o3", "acme-3"), organization("o4", "acme-4")], Some("t3")),
        (Some("t3"), vec![organization("o5", "acme-5")], None),
    ];
    for (token, items, next) in pages {
        let mock = Mock::given(method("GET"))
            .and(path("/organizations"))
            .and(query_param("name.startsWith", "acme"))
            .and(query_param("parent.id", "null"));
        let mock = match token {
            Some(t) => mock.and(query_param("page_token", t)),
            None => mock.and(query_param_is_missing("page_token")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(token_page(items, next, 5)))
            .expect(1)
            .mount(&server)
            .await;
    }
    let (client, _) = client(&server);
    let orgs: Vec<_> = client
        .organizations()
        .list()
        .name_starts_with("acme")
        .roots_only()
        .page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let names: Vec<&str> = orgs.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["acme-1", "acme-2", "acme-3", "acme-4", "acme-5"]);
    assert_eq!(
        queries(&server.received_requests().await.unwrap()),
        [
            "name.startsWith=acme&parent.id=null&page_size=2",
            "name.startsWith=acme&parent.id=null&page_token=t2&page_size=2",
            "name.startsWith=acme&parent.id=null&page_token=t3&page_size=2",
        ]
    );
}

#[tokio::test]
async fn one_page_with_its_token_and_total() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_page(
            vec![organization("o1", "a")],
            Some("t2"),
            7,
        )))
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let page = client.organizations().list().id("o1").id("o2").send().await.unwrap();
    assert_eq!((page.items.len(), page.next_page_token.as_deref(), page.total_size), (1, Some("t2"), Some(7)));
    assert_eq!(queries(&server.received_requests().await.unwrap()), ["id=o1&id=o2"]);
}

#[tokio::test]
async fn members_and_accounts_streams_resend_their_filters() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/organizations/{ORG}/members")))
        .and(query_param_is_missing("page_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_page(
            vec![member("m1", "a@acme.example", "active")],
            Some("n"),
            2,
        )))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/organizations/{ORG}/members")))
        .and(query_param("page_token", "n"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_page(
            vec![member("m2", "b@acme.example", "pending")],
            None,
            2,
        )))
        .mount(&server)
        .await;
    let account = json!({ "id": "acc1", "name": "Prod", "type": "enterprise", "settings": {}, "created_on": "2024-01-01T00:00:00Z" });
    Mock::given(method("GET"))
        .and(path(format!("/organizations/{ORG}/accounts")))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_page(vec![account], None, 1)))
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let o = client.organization(ORG);
    let members: Vec<_> = o
        .members()
        .list()
        .status(MemberStatus::Active)
        .status(MemberStatus::Pending)
        .user_email_ends_with("@acme.example")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(members.len(), 2);
    let accounts: Vec<_> = o
        .accounts()
        .list()
        .name_contains("Prod")
        .order_by(cf_orgs::AccountOrder::AccountName)
        .direction(Direction::Desc)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(accounts[0].account_type, cf_orgs::AccountType::Enterprise);
    assert_eq!(
        queries(&server.received_requests().await.unwrap()),
        [
            "status=active&status=pending&user.email.endsWith=%40acme.example",
            "status=active&status=pending&user.email.endsWith=%40acme.example&page_token=n",
            "name.contains=Prod&order_by=account_name&direction=desc",
        ]
    );
}

#[tokio::test]
async fn audit_logs_follow_cursors_after_or_cursor() {
    let server = MockServer::start().await;
    let entry = |id: &str| json!({ "id": id, "action": { "type": "create", "result": "success", "time": "2025-03-01T00:00:00Z" } });
    // Cloudflare's SDKs read `cursors.after`; the spec names `cursor`. Page 1 uses one, page 2 the other.
    Mock::given(method("GET")).and(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "success": true, "errors": [], "result": [entry("e1"), entry("e2")], "result_info": { "count": 2, "cursors": { "after": "c2" } } })))
        .mount(&server).await;
    Mock::given(method("GET")).and(query_param("cursor", "c2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "success": true, "errors": [], "result": [entry("e3")], "result_info": { "count": "1", "cursor": "c3" } })))
        .mount(&server).await;
    Mock::given(method("GET"))
        .and(query_param("cursor", "c3"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "success": true, "errors": [], "result": [], "result_info": { "count": "0" } })),
        )
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let since = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    let before = chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
    let logs: Vec<_> = client
        .organization(ORG)
        .audit_logs()
        .list()
        .since(since)
        .before(before)
        .action_type("create")
        .action_type_not("view")
        .limit(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = logs.iter().map(|e| e.id.as_deref().unwrap()).collect();
    assert_eq!(ids, ["e1", "e2", "e3"]);
    let q = queries(&server.received_requests().await.unwrap());
    // In the spec's order of parameters, whatever the order of the setters.
    assert_eq!(q[0], "action_type=create&action_type.not=view&since=2025-03-01&before=2025-03-31&limit=2");
    assert_eq!(q[1], "action_type=create&action_type.not=view&since=2025-03-01&before=2025-03-31&limit=2&cursor=c2");
    assert_eq!(q.len(), 3);
}

#[tokio::test]
async fn audit_logs_default_to_the_last_30_days() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "success": true, "errors": [], "result": [] })))
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let page = client.organization(ORG).audit_logs().list().send().await.unwrap();
    assert!(page.items.is_empty() && page.next_page_token.is_none());
    let request = &server.received_requests().await.unwrap()[0];
    let pairs: std::collections::HashMap<_, _> = request.url.query_pairs().into_owned().collect();
    let since: chrono::NaiveDate = pairs["since"].parse().unwrap();
    let before: chrono::NaiveDate = pairs["before"].parse().unwrap();
    assert_eq!((before - since).num_days(), 31);
}

#[tokio::test]
async fn shares_page_by_number_until_the_last_page() {
    let server = MockServer::start().await;
    let share = |id: &str| {
        json!({ "id": id, "name": "WAF", "account_id": "a", "account_name": "A", "organization_id": ORG,
        "created": "2023-09-21T18:56:32Z", "modified": "2023-09-21T18:56:32Z", "status": "active", "target_type": "account", "kind": "sent" })
    };
    for page in 1..=2u32 {
        let items = if page == 1 { vec![share("s1"), share("s2")] } else { vec![share("s3")] };
        let mock = Mock::given(method("GET")).and(path(format!("/organizations/{ORG}/shares")));
        let mock =
            if page == 1 { mock.and(query_param_is_missing("page")) } else { mock.and(query_param("page", "2")) };
        mock.respond_with(
            ResponseTemplate::new(200).set_body_json(json!({ "success": true, "errors": [], "result": items,
            "result_info": { "page": page, "per_page": 2, "total_pages": 2, "total_count": 3, "count": 2 } })),
        )
        .expect(1)
        .mount(&server)
        .await;
    }
    let (client, _) = client(&server);
    let shares: Vec<_> = client
        .organization(ORG)
        .shares()
        .list()
        .per_page(2)
        .kind(cf_orgs::ShareKind::Sent)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(shares.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["s1", "s2", "s3"]);
}

#[tokio::test]
async fn a_failing_page_ends_the_stream_with_its_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param_is_missing("page_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_page(
            vec![organization("o1", "a")],
            Some("t2"),
            2,
        )))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("page_token", "t2"))
        .respond_with(ResponseTemplate::new(400).set_body_json(failure(1004, "page token does not match the filters")))
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let mut stream = client.organizations().list().stream();
    assert_eq!(stream.try_next().await.unwrap().unwrap().name, "a");
    let err = stream.try_next().await.unwrap_err();
    assert_eq!((err.kind(), err.api_errors()[0].code), (ErrorKind::BadRequest, 1004));
    assert_eq!(err.resume_token(), Some("t2"), "where to resume");
}

#[tokio::test]
async fn a_list_is_awaited_for_its_first_page_or_sent_with_meta() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).insert_header("cf-ray", "8e8dd2156ef28414-SJC").set_body_json(token_page(
                vec![organization("o1", "a")],
                Some("t2"),
                7,
            )),
        )
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let page: cf_orgs::Page<cf_orgs::Organization> = client.organizations().list().await.unwrap();
    assert_eq!((page.items.len(), page.next_page_token.as_deref(), page.total_size), (1, Some("t2"), Some(7)));
    let response = client.organizations().list().with_meta().await.unwrap();
    assert_eq!(
        (response.value.len(), response.meta.status, response.meta.ray_id()),
        (1, 200, Some("8e8dd2156ef28414-SJC"))
    );
    assert_eq!(response.meta.result_info.unwrap()["next_page_token"], "t2");
}

/// Every paging scheme fails midway the same way and resumes the same way:
/// the error's `resume_token()` given to `resume_from`, nothing lost or repeated.
#[tokio::test]
async fn a_failed_stream_resumes_from_its_token_in_every_scheme() {
    let server = MockServer::start().await;
    let entry = |id: &str| json!({ "id": id, "action": { "type": "create" } });
    let share = |id: &str| {
        json!({ "id": id, "name": "WAF", "account_id": "a", "account_name": "A", "organization_id": ORG,
        "created": "2023-09-21T18:56:32Z", "modified": "2023-09-21T18:56:32Z", "status": "active", "target_type": "account", "kind": "sent" })
    };
    // (path, parameter, first page, second page, result_info of the first and the last page)
    let lists = [
        (
            "/organizations".to_string(),
            "page_token",
            vec![organization("o1", "a")],
            vec![organization("o2", "b")],
            json!({ "next_page_token": "n2" }),
            json!({}),
        ),
        (
            format!("/organizations/{ORG}/logs/audit"),
            "cursor",
            vec![entry("e1")],
            vec![entry("e2")],
            json!({ "cursor": "n2", "count": "1" }),
            json!({ "count": "1" }),
        ),
        (
            format!("/organizations/{ORG}/shares"),
            "page",
            vec![share("s1")],
            vec![share("s2")],
            json!({ "page": 1, "per_page": 1, "total_pages": 2 }),
            json!({ "page": 2, "per_page": 1, "total_pages": 2 }),
        ),
    ];
    for (route, param, first, second, info, last_info) in lists {
        let token = if param == "page" { "2" } else { "n2" };
        Mock::given(method("GET"))
            .and(path(route.clone()))
            .and(query_param_is_missing(param))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({ "success": true, "errors": [], "result": first, "result_info": info })),
            )
            .mount(&server)
            .await;
        // The second page fails once (a 400 is not retried), then answers.
        Mock::given(method("GET"))
            .and(path(route.clone()))
            .and(query_param(param, token))
            .respond_with(ResponseTemplate::new(400).set_body_json(failure(1004, "try again")))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(route.clone()))
            .and(query_param(param, token))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(
                    json!({ "success": true, "errors": [], "result": second, "result_info": last_info }),
                ),
            )
            .mount(&server)
            .await;
    }
    let (client, _) = client(&server);
    let org = client.organization(ORG);

    let mut orgs = client.organizations().list().stream();
    assert_eq!(orgs.try_next().await.unwrap().unwrap().name, "a");
    let err = orgs.try_next().await.unwrap_err();
    let rest: Vec<_> =
        client.organizations().list().resume_from(err.resume_token().unwrap()).stream().try_collect().await.unwrap();
    assert_eq!(rest.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(), ["b"]);

    let mut logs = org.audit_logs().list().stream();
    assert_eq!(logs.try_next().await.unwrap().unwrap().id.as_deref(), Some("e1"));
    let err = logs.try_next().await.unwrap_err();
    let rest: Vec<_> =
        org.audit_logs().list().resume_from(err.resume_token().unwrap()).stream().try_collect().await.unwrap();
    assert_eq!(rest.iter().map(|e| e.id.as_deref().unwrap()).collect::<Vec<_>>(), ["e2"]);

    let mut shares = org.shares().list().per_page(1).stream();
    assert_eq!(shares.try_next().await.unwrap().unwrap().id, "s1");
    let err = shares.try_next().await.unwrap_err();
    assert_eq!(err.resume_token(), Some("2"));
    let rest: Vec<_> = org.shares().list().per_page(1).resume_from("2").stream().try_collect().await.unwrap();
    assert_eq!(rest.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["s2"]);

    let err = org.shares().list().resume_from("page two").await.unwrap_err();
    assert_eq!(
        (err.kind(), err.field()),
        (ErrorKind::InvalidInput, Some("page")),
        "a share list's token is a page number"
    );
}

#[tokio::test]
async fn a_repeated_page_token_stops_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_page(
            vec![organization("o1", "a")],
            Some("same"),
            9,
        )))
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let result: Result<Vec<_>, _> = client.organizations().list().stream().try_collect().await;
    assert_eq!(result.unwrap_err().kind(), ErrorKind::Pagination);
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        2,
        "the first page, then the one that repeated its token"
    );
}
