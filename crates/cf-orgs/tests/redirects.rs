//! Credentials reach only the base URL's origin: no redirect is followed, for
//! any credential mode, to another host or to the same one.

use cf_orgs::{Client, Credentials, ErrorKind};
use cf_orgs_testing::*;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server on another loopback address (127.0.0.2): another host, by URL and by socket.
async fn other_host() -> MockServer {
    let listener = std::net::TcpListener::bind("127.0.0.2:0").expect("127.0.0.0/8 is loopback on Linux");
    let server = MockServer::builder().listener(listener).start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(organization(ORG, "Stolen"))))
        .mount(&server)
        .await;
    server
}

/// A server that answers every request with `status` and `Location: location`.
async fn redirecting(status: u16, location: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).insert_header("location", location))
        .mount(&server)
        .await;
    server
}

fn modes() -> [Credentials; 3] {
    [
        Credentials::api_token("tok-SECRET"),
        Credentials::global_api_key("ops@acme.example", "gk-SECRET"),
        Credentials::user_service_key("v1.0-SECRET"),
    ]
}

#[tokio::test]
async fn no_credential_follows_a_redirect_to_another_host() {
    let thief = other_host().await;
    let thief_origin = thief.uri();
    for status in [301, 302, 307, 308] {
        for target in
            [format!("{thief_origin}/steal?token=QUERY-SECRET"), thief_origin.replace("127.0.0.2", "localhost")]
        {
            let api = redirecting(status, &target).await;
            for (sent, credentials) in modes().into_iter().enumerate() {
                let mode = credentials.mode();
                let (client, retries) = client_with(&api, credentials);
                // A GET (retried on transient failures) and a POST.
                let get = client.organizations().get(ORG).await.unwrap_err();
                let post = client.organizations().create("Acme").send().await.unwrap_err();
                for err in [get, post] {
                    assert_eq!(err.kind(), ErrorKind::Redirect, "{status} {mode}: {err:?}");
                    assert_eq!(err.status(), Some(status));
                    let shown = format!("{err} {err:?}");
                    let host = target.split('/').nth(2).unwrap();
                    assert!(shown.contains(host), "names the target's host: {shown}");
                    assert!(!shown.contains("QUERY-SECRET") && !shown.contains("steal"), "no path or query: {shown}");
                    assert!(!shown.contains("SECRET"), "{shown}");
                    assert!(!err.is_retryable());
                }
                assert!(retries.lock().unwrap().is_empty(), "a redirect is not retried");
                assert_eq!(
                    api.received_requests().await.unwrap().len(),
                    2 * (sent + 1),
                    "each sent once: {status} {mode}"
                );
            }
        }
    }
    let stolen = thief.received_requests().await.unwrap();
    assert!(stolen.is_empty(), "the other host received {} requests", stolen.len());
}

#[tokio::test]
async fn a_redirect_to_the_same_host_is_not_followed_either() {
    for status in [301, 302, 307, 308] {
        let api = redirecting(status, &format!("/organizations/{ORG}-moved")).await;
        let (client, _) = client(&api);
        let err = client.organizations().get(ORG).await.unwrap_err();
        assert_eq!((err.kind(), err.status()), (ErrorKind::Redirect, Some(status)));
        assert!(err.to_string().contains(&api.uri()), "{err}");
        let requests = api.received_requests().await.unwrap();
        assert_eq!(requests.len(), 1, "sent once, not followed");
        assert_eq!(requests[0].url.path(), format!("/organizations/{ORG}"));
    }
}

#[tokio::test]
async fn a_redirect_without_location_is_the_same_error() {
    let api = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(302)).mount(&api).await;
    let (client, _) = client(&api);
    let err = client.organization(ORG).members().list().send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Redirect);
    assert!(err.to_string().contains("without a usable Location"), "{err}");
}

#[tokio::test]
async fn a_callers_http_client_does_not_follow_redirects_either() {
    let thief = other_host().await;
    let api = redirecting(307, &format!("{}/steal", thief.uri())).await;
    let client = Client::builder()
        .credentials(Credentials::global_api_key("ops@acme.example", "gk-SECRET"))
        .base_url(api.uri())
        // A builder that would follow ten redirects, left to itself.
        .http_client(reqwest::Client::builder().redirect(reqwest::redirect::Policy::limited(10)))
        .build()
        .unwrap();
    let err = client.organizations().get(ORG).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Redirect);
    assert!(thief.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn plain_http_to_another_host_is_refused_before_anything_is_sent() {
    let server = MockServer::start().await;
    // The same server, named by a host that is not loopback: refused at build.
    let err = Client::builder()
        .credentials(Credentials::global_api_key("ops@acme.example", "gk-SECRET"))
        .base_url(server.uri().replace("127.0.0.1", "cf-orgs-test.example"))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Configuration);
    assert!(!format!("{err} {err:?}").contains("SECRET"));
    assert!(server.received_requests().await.unwrap().is_empty());
    // Loopback works, and so does the opt-in.
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(organization(ORG, "Acme"))))
        .mount(&server)
        .await;
    for base in [server.uri(), server.uri().replace("127.0.0.1", "localhost")] {
        let client = Client::builder().credentials(Credentials::api_token("t")).base_url(base).build().unwrap();
        assert_eq!(client.organizations().get(ORG).await.unwrap().name, "Acme");
    }
    let opted_in = Client::builder()
        .credentials(Credentials::api_token("t"))
        .base_url(server.uri())
        .danger_allow_plain_http()
        .build()
        .unwrap();
    assert_eq!(opted_in.organizations().get(ORG).await.unwrap().name, "Acme");
}
