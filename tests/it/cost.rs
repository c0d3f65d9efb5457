//! Every response tells its cost (`extensions.cost`: requested before execution, actual after), and each caller
//! spends a budget of cost points per minute: past it, THROTTLED with HTTP 429 and `Retry-After`.

use serde_json::json;

use crate::support::{TestApp, token_with};

const LIST: &str = "{ centres(first: 20) { totalCount edges { node { name commune } } } }";

#[tokio::test]
async fn responses_tell_their_cost_and_a_caller_past_its_budget_is_throttled() {
    let app = TestApp::spawn_configured(|args| args.limits.cost_budget = 600).await;
    let viewer = token_with(Some("nord"), &["viewer"], json!({ "sub": "dashboard-douai" }));

    let first = app.gql(Some(&viewer), LIST, json!({})).await;
    assert!(first.codes().is_empty(), "{}", first.body);
    let cost = &first.body["extensions"]["cost"];
    let (requested, actual) = (cost["requested"].as_u64().unwrap(), cost["actual"].as_u64().unwrap());
    // 20 items of 2 fields, the connection and totalCount at 20 each; actually 13 centres, 3 statements.
    assert!(requested >= 20 * 2 + 40, "{cost}");
    assert!(actual > 13 * 2 && actual < requested, "{cost}");

    // Spend the rest of the 600 points.
    let mut throttled = None;
    for _ in 0..20 {
        let response = app
            .client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&viewer)
            .json(&json!({ "query": LIST }))
            .send()
            .await
            .unwrap();
        if response.status().as_u16() == 429 {
            throttled = Some(response);
            break;
        }
    }
    let throttled = throttled.expect("the budget runs out within 20 requests");
    let wait: u64 = throttled.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(wait >= 1, "{wait}");
    let body: serde_json::Value = throttled.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "THROTTLED", "{body}");

    // Another caller has a budget of its own.
    let other = token_with(Some("nord"), &["viewer"], json!({ "sub": "dashboard-calais" }));
    let reply = app.gql(Some(&other), LIST, json!({})).await;
    assert!(reply.codes().is_empty(), "{}", reply.body);
}

/// A budget is its caller's: a Nord viewer and a Pas-de-Calais viewer whose identity providers gave them one
/// `sub` spend two budgets, not one; a token naming nobody is refused.
#[tokio::test]
async fn budgets_are_kept_per_federation_and_a_caller_must_be_someone() {
    let app = TestApp::spawn_configured(|args| args.limits.cost_budget = 600).await;
    let nord = token_with(Some("nord"), &["viewer"], json!({ "sub": "agent-1" }));
    let calais = token_with(Some("pas-de-calais"), &["viewer"], json!({ "sub": "agent-1" }));
    let mut throttled = false;
    for _ in 0..20 {
        if app.gql(Some(&nord), LIST, json!({})).await.status == 429 {
            throttled = true;
            break;
        }
    }
    assert!(throttled, "Nord's agent-1 spent its budget");
    let reply = app.gql(Some(&calais), LIST, json!({})).await;
    assert!(
        reply.codes().is_empty(),
        "Pas-de-Calais's agent-1 has a budget of its own: {}",
        reply.body
    );

    for sub in ["", "  "] {
        let nobody = token_with(Some("nord"), &["viewer"], json!({ "sub": sub }));
        let reply = app.gql(Some(&nobody), "{ viewer { subject } }", json!({})).await;
        assert_eq!(reply.status, 401, "{}", reply.body);
        assert_eq!(reply.codes(), ["UNAUTHENTICATED"], "{}", reply.body);
    }
}
