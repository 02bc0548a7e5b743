//! cf-orgs against cf-orgs-mock over real loopback HTTP: the life of an
//! organization, every list filter, pagination over many pages, auth.

use cf_orgs::{Client, Credentials, Direction, ErrorKind, MemberStatus, NewMember, Profile};
use cf_orgs_mock::MockServer;
use cf_orgs_testing::{mock_client as client, mock_token_credentials};
use futures::TryStreamExt;

fn profile() -> Profile {
    Profile::new("Acme")
        .business_email("ops@acme.example")
        .business_phone("+1 555 0100")
        .business_address("1 Main St")
        .external_metadata("{}")
}

#[tokio::test]
async fn the_whole_lifecycle() {
    let server = MockServer::start().await;
    let client = client(&server);
    let orgs = client.organizations();

    let acme = orgs.create("Acme").profile(profile()).send().await.unwrap();
    let sub = orgs.create("Acme EU").parent(&acme.id).send().await.unwrap();
    assert_eq!(sub.parent.as_ref().unwrap().id, acme.id);
    assert_eq!(sub.meta.hierarchy_tags.len(), 2);

    let renamed = orgs.update(&acme.id).name("Acme Corp").send().await.unwrap();
    assert_eq!(orgs.get(&acme.id).await.unwrap().name, renamed.name);

    let o = client.organization(&acme.id);
    let mut renamed = profile();
    renamed.business_name = "Acme Corporation".into();
    o.profile().update(renamed).await.unwrap();
    assert_eq!(o.profile().get().await.unwrap().business_name, "Acme Corporation");

    let alice = o.members().create("alice@acme.example").send().await.unwrap();
    assert_eq!(alice.status, MemberStatus::Pending);
    let batch: Vec<NewMember> = (0..3).map(|i| NewMember::from(format!("user{i}@acme.example"))).collect();
    assert_eq!(o.members().batch_create(batch).await.unwrap().len(), 3);
    assert_eq!(o.members().get(&alice.id).await.unwrap().user.email, "alice@acme.example");
    let dup = o.members().create("alice@acme.example").send().await.unwrap_err();
    assert_eq!(dup.kind(), ErrorKind::Conflict);

    // A non-empty organization cannot be deleted.
    let refused = orgs.delete(&acme.id).await.unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Conflict);
    assert!(refused.api_errors()[0].message.contains("1 sub-organization, 0 accounts, 4 members"), "{refused}");
    assert!(refused.ray_id().is_some());

    let logs: Vec<_> = o.audit_logs().list().stream().try_collect().await.unwrap();
    let kinds: Vec<_> = logs.iter().map(|e| e.action.as_ref().unwrap().action_type.clone().unwrap()).collect();
    // create acme, update name, update profile, 1 + 3 members (the sub-organization logs under its own id)
    assert_eq!(logs.len(), 7, "{kinds:?}");
    assert!(logs.iter().all(|e| e.raw.as_ref().unwrap().cf_ray_id.is_some()));

    for member in o.members().list().stream().try_collect::<Vec<_>>().await.unwrap() {
        o.members().delete(&member.id).await.unwrap();
    }
    orgs.delete(&sub.id).await.unwrap();
    assert_eq!(orgs.delete(&acme.id).await.unwrap().id, acme.id);
    assert_eq!(orgs.get(&acme.id).await.unwrap_err().kind(), ErrorKind::NotFound);
    assert_eq!(server.organization_count(), 0);
}

