//! Errors and retries: what is retried, what never is, and what each failure looks like.

use std::time::Duration;

use cf_orgs::{Client, Credentials, ErrorKind, MemberStatus};
use cf_orgs_testing::*;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_429_waits_as_long_as_retry_after_says() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429).insert_header("retry-after", "1").set_body_json(failure(10000, "rate limited")),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(organization(ORG, "Acme"))))
        .mount(&server)
        .await;
    let (client, retries) = client(&server);
    let org = client.organizations().get(ORG).await.unwrap();
    assert_eq!(org.name, "Acme");
    let retries = retries.lock().unwrap().clone();
    assert_eq!(retries.len(), 1);
    assert_eq!(retries[0].delay, Duration::from_secs(1), "Retry-After honoured, not the (1 ms) backoff");
    assert_eq!(retries[0].kind, ErrorKind::RateLimited);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn retry_after_ms_is_honoured_too() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after-ms", "20"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(organization(ORG, "Acme"))))
        .mount(&server)
        .await;
    let (client, retries) = client(&server);
    client.organizations().get(ORG).await.unwrap();
    assert_eq!(retries.lock().unwrap()[0].delay, Duration::from_millis(20));
}

#[tokio::test]
async fn a_get_answered_503_then_200_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_json(failure(10001, "service unavailable")))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(organization(ORG, "Acme"))))
        .mount(&server)
        .await;
    let (client, retries) = client(&server);
    assert_eq!(client.organizations().get(ORG).await.unwrap().name, "Acme");
    assert_eq!(retries.lock().unwrap().len(), 1);
    assert_eq!(retries.lock().unwrap()[0].status, Some(503));
}

#[tokio::test]
async fn retries_stop_at_the_limit_and_the_last_error_is_returned() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_json(failure(10002, "bad gateway")))
        .mount(&server)
        .await;
    let (client, retries) = client(&server);
    let err = client.organizations().get(ORG).max_retries(3).await.unwrap_err();
    assert_eq!((err.kind(), err.status()), (ErrorKind::Server, Some(502)));
    assert_eq!(retries.lock().unwrap().len(), 3);
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
    assert_eq!(err.attempts(), 4, "the final error counts every attempt");
    assert!(err.to_string().contains("after 4 attempts"), "{err}");
}

#[tokio::test]
async fn a_408_is_the_servers_timeout_not_the_clients_and_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(408).set_body_json(failure(10000, "request timeout")))
        .mount(&server)
        .await;
    let (client, retries) = client(&server);
    let err = client.organizations().get(ORG).max_retries(1).await.unwrap_err();
    assert_eq!((err.kind(), err.status()), (ErrorKind::RequestTimeout, Some(408)));
    assert!(!err.is_timeout(), "the client did not time out");
    assert!(err.is_retryable());
    assert_eq!((retries.lock().unwrap().len(), err.attempts()), (1, 2));
}

#[tokio::test]
async fn a_post_answered_500_is_sent_exactly_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/organizations"))
        .respond_with(ResponseTemplate::new(500).set_body_json(failure(10000, "internal error")))
        .mount(&server)
        .await;
    let (client, retries) = client(&server);
    let err = client.organizations().create("Acme").max_retries(5).send().await.unwrap_err();
    assert_eq!((err.kind(), err.status()), (ErrorKind::Server, Some(500)));
    assert!(err.is_retryable(), "transient in itself, yet not safe to resend");
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "never re-sent");
    assert!(retries.lock().unwrap().is_empty());
    assert_eq!(err.attempts(), 1);
}

#[tokio::test]
async fn a_post_answered_409_is_not_retried_but_a_429_is() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(409).set_body_json(failure(1062, "already a member")))
        .mount(&server)
        .await;
    let (client, retries) = client(&server);
    let err = client.organization(ORG).members().create("a@acme.example").send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.api_errors()[0].code, 1062);
    assert_eq!(retries.lock().unwrap().len(), 1, "the 429 was retried, the 409 was not");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_post_is_retried_when_the_connection_was_refused() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener); // nothing listens: every connect is refused
    let events = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = events.clone();
    let client = Client::builder()
        .credentials(Credentials::api_token("t"))
        .base_url(format!("http://{addr}"))
        .backoff(Duration::from_millis(1), Duration::from_millis(2))
        .on_retry(move |e| seen.lock().unwrap().push(e.clone()))
        .build()
        .unwrap();
    let err = client.organizations().create("Acme").send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection);
    assert!(err.is_before_sending(), "{err:?}");
    assert_eq!(events.lock().unwrap().len(), 2, "the default 2 retries: it never reached a server");
    // The cause is the source, and Display does not repeat it.
    let source = std::error::Error::source(&err).expect("reqwest's error is the source");
    assert!(!err.to_string().contains(&source.to_string()), "{err}");
}

