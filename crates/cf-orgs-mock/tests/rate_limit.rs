//! The mock limits like Cloudflare: a quota per window and credential, the
//! `Ratelimit` headers on every answer, and past the quota a 429 with
//! `Retry-After` in Cloudflare's envelope.

use std::time::Duration;

use cf_orgs_mock::{MockServer, Quota};
use serde_json::Value;

/// A plain reqwest client, for the headers cf-orgs reads for its users.
fn http() -> reqwest::Client {
    reqwest::Client::new()
}

async fn get(server: &MockServer, auth: (&str, &str)) -> reqwest::Response {
    let url = format!("{}/organizations", server.base_url());
    http().get(url).header(auth.0, auth.1).send().await.expect("the mock answers")
}

fn header<'r>(r: &'r reqwest::Response, name: &str) -> &'r str {
    r.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_else(|| panic!("no {name} header"))
}

#[tokio::test]
async fn a_quota_per_window_and_credential_announced_on_every_answer() {
    let server = MockServer::builder().rate_limit(Quota::new(3, Duration::from_secs(60))).start().await;
    let creds = server.mock_credentials().clone();
    let key = ("x-auth-key", creds.api_key.as_str());
    let email = ("x-auth-email", creds.email.as_str());
    let bearer = format!("Bearer {}", creds.api_token);
    let token = ("authorization", bearer.as_str());
    let client = http();
    let url = format!("{}/organizations", server.base_url());
    let mut left = Vec::new();
    for _ in 0..3 {
        let r = client.get(&url).header(key.0, key.1).header(email.0, email.1).send().await.unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(header(&r, "ratelimit-policy"), "\"default\";q=3;w=60");
        left.push(header(&r, "ratelimit").to_string());
    }
    assert_eq!(left, ["\"default\";r=2;t=60", "\"default\";r=1;t=60", "\"default\";r=0;t=60"]);
    let refused = client.get(&url).header(key.0, key.1).header(email.0, email.1).send().await.unwrap();
    assert_eq!(refused.status(), 429);
    assert_eq!(header(&refused, "retry-after"), "60");
    assert_eq!(header(&refused, "ratelimit"), "\"default\";r=0;t=60");
    assert!(refused.headers().contains_key("cf-ray"));
    let body: Value = refused.json().await.unwrap();
    assert_eq!((body["success"].as_bool(), body["errors"][0]["code"].as_i64()), (Some(false), Some(971)));
    assert_eq!(server.rate_limited(), 1);
    // Another credential counts on its own.
    let other = get(&server, token).await;
    assert_eq!((other.status().as_u16(), header(&other, "ratelimit")), (200, "\"default\";r=2;t=60"));
}

#[tokio::test]
async fn the_window_resets() {
    let server = MockServer::builder().rate_limit(Quota::new(1, Duration::from_secs(1))).start().await;
    let bearer = format!("Bearer {}", server.mock_credentials().api_token);
    let auth = ("authorization", bearer.as_str());
    assert_eq!(get(&server, auth).await.status(), 200);
    assert_eq!(get(&server, auth).await.status(), 429);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(get(&server, auth).await.status(), 200, "a new window");
}

#[tokio::test]
async fn cloudflares_limit_by_default_and_off_in_one_call() {
    let server = MockServer::start().await;
    assert_eq!(server.rate_limit(), Some(Quota::CLOUDFLARE));
    let bearer = format!("Bearer {}", server.mock_credentials().api_token);
    let auth = ("authorization", bearer.as_str());
    let r = get(&server, auth).await;
    assert_eq!(header(&r, "ratelimit-policy"), "\"default\";q=1200;w=300");
    assert_eq!(header(&r, "ratelimit"), "\"default\";r=1199;t=300");
    server.set_rate_limit(None);
    let r = get(&server, auth).await;
    assert_eq!(r.status(), 200);
    assert!(!r.headers().contains_key("ratelimit"), "off means no headers and no limit");
    server.set_rate_limit(Quota::new(1, Duration::from_secs(60)));
    assert_eq!(get(&server, auth).await.status(), 200);
    assert_eq!(get(&server, auth).await.status(), 429);
}
