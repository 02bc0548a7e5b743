//! The admin API under `/__mock/`, as a test suite in another language would use it: plain HTTP
//! and JSON, a namespace per suite.

use cf_orgs::{Client, ErrorKind};
use cf_orgs_mock::{MockServer, NAMESPACE_HEADER};
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{Value, json};

/// Plain HTTP to the admin API, in one namespace (or the default one).
struct Admin {
    http: reqwest::Client,
    url: String,
    namespace: Option<&'static str>,
    token: Option<&'static str>,
}

impl Admin {
    fn new(server: &MockServer, namespace: Option<&'static str>) -> Self {
        Self { http: reqwest::Client::new(), url: server.admin_url(), namespace, token: None }
    }

    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self.http.request(method.parse().unwrap(), format!("{}{path}", self.url));
        if let Some(ns) = self.namespace {
            request = request.header(NAMESPACE_HEADER, ns);
        }
        if let Some(token) = self.token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// The `result` of a call that must succeed.
    async fn ok(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let (status, answer) = self.call(method, path, body).await;
        assert!((200..300).contains(&status), "{method} {path}: {status} {answer}");
        answer["result"].clone()
    }

    /// The message of a call that must fail with `want`.
    async fn fails(&self, method: &str, path: &str, body: Option<Value>, want: u16) -> String {
        let (status, answer) = self.call(method, path, body).await;
        assert_eq!(status, want, "{method} {path}: {answer}");
        assert_eq!(answer["success"], false, "{answer}");
        answer["errors"][0]["message"].as_str().unwrap().to_string()
    }
}

/// A client of the mock in one namespace.
fn client_in(server: &MockServer, namespace: &str) -> Client {
    let mut headers = HeaderMap::new();
    headers.insert(NAMESPACE_HEADER, HeaderValue::from_str(namespace).unwrap());
    cf_orgs_testing::mock_builder(server)
        .http_client(reqwest::Client::builder().default_headers(headers))
        .build()
        .unwrap()
}

fn fixtures() -> Value {
    json!({ "organizations": [
        { "id": "acme", "name": "Acme", "members": [{ "email": "alice@acme.example" }], "accounts": [{ "name": "Prod" }] },
        { "id": "acme-eu", "name": "Acme EU", "parent": "acme" }
    ] })
}

#[tokio::test]
async fn fixtures_load_all_or_nothing_and_a_bad_one_names_its_pointer() {
    let server = MockServer::start().await;
    let admin = Admin::new(&server, None);
    let loaded = admin.ok("POST", "/fixtures", Some(fixtures())).await;
    assert_eq!(loaded["loaded"]["organizations"], 2);
    assert_eq!(loaded["loaded"]["members"], 1);
    let client = cf_orgs_testing::mock_client(&server);
    let eu = client.organizations().get("acme-eu").await.unwrap();
    assert_eq!(eu.parent.unwrap().id.as_str(), "acme");

    let bad = json!({ "organizations": [{ "name": "Fine" }, { "name": "Bad", "members": [{ "email": "x@y.example", "status": "asleep" }] }] });
    let message = admin.fails("POST", "/fixtures", Some(bad), 400).await;
    assert!(message.contains("/organizations/1/members/0/status"), "{message}");
    let dangling = json!({ "organizations": [{ "name": "Fine" }, { "name": "Orphan", "parent": "nowhere" }] });
    let message = admin.fails("POST", "/fixtures", Some(dangling), 400).await;
    assert!(message.contains("/organizations/1/parent"), "{message}");
    assert_eq!(server.organization_count(), 2, "a refused document adds nothing, not even what came before the error");
    let (status, _) = admin.call("POST", "/fixtures", None).await;
    assert_eq!(status, 400, "no body");
}

#[tokio::test]
async fn state_exports_and_imports_exactly() {
    let server = MockServer::start().await;
    let admin = Admin::new(&server, None);
    admin.ok("POST", "/fixtures", Some(fixtures())).await;
    let client = cf_orgs_testing::mock_client(&server);
    client.organization("acme").members().create("bob@acme.example").send().await.unwrap();
    admin.ok("PUT", "/faults", Some(json!({ "spec": "latency=1ms" }))).await;
    let state = admin.ok("GET", "/state", None).await;
    assert_eq!(state["organizations"][0]["members"].as_array().unwrap().len(), 2);
    assert_eq!(state["audit"].as_array().unwrap().len(), 1, "the member add was audited");

    let other = MockServer::start().await;
    let again = Admin::new(&other, Some("restored"));
    again.ok("PUT", "/state", Some(state.clone())).await;
    assert_eq!(again.ok("GET", "/state", None).await, state, "round trip, exact");
    assert_eq!(again.ok("GET", "/faults", None).await["spec"], "latency=1ms");

    // A bad state changes nothing.
    let mut bad = state.clone();
    bad["faults"] = json!("429=7");
    let message = again.fails("PUT", "/state", Some(bad), 400).await;
    assert!(message.contains("/faults"), "{message}");
    assert_eq!(again.ok("GET", "/state", None).await, state);

    // What GET answers, envelope and all, PUT takes back (`curl $ADMIN/state > s.json` and
    // `curl -X PUT --data @s.json $ADMIN/state`); an error inside it is named under `/result`.
    let (status, answered) = admin.call("GET", "/state", None).await;
    assert_eq!((status, answered["success"].as_bool()), (200, Some(true)));
    let copy = Admin::new(&other, Some("from-the-envelope"));
    copy.ok("PUT", "/state", Some(answered.clone())).await;
    assert_eq!(copy.ok("GET", "/state", None).await, state);
    let mut bad = answered;
    bad["result"]["faults"] = json!("429=7");
    let message = copy.fails("PUT", "/state", Some(bad), 400).await;
    assert!(message.contains("/result/faults"), "{message}");
}

