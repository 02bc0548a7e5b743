//! Decoding a page: 1,000 members, 1,000 audit-log entries and 100 organizations, as cf-orgs-mock
//! answers them (strict, so as the spec describes them), three ways: into cf-orgs's tolerant
//! models, into progenitor's strict types (cf-orgs-gen's), and into `serde_json::Value`.
//! Goal (issue 23): the tolerant models take at most 1.2x the strict types' time.
//! `cargo bench -p cf-orgs-bench --bench decode`
//!
//! `decode/<page>/<way>` are criterion's usual benchmarks, each measured alone. `paired/<page>`
//! decodes with cf-orgs and with the strict types alternately inside every sample (the order
//! swapped each time), so both see the same machine; the ratio printed at the end is the median
//! over samples of (cf-orgs time / strict time).

use std::hint::black_box;
use std::time::{Duration, Instant};

use cf_orgs::{AuditLogEntry, Member, NewMember, Organization};
use cf_orgs_bench::paired::Ratios;
use cf_orgs_gen::types::{AaaAuditLogsV2Org, OrganizationsApiMember, OrganizationsApiOrganization};
use criterion::{Criterion, criterion_group, criterion_main};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The `result` arrays of the three pages, as the mock sent them.
struct Pages {
    members: Vec<u8>,
    audit: Vec<u8>,
    organizations: Vec<u8>,
}

/// Fills a mock (1,000 members in batches, 99 sub-organizations, the audit entries they write),
/// then asks for each list's page as JSON.
async fn pages() -> Pages {
    let server = cf_orgs_mock::MockServer::builder().rate_limit(None).start().await;
    let client = cf_orgs_testing::mock_client(&server);
    let root = client.organizations().create("Acme").send().await.expect("a root");
    for i in 1..100 {
        client.organizations().create(format!("Acme {i:02}")).parent(&root.id).send().await.expect("a child");
    }
    let members = (0..1000).map(|i| NewMember::new(format!("user{i:04}@acme.example")));
    for outcome in client.organization(&root.id).members().create_all(members).await {
        outcome.result.expect("a member");
    }
    let creds = server.mock_credentials();
    let http = cf_orgs_bench::raw::client(&creds.email, &creds.api_key);
    let base = server.base_url();
    let org = format!("{base}/organizations/{}", root.id);
    let today = chrono::Utc::now().date_naive();
    let (since, before) = ((today - chrono::Days::new(1)).to_string(), (today + chrono::Days::new(1)).to_string());
    let page = |url: String, query: Vec<(&'static str, String)>, len: usize| {
        let http = http.clone();
        async move {
            let query: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let answer = http.get(&url).query(&query).send().await.expect("an answer");
            let body: Value = serde_json::from_slice(&answer.bytes().await.expect("a body")).expect("JSON");
            let Some(Value::Array(mut items)) = body.get("result").cloned() else { panic!("{url}: {body}") };
            assert!(items.len() >= len, "{url}: {} items", items.len());
            items.truncate(len);
            serde_json::to_vec(&items).expect("JSON")
        }
    };
    Pages {
        members: page(format!("{org}/members"), vec![("page_size", "1000".into())], 1000).await,
        audit: page(
            format!("{org}/logs/audit"),
            vec![("since", since), ("before", before), ("limit", "1000".into())],
            1000,
        )
        .await,
        organizations: page(format!("{base}/organizations"), vec![("page_size", "100".into())], 100).await,
    }
}

/// Decodes a page's items as one type, answering how many there were.
type Decoder = fn(&[u8]) -> usize;

fn decode<T: DeserializeOwned>(json: &[u8]) -> usize {
    let items: Vec<T> = serde_json::from_slice(json).expect("the page decodes");
    black_box(items).len()
}

fn decoding(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    let pages = rt.block_on(pages());
    let cases: [(&str, &[u8], Decoder, Decoder); 3] = [
        ("1000-members", &pages.members, decode::<Member>, decode::<OrganizationsApiMember>),
        ("1000-audit-entries", &pages.audit, decode::<AuditLogEntry>, decode::<AaaAuditLogsV2Org>),
        ("100-organizations", &pages.organizations, decode::<Organization>, decode::<OrganizationsApiOrganization>),
    ];
    let mut summaries = Vec::new();
    for (name, json, tolerant, strict) in cases {
        let mut group = c.benchmark_group(format!("decode/{name}"));
        group.measurement_time(Duration::from_secs(5));
        group.bench_function("cf-orgs", |b| b.iter(|| tolerant(json)));
        group.bench_function("strict", |b| b.iter(|| strict(json)));
        group.bench_function("value", |b| b.iter(|| decode::<Value>(json)));
        group.finish();

        let ratios = Ratios::default();
        let mut group = c.benchmark_group("paired");
        group.measurement_time(Duration::from_secs(5));
        group.bench_function(name, |b| {
            b.iter_custom(|iters| sample(&ratios, iters, || tolerant(json), || strict(json)))
        });
        group.finish();
        summaries.push(format!("  {name:<20} {} ({} bytes)", ratios.summary(), json.len()));
    }
    println!("paired, cf-orgs models / strict types (median over samples, quartiles):");
    for line in summaries {
        println!("{line}");
    }
}

/// Runs `tolerant` and `strict` `iters` times each, alternately (the order swapped every
/// iteration); records their ratio in `ratios` and returns the time of `tolerant`.
fn sample(ratios: &Ratios, iters: u64, tolerant: impl Fn() -> usize, strict: impl Fn() -> usize) -> Duration {
    let (mut tolerant_time, mut strict_time) = (Duration::ZERO, Duration::ZERO);
    for i in 0..iters {
        if i % 2 == 0 {
            tolerant_time += timed(&tolerant);
            strict_time += timed(&strict);
        } else {
            strict_time += timed(&strict);
            tolerant_time += timed(&tolerant);
        }
    }
    ratios.record(tolerant_time, strict_time);
    tolerant_time
}

fn timed(work: impl Fn() -> usize) -> Duration {
    let started = Instant::now();
    black_box(work());
    started.elapsed()
}

criterion_group!(benches, decoding);
criterion_main!(benches);