#[tokio::test]
async fn every_organization_filter() {
    let server = MockServer::start().await;
    let client = client(&server);
    let orgs = client.organizations();
    let root = orgs.create("Root Alpha").send().await.unwrap();
    let child = orgs.create("Child Beta").parent(&root.id).send().await.unwrap();
    let grandchild = orgs.create("Grandchild Gamma").parent(&child.id).send().await.unwrap();
    let other = orgs.create("Other Root").send().await.unwrap();
    let account = server.seed_account(grandchild.id.as_str(), "Prod Account");
    server.seed_user(child.id.as_str(), "carol@example.com");

    let names = |list: Vec<cf_orgs::Organization>| list.into_iter().map(|o| o.name).collect::<Vec<_>>();
    let all = |l: cf_orgs::ListOrganizations| async move { names(l.stream().try_collect().await.unwrap()) };

    assert_eq!(all(orgs.list().roots_only()).await, ["Root Alpha", "Other Root"]);
    assert_eq!(all(orgs.list().parent(&root.id)).await, ["Child Beta"]);
    assert_eq!(all(orgs.list().id(&root.id).id(&other.id)).await, ["Root Alpha", "Other Root"]);
    assert_eq!(all(orgs.list().name("Child Beta")).await, ["Child Beta"]);
    assert!(all(orgs.list().name("child beta")).await.is_empty(), "name is case-sensitive");
    assert_eq!(all(orgs.list().name_starts_with("root")).await, ["Root Alpha"]);
    assert_eq!(all(orgs.list().name_ends_with("ROOT")).await, ["Other Root"]);
    assert_eq!(all(orgs.list().name_contains("amm")).await, ["Grandchild Gamma"]);
    assert_eq!(
        all(orgs.list().containing_account(account.as_str())).await,
        ["Root Alpha", "Child Beta", "Grandchild Gamma"]
    );
    assert_eq!(all(orgs.list().containing_user("carol@example.com")).await, ["Root Alpha", "Child Beta"]);
    assert_eq!(all(orgs.list().containing_organization(&grandchild.id)).await, ["Root Alpha", "Child Beta"]);
    assert_eq!(all(orgs.list().roots_only().name_contains("alpha")).await, ["Root Alpha"]);
}

#[tokio::test]
async fn member_and_account_filters() {
    let server = MockServer::start().await;
    let client = client(&server);
    let org = client.organizations().create("Acme").send().await.unwrap();
    let o = client.organization(&org.id);
    o.members().create("alice@acme.example").status(cf_orgs::NewMemberStatus::Active).await.unwrap();
    o.members().create("bob@beta.example").await.unwrap();
    o.members().create("carol@acme.example").status(cf_orgs::NewMemberStatus::Canceled).await.unwrap();
    let emails = |l: cf_orgs::ListMembers| async move {
        l.stream().try_collect::<Vec<_>>().await.unwrap().into_iter().map(|m| m.user.email).collect::<Vec<_>>()
    };
    assert_eq!(emails(o.members().list().status(MemberStatus::Active)).await, ["alice@acme.example"]);
    assert_eq!(
        emails(o.members().list().status(MemberStatus::Pending).status(MemberStatus::Canceled)).await,
        ["bob@beta.example", "carol@acme.example"]
    );
    assert_eq!(emails(o.members().list().user_email("BOB@beta.example")).await, ["bob@beta.example"]);
    assert_eq!(
        emails(o.members().list().user_email_contains("acme")).await,
        ["alice@acme.example", "carol@acme.example"]
    );
    assert_eq!(emails(o.members().list().user_email_starts_with("car")).await, ["carol@acme.example"]);
    assert_eq!(emails(o.members().list().user_email_ends_with("beta.example")).await, ["bob@beta.example"]);

    for name in ["Zeta Prod", "alpha staging", "Mid Enterprise"] {
        server.seed_account(org.id.as_str(), name);
    }
    let names = |l: cf_orgs::ListAccounts| async move {
        l.stream().try_collect::<Vec<_>>().await.unwrap().into_iter().map(|a| a.name.unwrap()).collect::<Vec<_>>()
    };
    let by_name = o.accounts().list().order_by(cf_orgs::AccountOrder::AccountName);
    assert_eq!(names(by_name.clone()).await, ["alpha staging", "Mid Enterprise", "Zeta Prod"]);
    assert_eq!(names(by_name.direction(Direction::Desc)).await, ["Zeta Prod", "Mid Enterprise", "alpha staging"]);
    assert_eq!(names(o.accounts().list().name_contains("prod")).await, ["Zeta Prod"]);
    assert_eq!(names(o.accounts().list().account_pubname_starts_with("alpha")).await, ["alpha staging"]);
    assert_eq!(names(o.accounts().list().account_pubname("mid-enterprise")).await, ["Mid Enterprise"]);
    assert_eq!(names(o.accounts().list().account_pubname_ends_with("-prod")).await, ["Zeta Prod"]);
    assert_eq!(names(o.accounts().list().account_pubname_contains("stag")).await, ["alpha staging"]);
    assert_eq!(names(o.accounts().list().name("zeta prod")).await, ["Zeta Prod"]);
    assert_eq!(names(o.accounts().list().name_starts_with("mid")).await, ["Mid Enterprise"]);
    assert_eq!(names(o.accounts().list().name_ends_with("staging")).await, ["alpha staging"]);
    let refused = client.organizations().delete(&org.id).await.unwrap_err();
    assert!(refused.api_errors()[0].message.contains("3 accounts"), "{refused}");
}