#[tokio::test]
async fn namespaces_do_not_see_each_other() {
    let server = MockServer::start().await;
    let (a, b) = (client_in(&server, "suite-a"), client_in(&server, "suite-b"));
    let org = a.organizations().create("Only in A").send().await.unwrap();
    assert_eq!(b.organizations().get(&org.id).await.unwrap_err().kind(), ErrorKind::NotFound);
    assert!(b.organizations().list().send().await.unwrap().items.is_empty());
    assert_eq!(server.organization_count(), 0, "nor does the default namespace");
    let (admin_a, admin_b) = (Admin::new(&server, Some("suite-a")), Admin::new(&server, Some("suite-b")));
    assert_eq!(admin_a.ok("GET", "/requests/count?method=POST", None).await["count"], 1);
    assert_eq!(admin_b.ok("GET", "/requests/count?method=POST", None).await["count"], 0);
    admin_b.ok("PUT", "/faults", Some(json!({ "spec": "503=1" }))).await;
    a.organizations().get(&org.id).await.expect("faults stay in their namespace");
    admin_a.ok("POST", "/reset", None).await;
    assert_eq!(a.organizations().get(&org.id).await.unwrap_err().kind(), ErrorKind::NotFound);
    let health = admin_a.ok("GET", "/health", None).await;
    assert_eq!(health["namespaces"], json!(["default", "suite-a", "suite-b"]));
}

#[tokio::test]
async fn the_namespace_caps_answer_507() {
    let server = MockServer::builder().max_namespaces(2).max_objects(4).start().await;
    let one = Admin::new(&server, Some("one"));
    one.ok("GET", "/health", None).await;
    let message = Admin::new(&server, Some("two")).fails("GET", "/state", None, 507).await;
    assert!(message.contains("maximum of 2 namespaces"), "{message}");
    let full = json!({ "organizations": [{ "name": "A" }, { "name": "B" }, { "name": "C" }, { "name": "D" }, { "name": "E" }] });
    let message = one.fails("POST", "/fixtures", Some(full), 507).await;
    assert!(message.contains("maximum of 4"), "{message}");
    let client = client_in(&server, "one");
    for name in ["A", "B"] {
        client.organizations().create(name).send().await.unwrap();
    }
    // Two organizations and their two audit entries: at the cap, a create is refused.
    let err = client.organizations().create("C").send().await.unwrap_err();
    assert_eq!(err.status(), Some(507), "{err}");
    client.organizations().list().send().await.expect("reads go on");
    one.ok("POST", "/reset?all=true", None).await;
    Admin::new(&server, Some("two")).ok("GET", "/state", None).await;
}

#[tokio::test]
async fn the_journal_filters_counts_caps_and_clears() {
    let server = MockServer::builder().journal_cap(3).start().await;
    let admin = Admin::new(&server, None);
    let client = cf_orgs_testing::mock_client(&server);
    let org = client.organizations().create("Journaled").send().await.unwrap();
    client.organizations().get(&org.id).await.unwrap();
    client.organizations().get("missing").await.unwrap_err();
    let journal = admin.ok("GET", "/requests", None).await;
    assert_eq!((journal["count"].as_u64(), journal["dropped"].as_u64()), (Some(3), Some(0)));
    let first = &journal["entries"][0];
    assert_eq!((first["method"].as_str(), first["route"].as_str()), (Some("POST"), Some("/organizations")));
    assert_eq!(first["request_body"]["name"], "Journaled");
    assert_eq!(first["credentials"], "api_email+api_key");
    assert!(!journal.to_string().contains(&server.mock_credentials().api_key), "no secret in the journal");
    let missing = admin.ok("GET", "/requests?route=/organizations/{organization_id}&status=404", None).await;
    assert_eq!(missing["count"], 1);
    assert_eq!(missing["entries"][0]["path"], "/organizations/missing");
    client.organizations().list().send().await.unwrap();
    let journal = admin.ok("GET", "/requests", None).await;
    assert_eq!((journal["count"].as_u64(), journal["dropped"].as_u64()), (Some(3), Some(1)), "the oldest went");
    assert_eq!(journal["entries"][2]["seq"], 4);
    assert!(admin.fails("GET", "/requests?colour=red", None, 400).await.contains("colour"));
    assert_eq!(admin.ok("DELETE", "/requests", None).await["cleared"], 3);
    assert_eq!(admin.ok("GET", "/requests/count", None).await, json!({ "count": 0, "dropped": 0 }));
}

