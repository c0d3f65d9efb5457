//! Listing centres with their territory and federation runs a bounded number of statements, whatever the
//! number of centres (the page's statement brings its territories and total along; child tables are read per
//! page; federations are kept in memory).

use serde_json::json;

use crate::support::TestApp;

const LIST: &str = "query($n: Int) { centres(first: $n) { totalCount edges { node { name territory { name communes } federation { slug name } } } } }";

const WITHOUT_LISTS: &str =
    "query($n: Int) { centres(first: $n) { totalCount nodes { name territory { name } federation { slug name } } } }";

#[tokio::test]
async fn fifty_centres_with_territory_and_federation_take_as_many_statements_as_five() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    // 37 more centres, spread over the Douaisis, a second territory and none, to reach 50.
    let second = app
        .gql(
            Some(&staff),
            r#"mutation { createTerritory(input: { name: "Ostrevent", kind: COMMUNE_GROUP }) { territory { id } } }"#,
            json!({}),
        )
        .await;
    let ostrevent = second.data()["createTerritory"]["territory"]["id"].clone();
    let douaisis = app
        .gql(
            Some(&staff),
            "{ territories(filter: { search: \"douaisis\" }) { edges { node { id } } } }",
            json!({}),
        )
        .await
        .data()["territories"]["edges"][0]["node"]["id"]
        .clone();
    for i in 0..37 {
        let territory = match i % 3 {
            0 => douaisis.clone(),
            1 => ostrevent.clone(),
            _ => serde_json::Value::Null,
        };
        let input =
            json!({ "kind": "EVS", "name": format!("EVS n°{i}"), "commune": "Douai", "territoryId": territory });
        let reply = app
            .gql(
                Some(&staff),
                "mutation($i: CreateCentreInput!) { createCentre(input: $i) { userErrors { message } } }",
                json!({ "i": input }),
            )
            .await;
        assert_eq!(reply.data()["createCentre"]["userErrors"], json!([]), "{}", reply.body);
    }

    let viewer = app.token(Some("nord"), &["viewer"]);
    let mut counts = Vec::new();
    for n in [5, 50] {
        let before = app.db.statement_count();
        let reply = app.gql(Some(&viewer), LIST, json!({ "n": n })).await;
        counts.push(app.db.statement_count() - before);
        assert_eq!(
            reply.data()["centres"]["edges"].as_array().unwrap().len(),
            n as usize,
            "{}",
            reply.body
        );
        assert_eq!(reply.data()["centres"]["totalCount"], 50);
        let territories = reply.data()["centres"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| !e["node"]["territory"].is_null())
            .count();
        assert!(territories > 0);
    }
    // The first request also reads the federations (then kept in memory): hence the tolerance of one.
    assert!(counts[1] <= 3 + 1, "50 centres took {} statements", counts[1]);
    let before = app.db.statement_count();
    app.gql(Some(&viewer), LIST, json!({ "n": 50 })).await;
    let warm = app.db.statement_count() - before;
    // The page with its territories and its totalCount in one statement, then the same territories whole with
    // their communes (a list field is read only when selected: the territories and their communes' table);
    // federations are public reference data, kept in memory.
    assert_eq!(warm, 3, "50 centres took {warm} statements");
    let before = app.db.statement_count();
    let reply = app.gql(Some(&viewer), WITHOUT_LISTS, json!({ "n": 50 })).await;
    // Without a list field: the page, its territories and its totalCount, in one statement.
    assert_eq!(app.db.statement_count() - before, 1, "50 centres without list fields");
    assert_eq!(reply.data()["centres"]["totalCount"], 50, "{}", reply.body);
    let before = app.db.statement_count();
    app.gql(Some(&viewer), LIST, json!({ "n": 5 })).await;
    assert_eq!(
        app.db.statement_count() - before,
        warm,
        "the count must not depend on the page size"
    );
}

