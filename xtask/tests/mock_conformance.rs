//! Every body cf-orgs-mock answers, over a full lifecycle, validated against the
//! response schema the spec gives for that operation and status, so the mock
//! cannot drift from the spec. The spec is read as the generated client reads
//! it (after the xtask's normalization passes, which document where Cloudflare's
//! answers differ from the document, e.g. `"result": null` in errors).

use std::collections::HashMap;

use cf_orgs::{Client, Credentials, NewMember, Profile};
use cf_orgs_mock::{Exchange, MockServer};
use futures::TryStreamExt;
use serde_json::{Value, json};

struct Spec {
    doc: Value,
    validators: HashMap<String, jsonschema::Validator>,
}

impl Spec {
    fn load() -> Self {
        let path = xtask::workspace_root().unwrap().join(xtask::SPEC_PATH);
        let mut doc = xtask::load::Spec::load(&path).unwrap().doc;
        xtask::passes::apply_all(&mut doc);
        xtask::response_schemas::to_json_schema(&mut doc);
        Self { doc, validators: HashMap::new() }
    }

    /// Validates one answer; returns what is wrong, if anything.
    fn check(&mut self, exchange: &Exchange) -> Result<(), String> {
        let (method, path) = exchange.route.split_once(' ').unwrap();
        let escaped = path.replace('~', "~0").replace('/', "~1");
        let op = format!("/paths/{escaped}/{}", method.to_lowercase());
        let responses =
            self.doc.pointer(&format!("{op}/responses")).ok_or_else(|| format!("no operation {}", exchange.route))?;
        let status = exchange.status.to_string();
        let range = format!("{}XX", &status[..1]);
        let key = [status.as_str(), range.as_str(), "default"]
            .into_iter()
            .find(|k| responses.get(*k).is_some())
            .ok_or_else(|| format!("{} answered {status}, which the spec does not list", exchange.route))?;
        let pointer = format!("{op}/responses/{key}/content/application~1json/schema");
        if self.doc.pointer(&pointer).is_none() {
            return match exchange.body {
                Value::Null => Ok(()),
                ref body => Err(format!("{} {status} has no body in the spec, got {body}", exchange.route)),
            };
        }
        let validator = self.validators.entry(pointer.clone()).or_insert_with(|| {
            let mut root = self.doc.clone();
            // A JSON pointer in a URI fragment: `{` and `}` percent-encoded.
            root["$ref"] = json!(format!("#{}", pointer.replace('{', "%7B").replace('}', "%7D")));
            jsonschema::draft7::options().should_validate_formats(true).build(&root).unwrap()
        });
        let errors: Vec<String> =
            validator.iter_errors(&exchange.body).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        if errors.is_empty() { Ok(()) } else { Err(format!("{} {status}: {}", exchange.route, errors.join("; "))) }
    }
}

