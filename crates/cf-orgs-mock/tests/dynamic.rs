//! Requests chosen at run time (cf-orgs's `generated` feature): any operation of the request
//! layer, or any path, through the client, end to end against the mock.

use cf_orgs::ErrorKind;
use cf_orgs::generated::operations::{MembersCreate, OrganizationListOrganizations, OrganizationsRetrieve};
use cf_orgs::generated::runtime::Method;
use cf_orgs::generated::types::{
    OrganizationsApiCreateMemberRequest, OrganizationsApiCreateSingleMember, OrganizationsApiCreateSingleMemberUser,
};
use cf_orgs_mock::{FaultPlan, Faults, MockServer};
use serde_json::json;

#[tokio::test]
async fn any_operation_goes_through_the_client() {
    let server = MockServer::start().await;
    let client = cf_orgs_testing::mock_client(&server);
    let org = client.organizations().create("Dynamic").send().await.unwrap();

    let got = client.send_endpoint(&OrganizationsRetrieve { organization_id: org.id.to_string() }).await.unwrap();
    assert_eq!(got.value["name"], "Dynamic");
    assert_eq!(got.meta.status, 200);
    assert!(got.meta.ray_id().is_some());

    let mut list = OrganizationListOrganizations { query: Default::default() };
    list.query.page_size = Some(1);
    let page = client.send_endpoint(&list).await.unwrap();
    assert_eq!(page.value.as_array().map(Vec::len), Some(1));
    assert!(page.meta.result_info.is_some(), "result_info is kept for paging");

    let member = MembersCreate {
        organization_id: org.id.to_string(),
        body: OrganizationsApiCreateMemberRequest {
            member: OrganizationsApiCreateSingleMember {
                status: None,
                user: OrganizationsApiCreateSingleMemberUser { email: "dyn@example.com".into() },
            },
        },
    };
    assert_eq!(client.send_endpoint(&member).await.unwrap().value["user"]["email"], "dyn@example.com");

    // A path parameter is one segment: a `/` in it cannot reach another route.
    let err = client.send_endpoint(&OrganizationsRetrieve { organization_id: "a/../b".into() }).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert!(server.strict_violations().is_empty());
}

#[tokio::test]
async fn any_path_goes_through_the_client() {
    let server = MockServer::start().await;
    let client = cf_orgs_testing::mock_client(&server);
    let made = client.raw(Method::Post, "/organizations").json(json!({ "name": "Raw" })).await.unwrap();
    let id = made.value["id"].as_str().unwrap().to_string();
    let listed = client.raw(Method::Get, "/organizations").query("id", &id).query("page_size", "5").await.unwrap();
    assert_eq!(listed.value[0]["name"], "Raw");
    let none = client.raw(Method::Get, "/nowhere").await.unwrap_err();
    assert_eq!(none.kind(), ErrorKind::NotFound);
    assert!(none.to_string().contains("/nowhere"), "the request is named: {none}");
    let refused = client.raw(Method::Get, "/../../../elsewhere").await.unwrap_err();
    assert_eq!((refused.kind(), refused.field(), refused.attempts()), (ErrorKind::InvalidInput, Some("path"), 0));
}

#[tokio::test]
async fn a_raw_request_is_retried_as_its_method_allows() {
    let server = MockServer::start().await;
    let client = cf_orgs_testing::mock_builder(&server)
        .backoff(std::time::Duration::from_millis(1), std::time::Duration::from_millis(5))
        .build()
        .unwrap();
    server.set_faults(FaultPlan::global(Faults { server_error: 1.0, ..Faults::none() }));
    let get = client.raw(Method::Get, "/organizations").max_retries(2).await.unwrap_err();
    assert_eq!((get.status(), get.attempts()), (Some(503), 3), "a GET is retried");
    let post =
        client.raw(Method::Post, "/organizations").json(json!({ "name": "Once" })).max_retries(2).await.unwrap_err();
    assert_eq!((post.status(), post.attempts()), (Some(503), 1), "a POST the server may have acted on is not");
}
