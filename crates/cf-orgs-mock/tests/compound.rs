//! The compound operations against the mock with faults on: a tree walked
//! breadth first whatever the retries, and members created in batches,
//! never twice, each member's outcome said.

use std::collections::HashSet;

use cf_orgs::{Client, ErrorKind, MAX_BATCH};
use cf_orgs_mock::{FaultPlan, Faults, MockServer};
use cf_orgs_testing::mock_builder;
use futures::{StreamExt, TryStreamExt};

fn client(server: &MockServer) -> Client {
    mock_builder(server).max_retries(6).build().unwrap()
}

#[tokio::test]
async fn descendants_walk_the_tree_breadth_first_through_faults() {
    let server = MockServer::builder().seed(7).rate_limit(None).start().await;
    let client = client(&server);
    let orgs = client.organizations();
    let root = orgs.create("root").send().await.unwrap();
    // Twelve children (two pages at the API's default of 10), two grandchildren under each of the first three.
    let mut children = Vec::new();
    for i in 0..12 {
        children.push(orgs.create(format!("child-{i:02}")).parent(&root.id).send().await.unwrap());
    }
    let mut grandchildren = HashSet::new();
    for (i, child) in children.iter().take(3).enumerate() {
        for j in 0..2 {
            let name = format!("grandchild-{i}-{j}");
            orgs.create(&name).parent(&child.id).send().await.unwrap();
            grandchildren.insert(name);
        }
    }
    let other = orgs.create("another root").send().await.unwrap();
    orgs.create("not under root").parent(&other.id).send().await.unwrap();

    server.set_faults(FaultPlan::global(Faults::flaky(0.15)));
    let walked: Vec<_> = orgs.descendants(&root.id).try_collect().await.unwrap();
    let names: Vec<&str> = walked.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names.len(), 12 + 6, "{names:?}");
    let expected_children: HashSet<String> = children.iter().map(|c| c.name.clone()).collect();
    let level_one: HashSet<String> = names[..12].iter().map(|n| n.to_string()).collect();
    let level_two: HashSet<String> = names[12..].iter().map(|n| n.to_string()).collect();
    assert_eq!(level_one, expected_children, "every child comes before any grandchild");
    assert_eq!(level_two, grandchildren);

    let leaf = walked.iter().find(|o| o.name == "grandchild-0-0").unwrap();
    server.set_faults(FaultPlan::default());
    assert_eq!(orgs.descendants(&leaf.id).count().await, 0, "a leaf has none");
    let err = orgs.descendants("not/an/id").try_collect::<Vec<_>>().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[tokio::test]
async fn create_all_batches_by_the_specs_max_items_and_never_creates_twice() {
    let server = MockServer::builder().seed(11).rate_limit(None).start().await;
    let client = client(&server);
    let org = client.organizations().create("Acme").send().await.unwrap();
    let members = client.organization(&org.id).members();
    let count = MAX_BATCH * 4 + 3;
    let emails: Vec<String> = (0..count).map(|i| format!("user{i:03}@acme.example")).collect();

    // Every batch is a POST: a 503 fails its batch (never re-sent), a 429 is retried.
    let route = "POST /organizations/{organization_id}/members:batchCreate";
    server.set_faults(FaultPlan::default().route(route, Faults::flaky(0.3)));
    let outcomes = members.create_all(emails.clone()).concurrency(3).await;
    assert_eq!(outcomes.len(), count, "one outcome per member");
    let given: Vec<&str> = outcomes.iter().map(|o| o.member.email.as_str()).collect();
    assert_eq!(given, emails.iter().map(String::as_str).collect::<Vec<_>>(), "in the order given");
    for (i, outcome) in outcomes.iter().enumerate() {
        assert_eq!(outcome.batch, i / MAX_BATCH, "batches of the spec's maxItems");
        if let Err(e) = &outcome.result {
            assert_eq!((e.kind(), e.status()), (ErrorKind::Server, Some(503)), "{e}");
        }
    }
    let created: Vec<_> = outcomes.iter().filter_map(|o| o.result.as_ref().ok()).collect();
    let failed_batches: HashSet<usize> = outcomes.iter().filter(|o| o.result.is_err()).map(|o| o.batch).collect();
    for batch in &failed_batches {
        assert!(outcomes.iter().filter(|o| o.batch == *batch).all(|o| o.result.is_err()), "a batch fails whole");
    }
    // The mock's faults are drawn from its seed, one draw per request in order: so for this seed
    // some batches fail and some succeed, however the batches interleave.
    assert!(!failed_batches.is_empty() && !created.is_empty(), "{} failed batches", failed_batches.len());
    assert_eq!(server.member_count(org.id.as_str()), created.len(), "what succeeded is there, nothing twice");
    for outcome in outcomes.iter().filter(|o| o.result.is_ok()) {
        assert_eq!(outcome.result.as_ref().unwrap().user.email, outcome.member.email);
    }

    // Re-running the failed ones without faults completes the set.
    server.set_faults(FaultPlan::default());
    let retry: Vec<_> = outcomes.iter().filter(|o| o.result.is_err()).map(|o| o.member.clone()).collect();
    let second = members.create_all(retry).stream().collect::<Vec<_>>().await;
    assert!(second.iter().all(|o| o.result.is_ok()));
    assert_eq!(server.member_count(org.id.as_str()), count);
}