#[tokio::test]
async fn audit_log_filters_directions_and_history() {
    let server = MockServer::start().await;
    let client = client(&server);
    let org = client.organizations().create("Acme").send().await.unwrap();
    let o = client.organization(&org.id);
    let m = o.members().create("alice@acme.example").send().await.unwrap();
    client.organizations().update(&org.id).name("Acme 2").send().await.unwrap();
    o.members().delete(&m.id).await.unwrap();

    let kinds = |l: cf_orgs::ListAuditLogs| async move {
        l.stream()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action.unwrap().action_type.unwrap())
            .collect::<Vec<_>>()
    };
    let logs = o.audit_logs();
    assert_eq!(kinds(logs.list()).await, ["delete", "update", "create", "create"], "newest first");
    assert_eq!(kinds(logs.list().direction(Direction::Asc)).await, ["create", "create", "update", "delete"]);
    assert_eq!(kinds(logs.list().action_type("create")).await, ["create", "create"]);
    assert_eq!(kinds(logs.list().action_type_not("create")).await, ["delete", "update"]);
    assert_eq!(kinds(logs.list().resource_type("member")).await, ["delete", "create"]);
    assert_eq!(kinds(logs.list().raw_method("PUT")).await, ["update"]);
    assert_eq!(kinds(logs.list().raw_status_code(204)).await, ["delete"]);
    assert_eq!(
        kinds(logs.list().raw_status_code_not(204).actor_context("api_key")).await,
        ["update", "create", "create"]
    );
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Days::new(1);
    assert!(kinds(logs.list().since(tomorrow).before(tomorrow + chrono::Days::new(1))).await.is_empty());
    // Cursor pagination, one entry per page.
    let one_by_one: Vec<_> = logs.list().limit(1).stream().try_collect().await.unwrap();
    assert_eq!(one_by_one.len(), 4);

    let member_entries: Vec<_> = logs.list().resource_id(m.id.as_str()).stream().try_collect().await.unwrap();
    let created = member_entries.last().unwrap();
    let at = created.action.as_ref().unwrap().time.unwrap();
    let history: Vec<_> = logs.history(created.id.clone().unwrap(), at).stream().try_collect().await.unwrap();
    assert_eq!(history.len(), 2, "the member's create and delete");
    let missing = logs.history("00000000-0000-4000-a000-000000000000", at).send().await.unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn more_than_three_pages_with_filters_and_tokens_bound_to_them() {
    let server = MockServer::start().await;
    let client = client(&server);
    for i in 0..25 {
        client.organizations().create(format!("tenant-{i:02}")).send().await.unwrap();
    }
    client.organizations().create("unrelated").send().await.unwrap();
    let list = client.organizations().list().name_starts_with("tenant").page_size(7);
    let all: Vec<_> = list.clone().stream().try_collect().await.unwrap();
    assert_eq!(all.len(), 25);
    assert!(all.windows(2).all(|w| w[0].name < w[1].name), "in order, no repeats");
    let first = list.send().await.unwrap();
    assert_eq!((first.items.len(), first.total_size), (7, Some(25)));
    // The token only works with the filters it was issued for.
    let token = first.next_page_token.unwrap();
    let err = client.organizations().list().page_token(token).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadRequest);
}