#[tokio::test]
async fn an_html_502_is_a_non_json_error_with_the_ray_id() {
    let server = MockServer::start().await;
    let page = "<!DOCTYPE html><html><head><title>502 Bad gateway</title></head><body>Cloudflare Ray ID: 8e8dd2156ef28414</body></html>";
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(502)
                .insert_header("cf-ray", "8e8dd2156ef28414-SJC")
                .insert_header("content-type", "text/html")
                .set_body_string(page),
        )
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let err = client.organizations().get(ORG).max_retries(0).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NonJson);
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.ray_id(), Some("8e8dd2156ef28414-SJC"));
    assert!(err.body_excerpt().unwrap().contains("502 Bad gateway"));
    assert!(err.is_retryable());
    assert!(err.to_string().contains("cf-ray 8e8dd2156ef28414-SJC"), "{err}");
}

#[tokio::test]
async fn success_false_in_a_200_is_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(failure(1001, "not allowed right now")))
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let err = client.organization(ORG).profile().get().await.unwrap_err();
    assert_eq!((err.kind(), err.status()), (ErrorKind::Unsuccessful, Some(200)));
    assert_eq!(err.api_errors()[0].message, "not allowed right now");
}

#[tokio::test]
async fn error_code_81053_survives_with_its_pointer_and_docs() {
    let server = MockServer::start().await;
    let body = json!({ "success": false, "messages": [], "result": null, "errors": [{
        "code": 81053, "message": "organization has children", "documentation_url": "https://developers.cloudflare.com/x",
        "source": { "pointer": "/organization_id" } }] });
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(409).insert_header("cf-ray", "abc-LHR").set_body_json(body))
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let err = client.organizations().delete(ORG).await.unwrap_err();
    let api = &err.api_errors()[0];
    assert_eq!(api.code, 81053);
    assert_eq!(api.pointer.as_deref(), Some("/organization_id"));
    assert_eq!(api.documentation_url.as_deref(), Some("https://developers.cloudflare.com/x"));
    assert_eq!(
        err.to_string(),
        "HTTP 409 Conflict: organization has children (code 81053) [DELETE /organizations/{organization_id}] (cf-ray abc-LHR)"
    );
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn an_unknown_member_status_is_kept() {
    let server = MockServer::start().await;
    let page = token_page(
        vec![member("m1", "a@acme.example", "active"), member("m2", "b@acme.example", "suspended")],
        None,
        2,
    );
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(page)).mount(&server).await;
    let (client, _) = client(&server);
    let page = client.organization(ORG).members().list().send().await.unwrap();
    assert_eq!(page.items[0].status, MemberStatus::Active);
    assert_eq!(page.items[1].status, MemberStatus::Unknown("suspended".into()));
    assert_eq!(page.items[1].status.to_string(), "suspended");
}

#[tokio::test]
async fn new_and_missing_optional_fields_do_not_fail_a_response() {
    let server = MockServer::start().await;
    let org = json!({ "id": ORG, "name": "Acme", "brand_new_field": { "x": 1 }, "meta": { "new_meta": true } });
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(org)))
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let org = client.organizations().get(ORG).await.unwrap();
    assert_eq!(org.create_time, None);
    assert_eq!(org.meta.other["new_meta"], true);
}

#[tokio::test]
async fn a_truncated_json_body_is_a_decode_error_with_an_excerpt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"success":true,"errors":[],"result":{"id":"a7b9","na"#, "application/json"),
        )
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let err = client.organizations().get(ORG).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(err.body_excerpt().unwrap().starts_with(r#"{"success":true"#));
}

/// A server that answers with `reply` (raw HTTP) to every connection, or never answers when `None`.
async fn raw_server(reply: Option<&'static str>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else { return };
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = socket.read(&mut buf).await;
                match reply {
                    Some(reply) => {
                        let _ = socket.write_all(reply.as_bytes()).await;
                        let _ = socket.shutdown().await;
                    }
                    None => tokio::time::sleep(Duration::from_secs(30)).await,
                }
            });
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn a_body_cut_by_the_connection_is_a_connection_error() {
    let base = raw_server(Some(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"success\":true,\"res",
    ))
    .await;
    let client =
        Client::builder().credentials(Credentials::api_token("t")).base_url(base).max_retries(0).build().unwrap();
    let err = client.organizations().get(ORG).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection, "{err:?}");
    assert!(!err.is_before_sending());
}

