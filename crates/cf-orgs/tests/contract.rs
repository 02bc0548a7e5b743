//! The names fixed by the SDK contract, used exactly as programs outside this
//! repository use them: if this file stops compiling, the contract broke.

use cf_orgs::{Client, Credentials, Error, OrganizationId};
use cf_orgs_testing::*;
use futures::TryStreamExt;
use serde_json::json;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn api() -> MockServer {
    let server = MockServer::start().await;
    let ok = |body| ResponseTemplate::new(200).set_body_json(body);
    Mock::given(method("POST"))
        .and(path("/organizations"))
        .respond_with(ok(envelope(organization(ORG, "Acme"))))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/organizations/{ORG}")))
        .respond_with(ok(envelope(organization(ORG, "Acme"))))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(format!("/organizations/{ORG}")))
        .respond_with(ok(envelope(organization(ORG, "Acme Corp"))))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(format!("/organizations/{ORG}")))
        .respond_with(ok(envelope(json!({ "id": ORG }))))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .respond_with(ok(token_page(vec![organization(ORG, "acme")], None, 1)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("/members$"))
        .respond_with(ok(token_page(vec![member("m1", "a@acme.example", "active")], None, 1)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("/logs/audit$"))
        .respond_with(ok(json!({ "success": true, "errors": [], "result": [{ "id": "e1" }] })))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn the_contract_compiles_and_runs() -> Result<(), Error> {
    let server = api().await;
    let base = server.uri();
    let client = Client::builder()
        .credentials(Credentials::api_token("..."))
        .base_url(&base)
        .max_retries(3)
        .timeout(std::time::Duration::from_secs(30))
        .build()?;
    let _also = [Credentials::global_api_key("a@example.com", "k"), Credentials::user_service_key("k")];

    let org = client.organizations().create("Acme").send().await?;
    let org = client.organizations().get(&org.id).await?;
    let org = client.organizations().update(&org.id).name("Acme Corp").send().await?;
    let orgs: Vec<_> =
        client.organizations().list().name_starts_with("ac").page_size(100).stream().try_collect().await?;
    let page = client.organizations().list().send().await?;
    let (_items, _next, _total) = (&page.items, &page.next_page_token, page.total_size);
    client.organizations().delete(&org.id).await?;

    let o = client.organization(&org.id);
    let members: Vec<_> = o.members().list().stream().try_collect().await?;
    let logs: Vec<_> = o.audit_logs().list().limit(500).stream().try_collect().await?;
    assert_eq!((org.name.as_str(), orgs.len(), members.len(), logs.len()), ("Acme Corp", 1, 1, 1));

    // Typed ids: Display, FromStr, serde, by reference or anything that converts.
    let id: OrganizationId = ORG.parse()?;
    assert_eq!(id.to_string(), ORG);
    assert_eq!(serde_json::to_value(&id).unwrap(), json!(ORG));
    let _ = client.organization(id.clone()).members();
    let _ = client.organization(ORG.to_string()).members();

    // On any failure:
    let err = client.organizations().get("no/such").await.unwrap_err();
    let (_status, _ray, _errors, _retry): (Option<u16>, Option<&str>, &[cf_orgs::ApiError], bool) =
        (err.status(), err.ray_id(), err.api_errors(), err.is_retryable());
    Ok(())
}

#[test]
fn from_env_is_there() {
    let _: fn() -> cf_orgs::Result<Client> = Client::from_env;
}
