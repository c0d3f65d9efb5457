//! Time and size are bounded: a request past its deadline is stopped (TIMEOUT, 503, Retry-After) and writes
//! nothing; a response past the size cap is replaced by an error; `/readyz` answers within a second even when
//! every connection of the pool is taken.

use std::time::Duration;

use pactes_domain::Scope;
use pactes_domain::directory::{CentreFilter, CentreOrder, CentreRepository, FederationRepository};
use pactes_domain::page::PageRequest;
use pactes_persistence::row_security::{RowScope, within};
use sea_orm::{ConnectionTrait, DatabaseBackend, TransactionTrait};
use serde_json::json;

use crate::support::{TestApp, user_errors};

#[tokio::test]
async fn a_request_past_its_deadline_is_stopped_and_writes_nothing() {
    let app = TestApp::spawn_configured(|args| {
        args.limits.request_timeout = Duration::from_secs(1);
        args.database.db_statement_timeout = Duration::from_secs(30);
    })
    .await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let nord = app.db.federation_by_slug_public("nord").await.unwrap().unwrap().id;
    let page = PageRequest::Forward { limit: 1, after: None };
    let centre = app
        .db
        .list_centres(
            &Scope::Federation(nord),
            &CentreFilter::default(),
            CentreOrder::default(),
            &page,
        )
        .await
        .unwrap()
        .items[0]
        .clone();
    let id = pactes_api::global_id("Centre", centre.id.as_uuid());

    // Another writer holds the centre (PostgreSQL: its row; SQLite: the write lock) past the deadline.
    let conn = app.db.unscoped_connection();
    let blocker = within(RowScope::All, conn.begin()).await.unwrap();
    match app.db.backend() {
        DatabaseBackend::Postgres => {
            blocker
                .execute_unprepared(&format!("SELECT id FROM centres WHERE id = '{}' FOR UPDATE", centre.id))
                .await
                .unwrap();
        }
        _ => {
            blocker
                .execute_unprepared(&format!(
                    "UPDATE centres SET version = version WHERE id = '{}'",
                    centre.id
                ))
                .await
                .unwrap();
        }
    }
    let started = std::time::Instant::now();
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(&staff)
        .json(&json!({
            "query": "mutation($id: ID!) { updateCentre(input: { id: $id, version: 1, name: \"Renamed\" }) { centre { id } } }",
            "variables": { "id": id }
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 503);
    assert!(response.headers().contains_key("retry-after"));
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "TIMEOUT", "{body}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "stopped at the deadline, not at the lock's end"
    );
    blocker.rollback().await.unwrap();

    // The stopped write left nothing: the centre is as it was, and a retry goes through.
    let reread = app
        .db
        .centres_by_ids(&Scope::Federation(nord), &[centre.id])
        .await
        .unwrap();
    assert_eq!(reread[0].meta.version, 1);
    assert_eq!(reread[0].data.name, centre.data.name);
    let retry = app
        .gql(
            Some(&staff),
            "mutation($id: ID!) { updateCentre(input: { id: $id, version: 1, name: \"Renamed\" }) { centre { version } userErrors { code } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(user_errors(&retry.data()["updateCentre"]), []);
    assert_eq!(retry.data()["updateCentre"]["centre"]["version"], 2);
}

#[tokio::test]
async fn a_response_past_the_size_cap_is_replaced_by_an_error() {
    let app = TestApp::spawn_configured(|args| args.limits.max_response_bytes = 2_000).await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    let small = app
        .gql(
            Some(&viewer),
            "{ centres(first: 2) { edges { node { name } } } }",
            json!({}),
        )
        .await;
    assert!(small.codes().is_empty(), "{}", small.body);
    let large = app
        .gql(
            Some(&viewer),
            "{ centres(first: 100) { edges { node { id name commune phone phoneE164 createdAt updatedAt } } } }",
            json!({}),
        )
        .await;
    assert_eq!(large.codes(), ["RESPONSE_TOO_LARGE"], "{}", large.body);
}

#[tokio::test]
async fn readiness_does_not_queue_behind_a_saturated_pool() {
    let app = TestApp::spawn_configured(|args| args.database.db_max_connections = 2).await;
    let conn = app.db.unscoped_connection();
    // Both connections of the pool are taken by transactions left open.
    let first = conn.begin().await.unwrap();
    let second = conn.begin().await.unwrap();
    let started = std::time::Instant::now();
    let ready = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
    assert_eq!(ready.status().as_u16(), 503);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "answered before the pool's 5 s acquire timeout"
    );
    drop((first, second));
    let ready = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
    assert_eq!(ready.status().as_u16(), 200);
}

/// A request reads on one connection at most (on PostgreSQL it keeps one for its reads, tenant tables and
/// public ones alike, and hands it back before a write): many more concurrent requests than connections all
/// complete, none waiting for a second connection that the others hold.
#[tokio::test]
async fn more_concurrent_requests_than_connections_all_complete() {
    let app = TestApp::spawn_configured(|args| args.database.db_max_connections = 2).await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let read = "{ centres(first: 20) { totalCount nodes { name territory { name communes } federation { name } } } \
                federations { slug } }";
    let write = "mutation { createTerritory(input: { name: \"Concurrent\", kind: EPCI }) { territory { federation { name } } userErrors { code } } }";
    let mut requests = tokio::task::JoinSet::new();
    let started = std::time::Instant::now();
    for i in 0..12 {
        let (client, url, staff) = (app.client.clone(), format!("{}/graphql", app.address), staff.clone());
        let query = if i == 5 { write } else { read };
        requests.spawn(async move {
            let response = client
                .post(url)
                .bearer_auth(staff)
                .json(&json!({ "query": query }))
                .send()
                .await
                .unwrap();
            (
                response.status().as_u16(),
                response.json::<serde_json::Value>().await.unwrap(),
            )
        });
    }
    while let Some(reply) = requests.join_next().await {
        let (status, body) = reply.unwrap();
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "{body}");
    }
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "no request waited for the pool's 5 s acquire timeout: {:?}",
        started.elapsed()
    );
}