/// The mock is the server: what cf-orgs sends as given (values outside the
/// spec's enums and ranges, oversized batches, long or reversed windows, bad
/// emails, blank names) gets a 400 naming what is wrong.
#[tokio::test]
async fn the_server_refuses_what_the_spec_does_not_allow_naming_it() {
    let server = MockServer::start().await;
    let client = client(&server);
    let org = client.organizations().create("Acme").send().await.unwrap();
    let o = client.organization(&org.id);
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    // Each limit is the spec's, as generated: a spec that moves one moves the test with it.
    let emails = |n: usize| (0..n).map(|i| format!("u{i}@acme.example")).collect::<Vec<_>>();
    let page_max = u32::try_from(cf_orgs::ListOrganizations::MAX_PAGE_SIZE).unwrap();
    let days = u64::try_from(cf_orgs::BillableUsage::MAX_RANGE_DAYS).unwrap();
    // At the limits, the server takes it.
    client.organizations().list().page_size(page_max).send().await.unwrap();
    o.billable_usage(day(1)..=day(1) + chrono::Days::new(days)).await.unwrap();
    let cases: Vec<(&str, cf_orgs::Result<()>)> = vec![
        ("page_size", client.organizations().list().page_size(page_max + 1).send().await.map(drop)),
        ("status", o.members().list().status(cf_orgs::MemberStatus::from("suspended")).send().await.map(drop)),
        (
            "actor_context",
            o.audit_logs().list().actor_context(cf_orgs::AuditActorContext::from("api")).send().await.map(drop),
        ),
        ("limit", o.audit_logs().list().limit(0).send().await.map(drop)),
        ("since", o.audit_logs().list().since(day(20)).before(day(10)).send().await.map(drop)),
        ("members", o.members().batch_create(emails(cf_orgs::MAX_BATCH + 1)).await.map(drop)),
        ("email", o.members().create("not-an-email").send().await.map(drop)),
        ("maximum date range", o.billable_usage(day(1)..=day(1) + chrono::Days::new(days + 1)).await.map(drop)),
        ("from", o.billable_usage(day(20)..=day(10)).await.map(drop)),
        ("name", client.organizations().create(" ").send().await.map(drop)),
        (
            "member.status",
            o.members()
                .create("a@acme.example")
                .status(cf_orgs::NewMemberStatus::from("invited"))
                .send()
                .await
                .map(drop),
        ),
    ];
    for (named, result) in cases {
        let err = result.unwrap_err();
        assert_eq!((err.kind(), err.status()), (ErrorKind::BadRequest, Some(400)), "{named}: {err}");
        assert!(err.to_string().contains(named), "the 400 names {named}: {err}");
    }
    assert_eq!(server.member_count(org.id.as_str()), 0, "nothing was added");
    assert_eq!(o.members().batch_create(emails(cf_orgs::MAX_BATCH)).await.unwrap().len(), cf_orgs::MAX_BATCH);
}

