//! Item 5: a federation's token never sees nor touches another federation's objects, by id or by list; a
//! foreign object is indistinguishable from a missing one.

use serde_json::json;

use crate::support::{TestApp, centres, user_errors};

#[tokio::test]
async fn each_federation_lists_only_its_own_centres() {
    let app = TestApp::spawn().await;
    let nord = centres(&app, &app.token(Some("nord"), &["viewer"])).await;
    let pdc = centres(&app, &app.token(Some("pas-de-calais"), &["viewer"])).await;
    assert_eq!(nord.len(), 13, "{nord:?}");
    assert_eq!(pdc.len(), 4, "{pdc:?}");
    let mut pdc_names: Vec<&str> = pdc.iter().map(|(_, n)| n.as_str()).collect();
    pdc_names.sort();
    assert_eq!(
        pdc_names,
        [
            "Centre Social Matisse",
            "Centre Social et Culturel Jacques Yves Cousteau",
            "Centre Social et Culturel Marie Jeanne Bassot",
            "Centre Social et de Prévention Sanitaire Espace Fort",
        ]
    );
    assert!(pdc.iter().all(|(id, _)| !nord.iter().any(|(n, _)| n == id)));
    // Asking for Nord's federation in a filter does not widen a Pas-de-Calais token.
    let nord_id = app
        .gql(None, "{ federation(slug: \"nord\") { id } }", json!({}))
        .await
        .data()["federation"]["id"]
        .clone();
    let pdc_token = app.token(Some("pas-de-calais"), &["viewer"]);
    let reply = app.gql(Some(&pdc_token), "query($f: ID) { centres(filter: { federationId: $f }) { totalCount } partners(filter: { federationId: $f }) { totalCount } territories(filter: { federationId: $f }) { totalCount } }", json!({ "f": nord_id })).await;
    assert_eq!(reply.data()["centres"]["totalCount"], 0, "{}", reply.body);
    assert_eq!(reply.data()["partners"]["totalCount"], 0);
    assert_eq!(reply.data()["territories"]["totalCount"], 0);
}

#[tokio::test]
async fn another_federation_s_objects_read_as_null_by_id() {
    let app = TestApp::spawn().await;
    let nord_token = app.token(Some("nord"), &["federation-admin"]);
    let reply = app.gql(Some(&nord_token), "{ centres(first: 1) { edges { node { id territory { id } } } } partners(first: 1) { edges { node { id } } } }", json!({})).await;
    let centre = reply.data()["centres"]["edges"][0]["node"]["id"].clone();
    let territory = reply.data()["centres"]["edges"][0]["node"]["territory"]["id"].clone();
    let partner = reply.data()["partners"]["edges"][0]["node"]["id"].clone();

    let pdc_token = app.token(Some("pas-de-calais"), &["federation-admin"]);
    let query = "query($c: ID!, $t: ID!, $p: ID!) { node(id: $c) { id } centre(id: $c) { id } territory(id: $t) { id } partner(id: $p) { id } nodes(ids: [$c, $t, $p]) { id } }";
    let vars = json!({ "c": centre, "t": territory, "p": partner });
    let foreign = app.gql(Some(&pdc_token), query, vars.clone()).await;
    assert!(foreign.codes().is_empty(), "{}", foreign.body);
    assert_eq!(
        foreign.body["data"],
        json!({ "node": null, "centre": null, "territory": null, "partner": null, "nodes": [null, null, null] })
    );

    // The owner reads the same ids.
    let own = app.gql(Some(&nord_token), query, vars).await;
    assert_eq!(own.data()["node"]["id"], centre);
    assert_eq!(
        own.data()["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| !n.is_null())
            .count(),
        3
    );

    // And a made-up id reads exactly like a foreign one.
    let made_up = base64::Engine::encode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        format!("Centre:{}", uuid::Uuid::now_v7()),
    );
    let missing = app
        .gql(
            Some(&nord_token),
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": made_up }),
        )
        .await;
    assert_eq!(missing.body["data"], json!({ "node": null }));
}