#[tokio::test]
async fn faults_turn_on_and_off() {
    let server = MockServer::start().await;
    let admin = Admin::new(&server, None);
    let client = cf_orgs_testing::mock_builder(&server).max_retries(0).build().unwrap();
    let set = admin.ok("PUT", "/faults", Some(json!({ "spec": "route=GET /organizations:503=1" }))).await;
    assert_eq!(set["spec"], "route=GET /organizations:503=1");
    assert_eq!(client.organizations().list().send().await.unwrap_err().status(), Some(503));
    client.organizations().create("Unfaulted route").send().await.unwrap();
    let message = admin.fails("PUT", "/faults", Some(json!({ "spec": "503=2" })), 400).await;
    assert!(message.contains("not a rate"), "{message}");
    assert_eq!(admin.ok("GET", "/faults", None).await["spec"], "route=GET /organizations:503=1", "unchanged");
    assert_eq!(admin.ok("DELETE", "/faults", None).await["spec"], "off");
    client.organizations().list().send().await.unwrap();
}

#[tokio::test]
async fn the_clock_dates_what_is_made_and_moves_rate_limit_windows() {
    let server = MockServer::builder()
        .rate_limit(cf_orgs_mock::Quota::new(1, std::time::Duration::from_secs(3600)))
        .start()
        .await;
    let admin = Admin::new(&server, None);
    let set = admin.ok("PUT", "/clock", Some(json!({ "now": "2030-01-01T00:00:00Z" }))).await;
    assert_eq!((set["now"].as_str(), set["frozen"].as_bool()), (Some("2030-01-01T00:00:00Z"), Some(true)));
    let client = cf_orgs_testing::mock_builder(&server).max_retries(0).pace_rate_limits(false).build().unwrap();
    let org = client.organizations().create("Dated").send().await.unwrap();
    assert_eq!(org.create_time.unwrap().to_rfc3339(), "2030-01-01T00:00:00+00:00");
    assert_eq!(client.organizations().get(&org.id).await.unwrap_err().kind(), ErrorKind::RateLimited);
    let moved = admin.ok("POST", "/clock/advance", Some(json!({ "seconds": 3600 }))).await;
    assert_eq!(moved["now"], "2030-01-01T01:00:00Z");
    client.organizations().get(&org.id).await.expect("a new window an hour on");
    assert!(admin.fails("POST", "/clock/advance", Some(json!({ "seconds": i64::MAX })), 400).await.contains("range"));
    assert!(admin.fails("PUT", "/clock", Some(json!({ "when": 1 })), 400).await.contains("when"));
    assert_eq!(admin.ok("DELETE", "/clock", None).await["frozen"], false);
}

#[tokio::test]
async fn the_admin_token_guards_all_but_health() {
    let server = MockServer::builder().admin_token("s3cret".to_string()).start().await;
    let mut admin = Admin::new(&server, None);
    admin.ok("GET", "/health", None).await;
    admin.ok("GET", "/openapi.json", None).await;
    admin.fails("GET", "/state", None, 401).await;
    admin.fails("POST", "/reset", None, 401).await;
    admin.token = Some("s3cret");
    admin.ok("GET", "/state", None).await;
    let message = admin.fails("GET", "/nowhere", None, 404).await;
    assert!(message.contains("GET /__mock/nowhere"), "{message}");
    admin.fails("PATCH", "/state", None, 405).await;
    // Admin routes are not part of the API.
    let under_api = format!("{}/__mock/health", server.base_url());
    let answer = reqwest::get(&under_api).await.unwrap();
    assert_eq!(answer.status(), 404);
    let body: Value = answer.json().await.unwrap();
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("/client/v4/__mock/health"), "{body}");
}

#[tokio::test]
async fn the_served_document_is_the_committed_one_and_shutdown_is_announced() {
    let server = MockServer::start().await;
    let admin = Admin::new(&server, None);
    let (status, served) = admin.call("GET", "/openapi.json", None).await;
    assert_eq!(status, 200);
    let committed: Value = serde_json::from_str(include_str!("../admin-openapi.json")).unwrap();
    assert_eq!(served, committed);
    let asked = server.shutdown_requested();
    let (status, answer) = admin.call("POST", "/shutdown", None).await;
    assert_eq!((status, answer["result"]["shutting_down"].as_bool()), (202, Some(true)));
    tokio::time::timeout(std::time::Duration::from_secs(5), asked).await.expect("the request is announced");
}
