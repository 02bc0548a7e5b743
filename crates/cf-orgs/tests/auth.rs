//! Exactly one credential mode per request, and secrets never printed.

use cf_orgs::{Client, Credentials, ErrorKind};
use cf_orgs_testing::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn headers_sent(credentials: Credentials) -> Vec<(String, String)> {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/organizations/{ORG}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(organization(ORG, "Acme"))))
        .expect(1)
        .mount(&server)
        .await;
    let (client, _) = client_with(&server, credentials);
    client.organizations().get(ORG).await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    let mut auth: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(name, _)| name.as_str() == "authorization" || name.as_str().starts_with("x-auth-"))
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_string()))
        .collect();
    auth.sort();
    assert_eq!(request.headers["user-agent"], cf_orgs::USER_AGENT);
    auth
}

#[tokio::test]
async fn api_token_sends_only_a_bearer() {
    assert_eq!(headers_sent(Credentials::api_token("tok")).await, [("authorization".into(), "Bearer tok".into())]);
}

#[tokio::test]
async fn global_api_key_sends_email_and_key_only() {
    assert_eq!(
        headers_sent(Credentials::global_api_key("a@example.com", "k")).await,
        [("x-auth-email".into(), "a@example.com".into()), ("x-auth-key".into(), "k".into())]
    );
}

#[tokio::test]
async fn user_service_key_sends_only_its_header() {
    assert_eq!(
        headers_sent(Credentials::user_service_key("v1.0-s")).await,
        [("x-auth-user-service-key".into(), "v1.0-s".into())]
    );
}

#[test]
fn building_without_credentials_is_a_configuration_error() {
    let err = Client::builder().build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Configuration);
    let err = Client::builder().credentials(Credentials::api_token("t")).base_url("ftp://x").build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Configuration);
}
