//! The minimal crate builds a working client: one call over loopback.

use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn client_sends_its_user_agent_and_decodes_a_profile() {
    let server = MockServer::start().await;
    let profile = json!({
        "business_name": "Acme", "business_email": "ops@acme.example", "business_phone": "+1 555 0100",
        "business_address": "1 Main St", "external_metadata": ""
    });
    Mock::given(method("GET"))
        .and(path("/organizations/o1/profile"))
        .and(header("user-agent", concat!("cf-orgs/", env!("CARGO_PKG_VERSION"))))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "success": true, "errors": [], "messages": [], "result": profile
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = cf_orgs::client(&server.uri()).unwrap();
    let got = client.organizations_get_profile().organization_id("o1".to_string()).send().await.unwrap();
    assert_eq!(got.result.business_name, "Acme");
}