#[tokio::test]
async fn another_federation_s_objects_cannot_be_changed_and_stay_unchanged() {
    let app = TestApp::spawn().await;
    let nord_token = app.token(Some("nord"), &["federation-admin"]);
    let read = "{ centres(first: 1) { edges { node { id name version territory { id } } } } partners(first: 1) { edges { node { id name version } } } territories(first: 1) { edges { node { id name version } } } }";
    let before = app.gql(Some(&nord_token), read, json!({})).await;
    let centre = &before.data()["centres"]["edges"][0]["node"];
    let partner = &before.data()["partners"]["edges"][0]["node"];
    let territory = &before.data()["territories"]["edges"][0]["node"];

    let pdc_staff = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let attempts = [
        (
            "updateCentre",
            format!(
                r#"mutation {{ updateCentre(input: {{ id: "{}", version: 1, name: "Pris" }}) {{ centre {{ id }} userErrors {{ field code message }} }} }}"#,
                centre["id"].as_str().unwrap()
            ),
        ),
        (
            "archiveCentre",
            format!(
                r#"mutation {{ archiveCentre(input: {{ id: "{}", version: 1 }}) {{ centre {{ id }} userErrors {{ field code message }} }} }}"#,
                centre["id"].as_str().unwrap()
            ),
        ),
        (
            "updatePartner",
            format!(
                r#"mutation {{ updatePartner(input: {{ id: "{}", version: 1, name: "Pris" }}) {{ partner {{ id }} userErrors {{ field code message }} }} }}"#,
                partner["id"].as_str().unwrap()
            ),
        ),
        (
            "archivePartner",
            format!(
                r#"mutation {{ archivePartner(input: {{ id: "{}", version: 1 }}) {{ partner {{ id }} userErrors {{ field code message }} }} }}"#,
                partner["id"].as_str().unwrap()
            ),
        ),
        (
            "updateTerritory",
            format!(
                r#"mutation {{ updateTerritory(input: {{ id: "{}", version: 1, name: "Pris" }}) {{ territory {{ id }} userErrors {{ field code message }} }} }}"#,
                territory["id"].as_str().unwrap()
            ),
        ),
        (
            "archiveTerritory",
            format!(
                r#"mutation {{ archiveTerritory(input: {{ id: "{}", version: 1 }}) {{ territory {{ id }} userErrors {{ field code message }} }} }}"#,
                territory["id"].as_str().unwrap()
            ),
        ),
    ];
    for (name, mutation) in attempts {
        let reply = app.gql(Some(&pdc_staff), &mutation, json!({})).await;
        assert_eq!(reply.status, 200, "{name}: {}", reply.body);
        let payload = &reply.data()[name];
        assert_eq!(
            user_errors(payload),
            [("input.id".to_owned(), "NOT_FOUND".to_owned())],
            "{name}: {}",
            reply.body
        );
        assert!(
            payload
                .as_object()
                .unwrap()
                .iter()
                .all(|(k, v)| k == "userErrors" || v.is_null()),
            "{name}"
        );
    }
    // Joining a Pas-de-Calais centre to a Nord territory fails as if the territory did not exist.
    let create = format!(
        r#"mutation {{ createCentre(input: {{ kind: EVS, name: "EVS du Courgain", commune: "Calais", territoryId: "{}" }}) {{ centre {{ id }} userErrors {{ field code }} }} }}"#,
        territory["id"].as_str().unwrap()
    );
    let reply = app.gql(Some(&pdc_staff), &create, json!({})).await;
    assert_eq!(
        user_errors(&reply.data()["createCentre"]),
        [("input.territoryId".to_owned(), "NOT_FOUND".to_owned())]
    );

    let after = app.gql(Some(&nord_token), read, json!({})).await;
    assert_eq!(after.body, before.body, "Nord's objects must be untouched");
    assert_eq!(
        centres(&app, &app.token(Some("pas-de-calais"), &["viewer"]))
            .await
            .len(),
        4,
        "nothing created"
    );
}

#[tokio::test]
async fn the_audit_log_shows_only_the_callers_federation() {
    let app = TestApp::spawn().await;
    let pdc_admin = app.token(Some("pas-de-calais"), &["federation-admin"]);
    let reply = app
        .gql(
            Some(&pdc_admin),
            "{ auditLog(first: 100) { totalCount edges { node { federation { slug } } } } }",
            json!({}),
        )
        .await;
    let edges = reply.data()["auditLog"]["edges"].as_array().unwrap().clone();
    // Pas-de-Calais' demo: the federation, one territory, 4 centres, 4 partners, the Calaisis charter and its
    // action sheet, the quadripartite convention and the charter's annex, its 2024 campaign and the import of
    // its values, its three governance bodies, four meetings and three decisions.
    assert_eq!(reply.data()["auditLog"]["totalCount"], 26, "{}", reply.body);
    assert!(
        edges.iter().all(|e| e["node"]["federation"]["slug"] == "pas-de-calais"),
        "{}",
        reply.body
    );
}
