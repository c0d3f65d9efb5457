//! Item 2's probes and item 10's request id.

use serde_json::Value;

use crate::support::TestApp;

#[tokio::test]
async fn probes_answer_and_every_response_carries_a_request_id() {
    let app = TestApp::spawn().await;
    let health = app.client.get(format!("{}/healthz", app.address)).send().await.unwrap();
    assert_eq!(health.status().as_u16(), 200);
    assert!(!health.headers()["x-request-id"].is_empty());

    let ready = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
    assert_eq!(ready.status().as_u16(), 200);
    let body: Value = ready.json().await.unwrap();
    assert_eq!(body["status"], "ready");

    // A load balancer's id is kept; a malformed one is replaced.
    let kept = app
        .client
        .get(format!("{}/healthz", app.address))
        .header("x-request-id", "lb-1234")
        .send()
        .await
        .unwrap();
    assert_eq!(kept.headers()["x-request-id"], "lb-1234");
    let replaced = app
        .client
        .get(format!("{}/healthz", app.address))
        .header("x-request-id", "bad id; drop table")
        .send()
        .await
        .unwrap();
    assert_ne!(replaced.headers()["x-request-id"], "bad id; drop table");

    let graphiql = app.client.get(format!("{}/graphql", app.address)).send().await.unwrap();
    assert_eq!(graphiql.status().as_u16(), 200);
    assert!(graphiql.text().await.unwrap().contains("graphiql"));
}
