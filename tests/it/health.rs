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

    // Our own id answers; an inbound one is only logged alongside it (a caller cannot pick the id our logs are
    // correlated by), and a malformed one is ignored.
    let kept = app
        .client
        .get(format!("{}/healthz", app.address))
        .header("x-request-id", "lb-1234")
        .send()
        .await
        .unwrap();
    let ours = kept.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_ne!(ours, "lb-1234");
    assert!(uuid::Uuid::parse_str(&ours).is_ok(), "{ours}");
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

/// `/readyz` says when the database is gone (503), while `/healthz` still says the process is alive. Needs a
/// PostgreSQL database to drop under the running server.
#[tokio::test]
async fn readiness_fails_when_the_database_is_gone() {
    let Ok(admin_url) = std::env::var(pactes_persistence::scratch::TEST_DATABASE_URL) else {
        assert!(
            std::env::var("PACTES_SKIP_POSTGRES").is_ok_and(|v| v == "1"),
            "TEST_DATABASE_URL is not set (or set PACTES_SKIP_POSTGRES=1 to skip PostgreSQL)"
        );
        return;
    };
    let name = format!("pactes_ready_{}", uuid::Uuid::now_v7().simple());
    psql(&admin_url, &format!("CREATE DATABASE {name}"));
    let url = replace_database(&admin_url, &name);
    let app = TestApp::spawn_on(&url).await;
    let ready = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
    assert_eq!(ready.status().as_u16(), 200);

    psql(&admin_url, &format!("DROP DATABASE {name} WITH (FORCE)"));
    let ready = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
    assert_eq!(ready.status().as_u16(), 503);
    let alive = app.client.get(format!("{}/healthz", app.address)).send().await.unwrap();
    assert_eq!(alive.status().as_u16(), 200);
}

/// Runs one statement with the psql client, as an operator would.
fn psql(url: &str, statement: &str) {
    let status = std::process::Command::new("psql")
        .args([url, "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-qc", statement])
        .status()
        .unwrap();
    assert!(status.success(), "{statement}");
}

fn replace_database(url: &str, database: &str) -> String {
    let (base, _) = url.rsplit_once('/').unwrap();
    format!("{base}/{database}")
}

/// While the database refuses connections, requests get HTTP 503 with `Retry-After` and the code UNAVAILABLE —
/// retryable, not INTERNAL — and service is back as soon as the database is. Needs a PostgreSQL database of its
/// own to close to new connections.
#[tokio::test]
async fn an_outage_is_retryable_and_service_comes_back() {
    let Ok(admin_url) = std::env::var(pactes_persistence::scratch::TEST_DATABASE_URL) else {
        assert!(
            std::env::var("PACTES_SKIP_POSTGRES").is_ok_and(|v| v == "1"),
            "TEST_DATABASE_URL is not set (or set PACTES_SKIP_POSTGRES=1 to skip PostgreSQL)"
        );
        return;
    };
    let name = format!("pactes_outage_{}", uuid::Uuid::now_v7().simple());
    psql(&admin_url, &format!("CREATE DATABASE {name}"));
    let app = TestApp::spawn_on(&replace_database(&admin_url, &name)).await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    let query = "{ centres { totalCount } }";
    assert_eq!(app.gql(Some(&viewer), query, serde_json::json!({})).await.status, 200);

    // The outage: no new connection is accepted, and the open ones are cut.
    psql(&admin_url, &format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false"));
    psql(
        &admin_url,
        &format!("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = '{name}'"),
    );
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(&viewer)
        .json(&serde_json::json!({ "query": "{ partners { totalCount } }" }))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let retry_after = response.headers().contains_key("retry-after");
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 503, "{body}");
    assert!(retry_after);
    let codes: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["extensions"]["code"].as_str().unwrap())
        .collect();
    assert!(codes.iter().all(|c| *c == "UNAVAILABLE"), "{body}");

    psql(&admin_url, &format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true"));
    let reply = app.gql(Some(&viewer), query, serde_json::json!({})).await;
    assert_eq!(reply.status, 200, "service is back: {}", reply.body);
    assert_eq!(reply.data()["centres"]["totalCount"], 13);
    psql(&admin_url, &format!("DROP DATABASE {name} WITH (FORCE)"));
}