#[tokio::test]
async fn a_centre_asked_by_id_with_its_territory_is_one_statement() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let created = app
        .gql(
            Some(&staff),
            "mutation { createCentre(input: { kind: EVS, name: \"EVS sans territoire\", commune: \"Douai\" }) { userErrors { message } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        created.data()["createCentre"]["userErrors"],
        json!([]),
        "{}",
        created.body
    );
    let viewer = app.token(Some("nord"), &["viewer"]);
    // Every Nord centre, with and without a territory, as the page reads them (centre and territory apart).
    let page = app
        .gql(
            Some(&viewer),
            "{ centres(first: 100) { nodes { id name territory { id name kind } } } }",
            json!({}),
        )
        .await;
    let centres = page.data()["centres"]["nodes"].as_array().unwrap().clone();
    assert!(centres.iter().any(|c| c["territory"].is_null()), "{}", page.body);
    assert!(centres.iter().any(|c| !c["territory"].is_null()), "{}", page.body);
    let by_id = "query($id: ID!) { centre(id: $id) { id name territory { id name kind } } }";
    let by_node = "query($id: ID!) { node(id: $id) { ... on Centre { id name territory { id name kind } } } }";
    for centre in &centres {
        for (query, field) in [(by_id, "centre"), (by_node, "node")] {
            let before = app.db.statement_count();
            let reply = app.gql(Some(&viewer), query, json!({ "id": centre["id"] })).await;
            assert_eq!(reply.data()[field], *centre, "{}", reply.body);
            assert_eq!(
                app.db.statement_count() - before,
                1,
                "{field}: the centre and its territory at once"
            );
        }
    }
    // Another federation's centre is not found, territory or not; and its territory is not read either.
    let calais = app.token(Some("pas-de-calais"), &["viewer"]);
    for centre in &centres {
        let reply = app.gql(Some(&calais), by_id, json!({ "id": centre["id"] })).await;
        assert_eq!(reply.data()["centre"], serde_json::Value::Null, "{}", reply.body);
    }
}

/// A page of centres whose items ask for no more than a summary (name, kind, commune, territory) reads only
/// those columns; one asking for more, even through a fragment, reads whole centres. Either way it is one
/// statement, and the fields both show agree, as do the others with the centre asked by id.
#[tokio::test]
async fn a_page_of_centre_summaries_agrees_with_whole_centres_in_one_statement_each() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("nord"), &["federation-staff"]);
    const SUMMARY: &str =
        "{ centres(first: 50) { nodes { __typename id kind name commune territory { name } federation { slug } } } }";
    const MORE: &str = "fragment More on Centre { management phone email version updatedAt }
        { centres(first: 50) { nodes { __typename id kind name commune territory { name } federation { slug } ...More } } }";
    const SPLIT: &str = "{ centres(first: 50) { nodes { id name } edges { node { ... on Centre { phone } } } } }";
    // Federations are read once, then kept in memory.
    app.gql(Some(&viewer), SUMMARY, json!({})).await;

    let mut replies = Vec::new();
    for query in [SUMMARY, MORE, SPLIT] {
        let before = app.db.statement_count();
        let reply = app.gql(Some(&viewer), query, json!({})).await;
        assert_eq!(app.db.statement_count() - before, 1, "{query}: {}", reply.body);
        replies.push(reply.data()["centres"].clone());
    }
    let summaries = replies[0]["nodes"].as_array().unwrap();
    let whole = replies[1]["nodes"].as_array().unwrap();
    assert!(summaries.len() > 5);
    assert_eq!(summaries.len(), whole.len());
    for (summary, whole) in summaries.iter().zip(whole) {
        for field in ["__typename", "id", "kind", "name", "commune", "territory", "federation"] {
            assert_eq!(summary[field], whole[field], "{field} of {}", summary["name"]);
        }
    }
    assert!(whole.iter().any(|c| c["territory"].is_object()));
    let with_phone: Vec<_> = whole.iter().filter(|c| c["phone"].is_string()).collect();
    assert!(!with_phone.is_empty(), "the demo's centres have phone numbers");
    for centre in with_phone.iter().take(3) {
        let alone = app
            .gql(
                Some(&viewer),
                "query($id: ID!) { centre(id: $id) { management phone email version updatedAt } }",
                json!({ "id": centre["id"] }),
            )
            .await;
        for field in ["management", "phone", "email", "version", "updatedAt"] {
            assert_eq!(
                alone.data()["centre"][field],
                centre[field],
                "{field} of {}",
                centre["name"]
            );
        }
    }
    // Items asked for in both forms are read whole when either form asks for more.
    let split = &replies[2];
    let emails: Vec<_> = split["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["email"].clone())
        .collect();
    let expected: Vec<_> = whole.iter().map(|c| c["email"].clone()).collect();
    assert_eq!(emails, expected);
}
