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

/// However many clients ask at once, a replica executes at most `PACTES_MAX_EXECUTING` operations at a time (the
/// others wait their turn, each within its deadline), and every one is answered.
#[tokio::test]
async fn operations_past_the_executing_limit_wait_their_turn_and_are_all_answered() {
    let app = TestApp::spawn_configured(|args| {
        args.metrics_token = Some(pactes_server::config::Secret::new(TOKEN));
        args.limits.max_executing = 2;
    })
    .await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    let list = "{ centres(first: 50) { totalCount nodes { name territory { name } federation { name } } } }";
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..24 {
        let (client, url, viewer) = (app.client.clone(), format!("{}/graphql", app.address), viewer.clone());
        requests.spawn(async move {
            let response = client
                .post(url)
                .bearer_auth(viewer)
                .json(&json!({ "query": list }))
                .send()
                .await
                .unwrap();
            (
                response.status().as_u16(),
                response.json::<serde_json::Value>().await.unwrap(),
            )
        });
    }
    let mut answered = 0;
    while let Some(reply) = requests.join_next().await {
        let (status, body) = reply.unwrap();
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "{body}");
        assert!(body["data"]["centres"]["totalCount"].as_u64().unwrap() > 0, "{body}");
        answered += 1;
    }
    assert_eq!(answered, 24);
    let text = app
        .client
        .get(format!("{}/metrics", app.address))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let peak: u64 = text
        .lines()
        .find_map(|l| l.strip_prefix("pactes_graphql_executing_peak "))
        .expect("the peak is reported")
        .parse()
        .unwrap();
    assert!((1..=2).contains(&peak), "{peak} operations executed at once");
}
