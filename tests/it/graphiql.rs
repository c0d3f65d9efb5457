//! GraphiQL as a person uses it: in a real headless Chromium with every other origin blocked, the page renders
//! from the server's own files, takes a bearer token in its headers editor, runs a typed query and shows the
//! schema's documentation.

use serde_json::{Value, json};

use crate::support::{TestApp, node_clients};

#[tokio::test]
async fn graphiql_works_offline_in_a_browser_with_a_pasted_token() {
    let dir = node_clients().await;
    let app = TestApp::spawn().await;
    let token = app.token(Some("nord"), &["viewer"]);
    let query = "{ centres(first: 2) { totalCount edges { node { name } } } }";
    let expected = app.gql(Some(&token), query, json!({})).await;
    assert_eq!(expected.status, 200, "{}", expected.body);

    let output = tokio::process::Command::new("node")
        .arg(format!("{dir}/graphiql.mjs"))
        .args([&app.address, &token, query])
        .output()
        .await
        .expect("node (Node.js) drives the browser");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let report: Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|_| panic!("no report from the browser: {stdout}\n{stderr}"));
    assert!(output.status.success(), "{report:#}\n{stderr}");

    assert_eq!(report["rendered"], true, "{report:#}");
    assert_eq!(
        report["blocked"],
        json!([]),
        "the page asked for nothing outside the server"
    );
    let served: Vec<&str> = report["served"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(served.iter().any(|url| url.ends_with("graphiql.min.js")), "{served:?}");
    assert_eq!(report["consoleErrors"], json!([]), "{report:#}");
    assert_eq!(report["typed"], query, "the query typed is the query run");
    assert_eq!(
        report["result"]["data"], expected.body["data"],
        "GraphiQL shows what the API answers for that token"
    );
    assert_eq!(
        report["result"]["data"]["centres"]["totalCount"], 13,
        "the token reached the server"
    );
    let docs = report["docs"].as_str().unwrap_or_default();
    assert!(docs.contains("Query") && docs.contains("Mutation"), "{docs}");
}
