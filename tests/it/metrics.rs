//! `GET /metrics` for the operators' Prometheus: protected by its own token, with bounded labels, and each
//! request's SQL statements counted for that request alone.

use serde_json::json;

use crate::support::TestApp;

const TOKEN: &str = "a-metrics-scraper-token";

#[tokio::test]
async fn metrics_count_requests_statements_and_refusals_with_bounded_labels() {
    let app = TestApp::spawn_configured(|args| {
        args.metrics_token = Some(pactes_server::config::Secret::new(TOKEN));
    })
    .await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    let list =
        "query CentresPage { centres(first: 50) { totalCount edges { node { name territory { name communes } } } } }";
    for _ in 0..3 {
        assert!(app.gql(Some(&viewer), list, json!({})).await.codes().is_empty());
    }
    let refused = app.gql(Some(&viewer), "query Bad { nosuchfield }", json!({})).await;
    assert_eq!(refused.codes(), ["GRAPHQL_VALIDATION_FAILED"]);
    // Operation names are the client's: past 100 distinct ones they share the label `other`.
    for i in 0..120 {
        app.gql(
            Some(&viewer),
            &format!("query Op{i} {{ viewer {{ subject }} }}"),
            json!({}),
        )
        .await;
    }

    let url = format!("{}/metrics", app.address);
    assert_eq!(app.client.get(&url).send().await.unwrap().status().as_u16(), 401);
    let scraped = app.client.get(&url).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(scraped.status().as_u16(), 200);
    let text = scraped.text().await.unwrap();
    let line = |prefix: &str| text.lines().find(|l| l.starts_with(prefix)).map(str::to_owned);

    assert_eq!(
        line("pactes_graphql_requests_total{operation=\"CentresPage\",outcome=\"ok\",status=\"200\"}").as_deref(),
        Some("pactes_graphql_requests_total{operation=\"CentresPage\",outcome=\"ok\",status=\"200\"} 3"),
        "{text}"
    );
    assert!(
        line("pactes_graphql_refusals_total{code=\"GRAPHQL_VALIDATION_FAILED\"} 1").is_some(),
        "{text}"
    );
    assert!(line("pactes_graphql_request_duration_seconds_bucket{operation=\"CentresPage\"").is_some());
    // Each list runs 3 statements (the page with its territories and count, then its territories whole with
    // their communes, two statements in a loader's own task), the other requests none: counted per request,
    // 3 × 3.
    assert_eq!(
        line("pactes_graphql_request_sql_statements_sum").as_deref(),
        Some("pactes_graphql_request_sql_statements_sum 9"),
        "{text}"
    );
    assert!(line("pactes_db_pool_connections{state=\"idle\"}").is_some(), "{text}");
    assert!(line("pactes_sql_statements_total").is_some());

    let operations: std::collections::HashSet<&str> = text
        .lines()
        .filter(|l| l.starts_with("pactes_graphql_requests_total{"))
        .filter_map(|l| l.split("operation=\"").nth(1)?.split('"').next())
        .collect();
    assert!(operations.len() <= 101, "{} operation labels", operations.len());
    assert!(operations.contains("other"));
    assert!(!text.contains(&viewer), "no token in the metrics");
}

#[tokio::test]
async fn without_its_token_setting_there_is_no_metrics_endpoint() {
    let app = TestApp::spawn().await;
    let reply = app.client.get(format!("{}/metrics", app.address)).send().await.unwrap();
    assert_eq!(reply.status().as_u16(), 404);
}
