//! The live check, for maintainers: the same scenarios against Cloudflare's API and, in every test
//! run, against cf-orgs-mock, so that the suite itself is tested and the mock's fidelity is checked
//! against Cloudflare whenever a maintainer runs it.
//!
//! ```sh
//! CLOUDFLARE_EMAIL=… CLOUDFLARE_API_KEY=… CF_ORGS_LIVE_ORG=<an organization id> \
//!     cargo test -p cf-orgs --test live -- --ignored --nocapture
//! ```
//!
//! By default it only reads: every read operation of the service, each where there is something to
//! read (an account, an audit entry, a tenant). With `CF_ORGS_LIVE_WRITE=1` it also writes, only
//! inside a sub-organization it creates under `CF_ORGS_LIVE_ORG` and deletes at the end.

use cf_orgs::{Client, OrganizationId, Profile};
use futures::TryStreamExt;

/// What a run read and wrote, by operation, for its report.
#[derive(Debug, Default)]
struct Report {
    done: Vec<&'static str>,
    skipped: Vec<&'static str>,
}

impl Report {
    fn ran(&mut self, what: &'static str) {
        self.done.push(what);
    }
}

/// Every read operation, each where there is something to read.
async fn reads(client: &Client, org: &OrganizationId, report: &mut Report) -> cf_orgs::Result<()> {
    client.organizations().list().send().await?;
    report.ran("list organizations");
    client.organizations().get(org).await?;
    report.ran("get organization");
    let o = client.organization(org);
    o.profile().get().await?;
    report.ran("get profile");
    o.members().list().send().await?;
    report.ran("list members");
    if let Some(member) = o.members().list().send().await?.items.into_iter().next() {
        o.members().get(&member.id).await?;
        report.ran("get member");
    } else {
        report.skipped.push("get member (no member)");
    }
    o.shares().list().send().await?;
    report.ran("list shares");
    o.billable_usage(..).await?;
    report.ran("billable usage");
    let entries = o.audit_logs().list().limit(5).send().await?.items;
    report.ran("list audit log");
    match entries.first().and_then(|e| Some((e.id.clone()?, e.action.as_ref()?.time?))) {
        Some((id, time)) => {
            o.audit_logs().history(id.to_string(), time).send().await?;
            report.ran("audit log history");
        }
        None => report.skipped.push("audit log history (no entry)"),
    }
    let accounts: Vec<_> = o.accounts().list().stream().try_collect().await?;
    report.ran("list accounts");
    match accounts.first() {
        Some(account) => {
            let chain = client.account(&account.id).organizations().await?;
            assert!(chain.last().is_some_and(|leaf| leaf.id == *org), "the leaf holds the account: {chain:?}");
            report.ran("account organizations");
            client.account(&account.id).profile().get().await?;
            report.ran("account profile");
        }
        None => report.skipped.push("account organizations and profile (no account)"),
    }
    let tenants = client.tenants().await?;
    report.ran("user tenants");
    match tenants.first() {
        Some(tenant) => {
            let t = client.tenant(tenant.id.as_str());
            t.get().await?;
            t.account_types().await?;
            t.accounts().await?;
            t.entitlements().await?;
            t.memberships().await?;
            report.ran("tenant, its account types, accounts, entitlements, memberships");
        }
        None => report.skipped.push("tenant reads (no tenant)"),
    }
    Ok(())
}

/// Writes, inside a sub-organization of `org` created here and deleted at the end (also when a
/// step fails).
async fn writes(client: &Client, org: &OrganizationId, report: &mut Report) -> cf_orgs::Result<()> {
    let orgs = client.organizations();
    let sub = orgs.create("cf-orgs live check").parent(org).send().await?;
    report.ran("create organization");
    let steps = async {
        orgs.update(&sub.id).name("cf-orgs live check (renamed)").send().await?;
        report.ran("update organization");
        let profile = Profile::new("cf-orgs live check").business_email("live@example.com");
        client.organization(&sub.id).profile().update(profile).await?;
        let read = client.organization(&sub.id).profile().get().await?;
        assert_eq!(read.business_name, "cf-orgs live check");
        report.ran("update profile");
        cf_orgs::Result::Ok(())
    }
    .await;
    orgs.delete(&sub.id).await?;
    report.ran("delete organization");
    steps
}

async fn scenarios(client: &Client, org: &OrganizationId, write: bool) -> Report {
    let mut report = Report::default();
    reads(client, org, &mut report).await.unwrap_or_else(|e| panic!("reading: {e}\n{report:?}"));
    if write {
        writes(client, org, &mut report).await.unwrap_or_else(|e| panic!("writing: {e}\n{report:?}"));
    }
    report
}

/// Against Cloudflare: run by hand (`--ignored`), with real credentials.
#[tokio::test]
#[ignore = "talks to Cloudflare's API: set CLOUDFLARE_* and CF_ORGS_LIVE_ORG, then run with --ignored"]
async fn live() {
    let client = Client::from_env().expect("CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY (or a token) in the environment");
    let org: OrganizationId =
        std::env::var("CF_ORGS_LIVE_ORG").expect("CF_ORGS_LIVE_ORG").parse().expect("CF_ORGS_LIVE_ORG is an id");
    let write = std::env::var("CF_ORGS_LIVE_WRITE").is_ok_and(|v| v == "1");
    let report = scenarios(&client, &org, write).await;
    println!("done: {:?}\nskipped: {:?}", report.done, report.skipped);
}

/// The same scenarios against the mock, writes included, every read with something to read.
#[tokio::test]
async fn the_live_scenarios_pass_against_the_mock() {
    let server = cf_orgs_mock::MockServer::start().await;
    let client = cf_orgs_testing::mock_client(&server);
    let org = client.organizations().create("Live Root").send().await.unwrap();
    server.seed_account(org.id.as_str(), "Prod");
    server.seed_user(org.id.as_str(), "ann@acme.example");
    let tenant = serde_json::json!({ "tenants": [{ "tenant": {
        "tenant_tag": "t1", "tenant_name": "Globex", "tenant_labels": [], "tenant_type": "mssp", "tenant_status": "active",
        "tenant_metadata": {}, "tenant_contacts": {}, "cdate": "2026-01-01T00:00:00Z", "edate": "2026-01-01T00:00:00Z",
        "tenant_network": {}, "tenant_units": [] } }] });
    server.load_fixtures(tenant.to_string().as_bytes()).unwrap();
    let report = scenarios(&client, &org.id, true).await;
    assert!(report.skipped.is_empty(), "every scenario ran: {:?}", report.skipped);
    assert_eq!(report.done.len(), 18, "{:?}", report.done);
    assert_eq!(server.organization_count(), 1, "the write scenario cleans up after itself");
    assert!(server.strict_violations().is_empty(), "{:?}", server.strict_violations());
}