#[tokio::test]
async fn shares_and_usage_from_seeded_data() {
    let server = MockServer::start().await;
    let client = client(&server);
    let org = client.organizations().create("Acme").send().await.unwrap();
    for i in 0..45 {
        server.seed_share(org.id.as_str(), serde_json::json!({
            "id": format!("{i:032x}"), "name": format!("share-{i:02}"), "account_id": "023e105f4ecef8ad9ca31a8372d0c353",
            "account_name": "Prod", "organization_id": org.id, "created": format!("2025-01-{:02}T00:00:00Z", i % 28 + 1),
            "modified": "2025-02-01T00:00:00Z", "status": if i % 3 == 0 { "deleted" } else { "active" },
            "target_type": "account", "kind": if i % 2 == 0 { "sent" } else { "received" },
            "resources": [{ "id": "r", "resource_id": "x", "resource_type": if i < 10 { "custom-ruleset" } else { "gateway-policy" },
                "resource_account_id": "023e105f4ecef8ad9ca31a8372d0c353", "meta": {}, "status": "active",
                "created": "2025-01-01T00:00:00Z", "modified": "2025-01-01T00:00:00Z", "resource_version": 1 }]
        }));
    }
    let o = client.organization(&org.id);
    let all: Vec<_> = o.shares().list().per_page(10).stream().try_collect().await.unwrap();
    assert_eq!(all.len(), 45);
    let sent: Vec<_> = o
        .shares()
        .list()
        .kind(cf_orgs::ShareKind::Sent)
        .status(cf_orgs::ShareStatus::Active)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(sent.len(), (0..45).filter(|i| i % 2 == 0 && i % 3 != 0).count());
    let rulesets: Vec<_> =
        o.shares().list().resource_type("custom-ruleset").order("name").stream().try_collect().await.unwrap();
    assert_eq!(rulesets.first().unwrap().name, "share-00");

    server.seed_usage(org.id.as_str(), (1..=3).map(|d| serde_json::json!({
        "ServiceProviderName": "Cloudflare", "InvoiceIssuerName": "Cloudflare, Inc.", "HostProviderName": "Cloudflare",
        "BillingAccountId": "023e105f4ecef8ad9ca31a8372d0c353", "BillingAccountName": "Prod",
        "ChargePeriodStart": format!("2025-05-0{d}T00:00:00Z"), "ChargePeriodEnd": format!("2025-05-0{}T00:00:00Z", d + 1),
        "x_BillableMetricId": "requests", "x_BillableMetricName": "Requests", "ChargeCategory": "Usage",
        "ChargeFrequency": "Usage-Based", "ChargeDescription": "Workers requests", "ConsumedQuantity": 1000 * d, "ConsumedUnit": "Requests"
    })));
    let may = |d| chrono::NaiveDate::from_ymd_opt(2025, 5, d).unwrap();
    assert_eq!(o.billable_usage(may(1)..=may(31)).await.unwrap().len(), 3);
    assert_eq!(o.billable_usage(may(2)..=may(3)).await.unwrap().len(), 2);
    // Without dates, the spec's default: the month to date, by the server's clock.
    assert_eq!(o.billable_usage(..).await.unwrap().len(), 0, "May 2025 is not this month");
    let today = chrono::Utc::now().format("%Y-%m-%dT00:00:00Z").to_string();
    server.seed_usage(org.id.as_str(), [serde_json::json!({
        "ServiceProviderName": "Cloudflare", "InvoiceIssuerName": "Cloudflare, Inc.", "HostProviderName": "Cloudflare",
        "BillingAccountId": "023e105f4ecef8ad9ca31a8372d0c353", "BillingAccountName": "Prod",
        "ChargePeriodStart": today, "ChargePeriodEnd": today,
        "x_BillableMetricId": "requests", "x_BillableMetricName": "Requests", "ChargeCategory": "Usage",
        "ChargeFrequency": "Usage-Based", "ChargeDescription": "Workers requests", "ConsumedQuantity": 1, "ConsumedUnit": "Requests"
    })]);
    assert_eq!(o.billable_usage(..).await.unwrap().len(), 1, "today's record is this month's");
}

