//! GraphQL over HTTP as browsers and caches meet it: queries over GET (never mutations), cache headers for
//! anonymous public reads only, and CORS for the configured origins only.

use serde_json::{Value, json};

use crate::support::{TestApp, npm_installed};

#[tokio::test]
async fn queries_run_over_get_mutations_do_not_and_only_anonymous_public_reads_are_cacheable() {
    let app = TestApp::spawn().await;
    let url = format!("{}/graphql", app.address);
    let public = app
        .client
        .get(&url)
        .query(&[
            ("query", "query Feds { federations { slug } }"),
            ("operationName", "Feds"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(public.status().as_u16(), 200);
    assert_eq!(public.headers()["cache-control"], "public, max-age=60");
    let body: Value = public.json().await.unwrap();
    assert_eq!(body["data"]["federations"].as_array().unwrap().len(), 5, "{body}");

    let viewer = app.token(Some("nord"), &["viewer"]);
    let private = app
        .client
        .get(&url)
        .bearer_auth(&viewer)
        .query(&[
            (
                "query",
                "query($n: Int) { centres(first: $n) { edges { node { name } } } }",
            ),
            ("variables", &json!({ "n": 2 }).to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(private.status().as_u16(), 200);
    assert_eq!(
        private.headers()["cache-control"],
        "no-store",
        "a caller's data is never cached"
    );
    let body: Value = private.json().await.unwrap();
    assert_eq!(body["data"]["centres"]["edges"].as_array().unwrap().len(), 2, "{body}");

    let staff = app.token(Some("nord"), &["federation-staff"]);
    let before = app.db.statement_count();
    let mutation = app
        .client
        .get(&url)
        .bearer_auth(&staff)
        .query(&[(
            "query",
            "mutation { createTerritory(input: { name: \"Par GET\", kind: EPCI }) { territory { id } } }",
        )])
        .send()
        .await
        .unwrap();
    assert_eq!(mutation.status().as_u16(), 405);
    assert_eq!(mutation.headers()["allow"], "POST");
    assert_eq!(app.db.statement_count(), before, "nothing ran");

    // Without a query, GET /graphql is still GraphiQL.
    let page = app.client.get(&url).send().await.unwrap();
    assert!(page.text().await.unwrap().contains("graphiql"));
}

#[tokio::test]
async fn cors_answers_the_configured_origins_only() {
    const FRONT: &str = "https://app.fcsnord.example";
    let app = TestApp::spawn_configured(|args| args.cors_origins = vec![FRONT.to_owned()]).await;
    let url = format!("{}/graphql", app.address);
    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, &url)
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "authorization, content-type")
            .send()
    };
    let allowed = preflight(FRONT).await.unwrap();
    assert!(allowed.status().is_success(), "{}", allowed.status());
    assert_eq!(allowed.headers()["access-control-allow-origin"], FRONT);
    let headers = allowed.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(
        headers.contains("authorization") && headers.contains("content-type"),
        "{headers}"
    );
    assert!(
        !allowed.headers().contains_key("access-control-allow-credentials"),
        "no cookies, so no credentials"
    );

    let other = preflight("https://evil.example").await.unwrap();
    assert!(!other.headers().contains_key("access-control-allow-origin"));

    let viewer = app.token(Some("nord"), &["viewer"]);
    let call = app
        .client
        .post(&url)
        .header("origin", FRONT)
        .bearer_auth(&viewer)
        .json(&json!({ "query": "{ centres { totalCount } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(call.headers()["access-control-allow-origin"], FRONT);
    assert_eq!(call.status().as_u16(), 200);

    // No origin configured: no CORS header for anyone.
    let closed = TestApp::spawn().await;
    let reply = closed
        .client
        .post(format!("{}/graphql", closed.address))
        .header("origin", FRONT)
        .json(&json!({ "query": "{ federations { slug } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status().as_u16(), 200);
    assert!(!reply.headers().contains_key("access-control-allow-origin"));
}

/// graphql-http's conformance audit (the reference implementation's `serverAudits`, from npm) finds no warning
/// and no error. Its package is installed into `tests/http-audit/node_modules` on first use.
#[tokio::test]
async fn the_graphql_over_http_audit_reports_no_warning_and_no_error() {
    static INSTALLED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    let dir = npm_installed(&INSTALLED, concat!(env!("CARGO_MANIFEST_DIR"), "/http-audit")).await;
    let app = TestApp::spawn().await;
    let output = tokio::process::Command::new("node")
        .arg(format!("{dir}/audit.mjs"))
        .arg(format!("{}/graphql", app.address))
        .output()
        .await
        .expect("node (Node.js) is needed for the graphql-http audit");
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}");
    assert!(
        report.contains("graphql-http audit: 0 warnings, 0 errors"),
        "{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success());
}