#[tokio::test]
async fn a_hung_server_ends_in_a_timeout_not_a_hang() {
    let base = raw_server(None).await;
    let client = Client::builder()
        .credentials(Credentials::api_token("t"))
        .base_url(base)
        .timeout(Duration::from_millis(200))
        .max_retries(1)
        .backoff(Duration::from_millis(1), Duration::from_millis(1))
        .build()
        .unwrap();
    let err = client.organizations().get(ORG).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!((err.kind(), err.status(), err.attempts()), (ErrorKind::Timeout, None, 2));
    let err = client.organizations().create("Acme").send().await.unwrap_err();
    assert!(err.is_timeout(), "a POST times out too (and is not re-sent): {err:?}");
    assert_eq!(err.attempts(), 1);
}

#[tokio::test]
async fn what_cannot_be_sent_correctly_is_refused_before_any_request() {
    let server = MockServer::start().await;
    let (client, _) = client(&server);
    for bad in ["", "a/b", "a?b", "a#b", "a%2F", "a b", "..", "x/../y"] {
        let err = client.organizations().get(bad).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{bad:?}");
        assert_eq!((err.field(), err.attempts()), (Some("organization_id"), 0));
    }
    let err = client.organization(ORG).members().delete("m/1").await.unwrap_err();
    assert_eq!(err.field(), Some("member_id"));
    let err = client.organization("bad id").members().list().send().await.unwrap_err();
    assert_eq!(err.field(), Some("organization_id"));
    let err = client.organization(ORG).billable_usage(..=day(30)).await.unwrap_err();
    assert_eq!(err.field(), Some("from"), "a range with only an end has no form on the wire");
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing was sent");
}

fn day(d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// Vocabulary and limits are the server's: values outside the spec's enums and
/// ranges, oversized batches, long or reversed windows and malformed emails are
/// sent as given, and the API's 400 comes back as the typed error it is.
#[tokio::test]
async fn values_outside_the_spec_are_sent_and_the_server_judges_them() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(400).set_body_json(failure(1004, "query parameter `page_size` is too large")),
        )
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let org = client.organization(ORG);
    let too_many: Vec<String> = (0..=cf_orgs::MAX_BATCH).map(|i| format!("u{i}@acme.example")).collect();
    let page_size = u32::try_from(cf_orgs::ListOrganizations::MAX_PAGE_SIZE).unwrap() + 1;
    let results = vec![
        client.organizations().list().page_size(page_size).send().await.map(drop),
        org.members().batch_create(too_many).await.map(drop),
        org.members().batch_create(Vec::<String>::new()).await.map(drop),
        org.members().create("not-an-email").send().await.map(drop),
        org.members().list().status(MemberStatus::from("suspended")).send().await.map(drop),
        org.audit_logs().list().limit(0).send().await.map(drop),
        org.audit_logs().list().since(day(20)).before(day(10)).send().await.map(drop),
        org.billable_usage(day(1)..=day(30).checked_add_days(chrono::Days::new(40)).unwrap()).await.map(drop),
        org.billable_usage(day(20)..=day(10)).await.map(drop),
        client.organizations().create("  ").send().await.map(drop),
        org.members().create("a@acme.example").status(cf_orgs::NewMemberStatus::from("invited")).send().await.map(drop),
    ];
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), results.len(), "every request was sent");
    for result in results {
        let err = result.unwrap_err();
        assert_eq!((err.kind(), err.status()), (ErrorKind::BadRequest, Some(400)), "{err}");
        assert!(err.to_string().contains("page_size"), "the API's message is kept: {err}");
    }
    let queries: Vec<String> = sent.iter().map(|r| r.url.query().unwrap_or("").to_string()).collect();
    assert!(queries[0].contains(&format!("page_size={page_size}")), "{}", queries[0]);
    assert!(queries[4].contains("status=suspended"), "{}", queries[4]);
    assert!(queries[5].contains("limit=0"), "{}", queries[5]);
    assert!(queries[6].contains("since=2026-11-20") && queries[6].contains("before=2026-11-10"), "{}", queries[6]);
    let batch: serde_json::Value = serde_json::from_slice(&sent[1].body).unwrap();
    assert_eq!(batch["members"].as_array().map(Vec::len), Some(cf_orgs::MAX_BATCH + 1));
    let create: serde_json::Value = serde_json::from_slice(&sent[10].body).unwrap();
    assert_eq!(create["member"]["status"], "invited", "a new member's status the spec does not list");
}