#[tokio::test]
async fn auth_is_enforced_per_operation() {
    let server = MockServer::start().await;
    let admin = client(&server);
    let org = admin.organizations().create("Acme").send().await.unwrap();
    let with = |c: Credentials| Client::builder().credentials(c).base_url(server.base_url()).build().unwrap();

    // A token is accepted where the spec lists api_token ...
    let token = with(mock_token_credentials(&server));
    assert_eq!(token.organizations().list().send().await.unwrap().items.len(), 1);
    token.organization(&org.id).audit_logs().list().send().await.unwrap();
    token.organization(&org.id).billable_usage(..).await.unwrap();
    // ... and refused where it lists only email + key.
    let err = token.organizations().get(&org.id).await.unwrap_err();
    assert_eq!((err.kind(), err.api_errors()[0].code), (ErrorKind::Forbidden, 10000));
    let key = &server.mock_credentials().user_service_key;
    assert_eq!(
        with(Credentials::user_service_key(key)).organizations().list().send().await.unwrap_err().kind(),
        ErrorKind::Forbidden
    );
    let wrong = with(Credentials::global_api_key("admin@cf-orgs-mock.example", "wrong"));
    let err = wrong.organizations().get(&org.id).await.unwrap_err();
    assert_eq!((err.kind(), err.api_errors()[0].code), (ErrorKind::Forbidden, 9103));
}

#[tokio::test]
async fn unknown_routes_methods_and_bad_bodies_get_envelopes() {
    let server = MockServer::start().await;
    let http = reqwest::Client::new();
    let base = server.base_url();
    let creds = server.mock_credentials().clone();
    let send = |req: reqwest::RequestBuilder| {
        let creds = creds.clone();
        async move {
            let r = req.header("x-auth-email", &creds.email).header("x-auth-key", &creds.api_key).send().await.unwrap();
            let status = r.status().as_u16();
            let ray = r.headers().get("cf-ray").is_some();
            let body: serde_json::Value = r.json().await.unwrap();
            (status, ray, body)
        }
    };
    let (status, ray, body) = send(http.get(format!("{base}/nope"))).await;
    assert_eq!(
        (status, ray, body["success"].clone(), body["errors"][0]["code"].clone()),
        (404, true, false.into(), 7003.into())
    );
    let (status, _, body) = send(http.patch(format!("{base}/organizations"))).await;
    assert_eq!((status, body["errors"][0]["code"].clone()), (405, 7001.into()));
    let (status, _, body) = send(http.post(format!("{base}/organizations")).body("{\"name\": ")).await;
    assert_eq!((status, body["errors"][0]["code"].clone()), (400, 6007.into()));
    let (status, _, _) = send(http.post(format!("{base}/organizations")).body("[]")).await;
    assert_eq!(status, 400);
    let half = http.get(format!("{base}/organizations")).header("x-auth-key", "x").send().await.unwrap();
    assert_eq!(half.status().as_u16(), 400, "a key without its email");
    let r = http.get(format!("{base}/organizations")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 401);
}

#[tokio::test]
async fn filters_outside_the_spec_are_refused_with_a_400() {
    let server = MockServer::start().await;
    let org = client(&server).organizations().create("Acme").send().await.unwrap();
    let http = reqwest::Client::new();
    let (base, creds) = (server.base_url(), server.mock_credentials().clone());
    let o = format!("{base}/organizations/{}", org.id);
    let cases = [
        (format!("{o}/members?status=bogus"), "status"),
        (format!("{o}/shares?target_type=AAA"), "target_type"),
        (format!("{o}/logs/audit?since=2026-01-01&before=2026-01-02&raw_status_code=abc"), "raw_status_code"),
        (format!("{o}/logs/audit?since=2026-01-01"), "before"),
        (format!("{o}/logs/audit?since=2026-01-01&before=2026-01-02&limit=0"), "limit"),
        (format!("{o}/accounts?direction=sideways"), "direction"),
        (format!("{base}/organizations?page_size=1001"), "page_size"),
        (format!("{base}/organizations?pagesize=10"), "pagesize"),
        (format!("{o}/billable/usage?from=yesterday&to=2026-01-02"), "from"),
    ];
    for (url, param) in cases {
        let r = http.get(&url).header("x-auth-email", &creds.email).header("x-auth-key", &creds.api_key).send().await;
        let r = r.unwrap();
        let status = r.status().as_u16();
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(status, 400, "{url}: {body}");
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains(&format!("`{param}`")), "{url}: names the parameter: {message}");
    }
}
