//! Trusted documents: a client sends the id of an operation registered ahead (`documentId`, or Apollo's
//! `extensions.persistedQuery`), and the roles configured so — partner integrations here — may send nothing else.

use pactes_server::commands::sha256_hex;
use serde_json::json;

use crate::support::{TestApp, a_partner_of, token_with};

const CENTRES: &str = "query PartnerCentres { centres { totalCount } }";

#[tokio::test]
async fn partner_integrations_run_trusted_documents_only() {
    let app = TestApp::spawn_configured(|args| args.trusted_documents_only = vec!["partner".to_owned()]).await;
    let id = format!("sha256:{}", sha256_hex(CENTRES));
    assert_eq!(
        app.db
            .add_trusted_documents_public(&[(id.clone(), CENTRES.to_owned())])
            .await
            .unwrap(),
        1
    );
    let partner = token_with(
        Some("nord"),
        &["partner"],
        json!({ "partner": a_partner_of(&app, "nord").await }),
    );

    let by_id = app.post(Some(&partner), &json!({ "documentId": id })).await;
    assert_eq!(by_id.status, 200, "{}", by_id.body);
    assert_eq!(by_id.data()["centres"]["totalCount"], 13);

    let apollo = json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": sha256_hex(CENTRES) } } });
    let by_hash = app.post(Some(&partner), &apollo).await;
    assert_eq!(by_hash.data()["centres"]["totalCount"], 13, "{}", by_hash.body);

    let own = app
        .post(Some(&partner), &json!({ "query": "{ partners { totalCount } }" }))
        .await;
    assert_eq!(own.status, 403, "{}", own.body);
    assert_eq!(own.codes(), ["DOCUMENT_NOT_TRUSTED"]);
    assert!(
        own.body.get("data").is_none(),
        "refused before anything ran: {}",
        own.body
    );

    let unknown = app
        .post(
            Some(&partner),
            &json!({ "documentId": format!("sha256:{}", sha256_hex("{ x }")) }),
        )
        .await;
    assert_eq!(unknown.codes(), ["PERSISTED_QUERY_NOT_FOUND"], "{}", unknown.body);

    // Nor over GET, which always carries a document of the caller's own.
    let get = app
        .client
        .get(format!("{}/graphql", app.address))
        .bearer_auth(&partner)
        .query(&[("query", "{ partners { totalCount } }")])
        .send()
        .await
        .unwrap();
    assert_eq!(get.status().as_u16(), 403);

    // Roles not listed keep sending their own documents.
    let viewer = app.token(Some("nord"), &["viewer"]);
    let reply = app
        .post(Some(&viewer), &json!({ "query": "{ partners { totalCount } }" }))
        .await;
    assert!(reply.codes().is_empty(), "{}", reply.body);
}
