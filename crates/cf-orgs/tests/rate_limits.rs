//! Rate limits through the public API: the headers read into `RateLimit` (on
//! answers and on a 429's error), the pacer holding requests at zero remaining
//! until the reset, shared by clones, with a reserve, and off when told; a 429
//! asking for longer than the retry loop sleeps is returned, not retried.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cf_orgs::{Client, ClientBuilder, Credentials, ErrorKind, RateLimit, RateLimitWait};
use cf_orgs_testing::*;
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// A server limiting like Cloudflare: `quota` per fixed window, announced on
/// every answer, 429 past it. Counts what it refused.
struct Limited {
    quota: u64,
    window: Duration,
    state: Mutex<(Instant, u64)>,
    refused: AtomicU64,
}

impl Limited {
    fn new(quota: u64, window: Duration) -> Arc<Self> {
        Arc::new(Self { quota, window, state: Mutex::new((Instant::now(), 0)), refused: AtomicU64::new(0) })
    }
}

struct Responder(Arc<Limited>);

impl Respond for Responder {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let l = &self.0;
        let mut state = l.state.lock().unwrap();
        if state.0.elapsed() >= l.window {
            *state = (Instant::now(), 0);
        }
        let reset = l.window.saturating_sub(state.0.elapsed());
        let t = reset.as_secs() + u64::from(reset.subsec_nanos() > 0);
        let policy = format!("\"default\";q={};w={}", l.quota, l.window.as_secs());
        if state.1 >= l.quota {
            l.refused.fetch_add(1, Ordering::Relaxed);
            return ResponseTemplate::new(429)
                .insert_header("ratelimit", format!("\"default\";r=0;t={t}").as_str())
                .insert_header("ratelimit-policy", policy.as_str())
                .insert_header("retry-after", t.to_string().as_str())
                .set_body_json(failure(971, "Please wait and consider throttling your request speed"));
        }
        state.1 += 1;
        ResponseTemplate::new(200)
            .insert_header("ratelimit", format!("\"default\";r={};t={t}", l.quota - state.1).as_str())
            .insert_header("ratelimit-policy", policy.as_str())
            .set_body_json(envelope(organization(ORG, "Acme")))
    }
}

async fn limited(quota: u64, window: Duration) -> (MockServer, Arc<Limited>) {
    let server = MockServer::start().await;
    let limits = Limited::new(quota, window);
    Mock::given(any()).respond_with(Responder(limits.clone())).mount(&server).await;
    (server, limits)
}

type Waits = Arc<Mutex<Vec<RateLimitWait>>>;

fn builder(server: &MockServer) -> (ClientBuilder, Waits) {
    let waits: Waits = Arc::default();
    let seen = waits.clone();
    let builder = Client::builder()
        .credentials(Credentials::global_api_key(EMAIL, KEY))
        .base_url(server.uri())
        .backoff(Duration::from_millis(1), Duration::from_millis(5))
        .on_rate_limit_wait(move |w| seen.lock().unwrap().push(w.clone()));
    (builder, waits)
}

async fn answering(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(template).mount(&server).await;
    server
}

#[tokio::test]
async fn every_answer_says_its_rate_limit() {
    let ok = envelope(organization(ORG, "Acme"));
    let server = answering(
        ResponseTemplate::new(200)
            .insert_header("ratelimit", "\"default\";r=50;t=30")
            .insert_header("ratelimit-policy", "\"default\";q=1200;w=300")
            .set_body_json(ok.clone()),
    )
    .await;
    let (client, _) = client(&server);
    let answer = client.organizations().get(ORG).with_meta().await.unwrap();
    let rl = answer.meta.rate_limit.expect("announced");
    assert_eq!((rl.policy.as_deref(), rl.remaining, rl.reset), (Some("default"), 50, Duration::from_secs(30)));
    assert_eq!((rl.quota, rl.window), (Some(1200), Some(Duration::from_secs(300))));

    let date = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(120));
    let legacy = answering(
        ResponseTemplate::new(200)
            .insert_header("x-ratelimit-limit", "1200")
            .insert_header("x-ratelimit-remaining", "9")
            .insert_header("x-ratelimit-reset", date.as_str())
            .set_body_json(ok.clone()),
    )
    .await;
    let (client, _) = self::client(&legacy);
    let rl = client.organizations().get(ORG).with_meta().await.unwrap().meta.rate_limit.unwrap();
    assert_eq!((rl.remaining, rl.quota, rl.window), (9, Some(1200), None));
    assert!(rl.reset > Duration::from_secs(115) && rl.reset <= Duration::from_secs(120), "{:?}", rl.reset);

    // Malformed headers are ignored, and the answer is still the answer.
    for (name, value) in [("ratelimit", "\"default\";r=;t=30"), ("ratelimit", "r=5"), ("x-ratelimit-remaining", "x")] {
        let server = answering(ResponseTemplate::new(200).insert_header(name, value).set_body_json(ok.clone())).await;
        let (client, _) = self::client(&server);
        let answer = client.organizations().get(ORG).with_meta().await.expect("decodes");
        assert_eq!(answer.meta.rate_limit, None, "{name}: {value}");
    }
    let plain = answering(ResponseTemplate::new(200).set_body_json(ok)).await;
    let (client, _) = self::client(&plain);
    assert_eq!(client.organizations().get(ORG).with_meta().await.unwrap().meta.rate_limit, None);
}

