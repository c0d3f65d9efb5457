//! Client tools explore the schema with the standard introspection query (GraphiQL, Apollo, graphql-codegen
//! send graphql-js's; schemathesis and Python clients graphql-core's). Both are answered under the default
//! limits: introspection does not count toward the depth limit, and is bounded by the document's nesting (64),
//! its fields once fragments are written out (2,000) and its complexity instead.

use serde_json::json;

use crate::support::TestApp;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/fixtures/introspection/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[tokio::test]
async fn the_standard_introspection_queries_are_answered_under_the_default_limits() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    for (name, token) in [
        ("graphql-js-16.graphql", Some(viewer.as_str())),
        ("graphql-core-3.graphql", Some(viewer.as_str())),
        ("graphql-js-16.graphql", None),
    ] {
        let reply = app.gql(token, &fixture(name), json!({})).await;
        assert_eq!(reply.status, 200, "{name}: {}", reply.body);
        assert!(reply.codes().is_empty(), "{name}: {}", reply.body);
        let schema = &reply.data()["__schema"];
        assert_eq!(schema["queryType"]["name"], "Query", "{name}");
        assert_eq!(schema["mutationType"]["name"], "Mutation", "{name}");
        let types: Vec<&str> = schema["types"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        for expected in ["Centre", "Territory", "Partner", "Node", "UserErrorCode", "Date"] {
            assert!(types.contains(&expected), "{name}: {expected} missing");
        }
    }
}

#[tokio::test]
async fn introspection_is_still_bounded_and_other_fields_keep_the_depth_limit() {
    let app = TestApp::spawn_configured(|args| args.limits.max_depth = 3).await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    // Beyond the depth limit of 3, but introspection: answered.
    let reply = app
        .gql(
            Some(&viewer),
            "{ __schema { types { fields { type { ofType { name } } } } } }",
            json!({}),
        )
        .await;
    assert!(reply.codes().is_empty(), "{}", reply.body);
    // Four levels of fields: refused before anything runs.
    let reply = app
        .gql(
            Some(&viewer),
            "{ centres { edges { node { territory { name } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(reply.codes(), ["QUERY_TOO_DEEP"], "{}", reply.body);

    // Introspection cannot grow without bound: seventy levels of `ofType` through fragments are too deep.
    let mut document = String::from("{ __schema { types { ...T0 } } }\n");
    for level in 0..70 {
        document.push_str(&format!(
            "fragment T{level} on __Type {{ name ofType {{ ...T{} }} }}\n",
            level + 1
        ));
    }
    document.push_str("fragment T70 on __Type { name }\n");
    let reply = app.gql(Some(&viewer), &document, json!({})).await;
    assert_eq!(reply.codes(), ["QUERY_TOO_DEEP"], "{}", reply.body);
}