#[tokio::test]
async fn every_answer_of_a_full_lifecycle_matches_the_spec() {
    let server = MockServer::builder().record(true).start().await;
    let creds = server.mock_credentials();
    let key = Credentials::global_api_key(&creds.email, &creds.api_key);
    let client = Client::builder().credentials(key).base_url(server.base_url()).build().unwrap();
    let profile = Profile::new("Acme")
        .business_email("ops@acme.example")
        .business_phone("+1 555 0100")
        .business_address("1 Main St")
        .external_metadata("{}");

    let orgs = client.organizations();
    let acme = orgs.create("Acme").profile(profile.clone()).send().await.unwrap();
    let sub = orgs.create("Acme EU").parent(&acme.id).send().await.unwrap();
    orgs.get(&acme.id).await.unwrap();
    orgs.update(&acme.id).name("Acme Corp").send().await.unwrap();
    let _: Vec<_> = orgs.list().page_size(1).stream().try_collect().await.unwrap();
    let o = client.organization(&acme.id);
    o.profile().update(profile).await.unwrap();
    o.profile().get().await.unwrap();
    let alice = o.members().create("alice@acme.example").send().await.unwrap();
    o.members()
        .batch_create([NewMember::from("bob@acme.example"), NewMember::from("carol@acme.example")])
        .await
        .unwrap();
    o.members().get(&alice.id).await.unwrap();
    let _: Vec<_> = o.members().list().page_size(2).stream().try_collect().await.unwrap();
    server.seed_account(acme.id.as_str(), "Prod");
    let _: Vec<_> = o.accounts().list().stream().try_collect().await.unwrap();
    let logs: Vec<_> = o.audit_logs().list().limit(2).stream().try_collect().await.unwrap();
    let entry = &logs[0];
    o.audit_logs()
        .history(entry.id.clone().unwrap(), entry.action.as_ref().unwrap().time.unwrap())
        .send()
        .await
        .unwrap();
    server.seed_share(acme.id.as_str(), json!({
        "id": "3fd85f74b32742f1bff64a85009dda07", "name": "WAF rules", "account_id": "023e105f4ecef8ad9ca31a8372d0c353",
        "account_name": "Prod", "organization_id": acme.id, "created": "2023-09-21T18:56:32.624632Z",
        "modified": "2023-09-21T18:56:32.624632Z", "status": "active", "target_type": "account", "kind": "sent"
    }));
    o.shares().list().send().await.unwrap();
    server.seed_usage(acme.id.as_str(), [json!({
        "ServiceProviderName": "Cloudflare", "InvoiceIssuerName": "Cloudflare, Inc.", "HostProviderName": "Cloudflare",
        "BillingAccountId": "023e105f4ecef8ad9ca31a8372d0c353", "BillingAccountName": "Prod",
        "ChargePeriodStart": "2025-05-01T00:00:00Z", "ChargePeriodEnd": "2025-05-02T00:00:00Z",
        "x_BillableMetricId": "requests", "x_BillableMetricName": "Requests", "ChargeCategory": "Usage",
        "ChargeFrequency": "Usage-Based", "ChargeDescription": "Workers requests", "ConsumedQuantity": 1000, "ConsumedUnit": "Requests"
    })]);
    o.billable_usage(..).await.unwrap();
    // Failures are answers too.
    orgs.delete(&acme.id).await.unwrap_err(); // 409: not empty
    orgs.get("0000").await.unwrap_err(); // 404
    o.members().create("alice@acme.example").send().await.unwrap_err(); // 409: already a member
    o.audit_logs().history("00000000-0000-4000-a000-000000000000", chrono::Utc::now()).send().await.unwrap_err(); // 404
    // Then clean up.
    for m in o.members().list().stream().try_collect::<Vec<_>>().await.unwrap() {
        o.members().delete(&m.id).await.unwrap();
    }
    let exchanges = server.exchanges();
    let routes: std::collections::BTreeSet<_> = exchanges.iter().map(|e| e.route.clone()).collect();
    assert!(routes.len() >= 16, "most operations were exercised: {routes:#?}");
    drop((sub, alice));

    let mut spec = Spec::load();
    let problems: Vec<String> = exchanges.iter().filter_map(|e| spec.check(e).err()).collect();
    assert!(
        problems.is_empty(),
        "{} of {} answers do not match the spec:\n{}",
        problems.len(),
        exchanges.len(),
        problems.join("\n")
    );
    println!("{} answers over {} operations validated against the spec", exchanges.len(), routes.len());
}

#[test]
fn the_validator_catches_a_drifted_answer() {
    let mut spec = Spec::load();
    let good = Exchange {
        route: "GET /organizations/{organization_id}/profile".into(),
        status: 200,
        body: json!({
        "success": true, "errors": [], "messages": [], "result": {
            "business_name": "a", "business_email": "b", "business_phone": "c", "business_address": "d", "external_metadata": "e" } }),
    };
    spec.check(&good).unwrap();
    let mut drifted = good.clone();
    drifted.body["result"].as_object_mut().unwrap().remove("business_email");
    assert!(spec.check(&drifted).unwrap_err().contains("business_email"));
    let undocumented = Exchange { status: 302, ..good };
    assert!(spec.check(&undocumented).is_err());
}