#[tokio::test]
async fn a_429_error_carries_the_rate_limit_and_the_servers_whole_wait() {
    let server = answering(
        ResponseTemplate::new(429)
            .insert_header("retry-after", "120")
            .insert_header("ratelimit", "\"default\";r=0;t=120")
            .set_body_json(failure(971, "Please wait and consider throttling your request speed")),
    )
    .await;
    let (builder, _) = builder(&server);
    let client = builder.pace_rate_limits(false).build().unwrap();
    let started = Instant::now();
    let err = client.organizations().get(ORG).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)), "the server's value, not the retry cap");
    assert_eq!(err.rate_limit().map(|r| r.remaining), Some(0));
    assert!(err.to_string().contains("wait 120 s"), "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "longer than the retry cap: not retried blind");
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[tokio::test]
async fn the_pacer_holds_requests_at_zero_and_releases_them_at_the_reset() {
    let (server, limits) = limited(3, Duration::from_secs(1)).await;
    let (builder, waits) = builder(&server);
    let client = builder.build().unwrap();
    let started = Instant::now();
    // Until an answer announces a limit, the pacer does nothing: the first request says it.
    client.organizations().get(ORG).await.unwrap();
    let results = futures::future::join_all((0..7).map(|_| {
        let client = client.clone();
        async move { client.organizations().get(ORG).await }
    }))
    .await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(limits.refused.load(Ordering::Relaxed), 0, "no request was sent into a 429");
    let waits = waits.lock().unwrap();
    assert!(!waits.is_empty(), "the pacer held requests");
    assert!(waits.iter().all(|w| w.delay <= Duration::from_secs(1) && w.remaining == 0), "{waits:?}");
    // 8 requests at 3 per window take three windows: the pacer waited for the resets.
    assert!(started.elapsed() >= Duration::from_secs(2), "{:?}", started.elapsed());
}

#[tokio::test]
async fn clones_share_one_pacer_and_a_reserve_is_left_unused() {
    let (server, limits) = limited(3, Duration::from_secs(1)).await;
    let (builder, waits) = builder(&server);
    let client = builder.rate_limit_reserve(1).build().unwrap();
    let clone = client.clone();
    for _ in 0..2 {
        client.organizations().get(ORG).await.unwrap();
    }
    assert!(waits.lock().unwrap().is_empty());
    // One is left, and it is the reserve: the clone waits for the reset.
    clone.organizations().get(ORG).await.unwrap();
    assert_eq!(waits.lock().unwrap().len(), 1, "the clone's request was held");
    assert_eq!(limits.refused.load(Ordering::Relaxed), 0);
}

#[tokio::test]
async fn off_means_off_and_no_header_means_no_pacing() {
    let (server, limits) = limited(2, Duration::from_secs(60)).await;
    let (builder, waits) = builder(&server);
    let client = builder.pace_rate_limits(false).max_retries(0).build().unwrap();
    client.organizations().get(ORG).await.unwrap();
    client.organizations().get(ORG).await.unwrap();
    let err = client.organizations().get(ORG).await.unwrap_err();
    assert_eq!((err.kind(), limits.refused.load(Ordering::Relaxed)), (ErrorKind::RateLimited, 1));
    assert!(waits.lock().unwrap().is_empty(), "off: nothing held");

    let plain = answering(ResponseTemplate::new(200).set_body_json(envelope(json!([])))).await;
    let (plain_builder, waits) = self::builder(&plain);
    let client = plain_builder.build().unwrap();
    let started = Instant::now();
    for _ in 0..20 {
        client.organizations().list().send().await.unwrap();
    }
    assert!(waits.lock().unwrap().is_empty(), "no header ever seen: the pacer does nothing");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn rate_limits_parse_from_a_header_map() {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("ratelimit", "\"default\";r=0;t=7".parse().unwrap());
    let rl = RateLimit::from_headers(&headers).unwrap();
    assert_eq!((rl.remaining, rl.reset), (0, Duration::from_secs(7)));
}

/// A server answering `first` once, then empty lists announcing nothing.
async fn once_then_silent(first: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(first).up_to_n_times(1).with_priority(1).mount(&server).await;
    Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(envelope(json!([])))).mount(&server).await;
    server
}

#[tokio::test]
async fn a_429_from_a_server_announcing_no_limit_holds_nothing() {
    let server = once_then_silent(
        ResponseTemplate::new(429).insert_header("retry-after", "1").set_body_json(failure(971, "slow down")),
    )
    .await;
    let (builder, waits) = builder(&server);
    let client = builder.build().unwrap();
    let (first, second) = tokio::join!(client.organizations().list().send(), async {
        // Sent while the first waits out its 429 in the retry loop.
        tokio::time::sleep(Duration::from_millis(200)).await;
        client.organizations().list().send().await
    });
    assert!(first.is_ok() && second.is_ok());
    assert!(waits.lock().unwrap().is_empty(), "no limit was ever announced: nothing held");
}

#[tokio::test]
async fn a_limit_announced_then_fallen_silent_is_forgotten_after_its_reset() {
    let spent = ResponseTemplate::new(200).insert_header("ratelimit", "\"default\";r=0;t=1");
    let server = once_then_silent(spent.set_body_json(envelope(json!([])))).await;
    let (builder, waits) = builder(&server);
    let client = builder.build().unwrap();
    client.organizations().list().send().await.unwrap();
    client.organizations().list().send().await.unwrap();
    assert_eq!(waits.lock().unwrap().len(), 1, "held at zero remaining until the reset");
    for _ in 0..30 {
        client.organizations().list().send().await.unwrap();
    }
    assert_eq!(waits.lock().unwrap().len(), 1, "the server fell silent: nothing held once it answered");
    assert_eq!(server.received_requests().await.unwrap().len(), 32);
}
