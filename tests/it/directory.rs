//! Item 6: the directory's round trips, filters, ordering and pages, validation and conflicts, over HTTP.

use serde_json::{Value, json};

use crate::support::{TestApp, user_errors};

const CREATE_CENTRE: &str = r#"mutation($input: CreateCentreInput!) {
  createCentre(input: $input) {
    centre { id name kind management phone phoneE164 postalCode commune siret accreditation { start end } actionDomains version archived territory { name } federation { slug } }
    userErrors { field code message }
  }
}"#;

const UPDATE_CENTRE: &str = r#"mutation($input: UpdateCentreInput!) {
  updateCentre(input: $input) { centre { id name phone email version updatedAt } userErrors { field code message } }
}"#;

async fn douaisis(app: &TestApp, token: &str) -> Value {
    let reply = app
        .gql(
            Some(token),
            "{ territories(filter: { search: \"douaisis\" }) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    reply.data()["territories"]["edges"][0]["node"]["id"].clone()
}

async fn centre_count(app: &TestApp, token: &str) -> i64 {
    let reply = app
        .gql(
            Some(token),
            "{ centres(filter: { includeArchived: true }) { totalCount } }",
            json!({}),
        )
        .await;
    reply.data()["centres"]["totalCount"].as_i64().expect("a count")
}

#[tokio::test]
async fn a_centre_round_trip_create_read_update_archive_with_its_audit_trail() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let input = json!({
        "kind": "EVS",
        "name": "Espace de vie sociale du Raquet",
        "management": "ASSOCIATIVE",
        "postalCode": "59500",
        "commune": "Douai",
        "phone": "+33 3 27 00 11 22",
        "siret": "120 027 016 00357",
        "accreditation": { "start": "2024-01-01", "end": "2027-12-31" },
        "territoryId": douaisis(&app, &staff).await,
        "actionDomains": ["FAMILIES", "YOUTH"],
    });
    let reply = app.gql(Some(&staff), CREATE_CENTRE, json!({ "input": input })).await;
    assert!(reply.codes().is_empty(), "{}", reply.body);
    let payload = &reply.data()["createCentre"];
    assert_eq!(payload["userErrors"], json!([]));
    let centre = payload["centre"].clone();
    assert_eq!(centre["phone"], "03 27 00 11 22");
    assert_eq!(centre["phoneE164"], "+33327001122");
    assert_eq!(centre["siret"], "12002701600357");
    assert_eq!(
        centre["accreditation"],
        json!({ "start": "2024-01-01", "end": "2027-12-31" })
    );
    assert_eq!(centre["actionDomains"], json!(["YOUTH", "FAMILIES"]));
    assert_eq!(centre["territory"]["name"], "Douaisis");
    assert_eq!(centre["federation"]["slug"], "nord");
    assert_eq!(centre["version"], 1);

    // Read back by global id.
    let read = app
        .gql(
            Some(&staff),
            "query($id: ID!) { node(id: $id) { ... on Centre { name version } } }",
            json!({ "id": centre["id"] }),
        )
        .await;
    assert_eq!(
        read.data()["node"],
        json!({ "name": "Espace de vie sociale du Raquet", "version": 1 })
    );

    // Update with the version read; omitted fields stay, null clears.
    let update =
        json!({ "input": { "id": centre["id"], "version": 1, "email": "raquet@evs-douai.fr", "phone": null } });
    let reply = app.gql(Some(&staff), UPDATE_CENTRE, update).await;
    let updated = &reply.data()["updateCentre"]["centre"];
    assert_eq!(updated["version"], 2, "{}", reply.body);
    assert_eq!(updated["phone"], Value::Null);
    assert_eq!(updated["email"], "raquet@evs-douai.fr");
    assert_eq!(updated["name"], "Espace de vie sociale du Raquet");

    // Archive: gone from lists, still readable by id, listed with includeArchived.
    let reply = app
        .gql(Some(&staff), "mutation($id: ID!) { archiveCentre(input: { id: $id, version: 2 }) { centre { archived version } userErrors { code } } }", json!({ "id": centre["id"] }))
        .await;
    assert_eq!(
        reply.data()["archiveCentre"]["centre"],
        json!({ "archived": true, "version": 3 }),
        "{}",
        reply.body
    );
    let active = app
        .gql(
            Some(&staff),
            "{ centres(filter: { search: \"raquet\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(active.data()["centres"]["totalCount"], 0);
    let all = app
        .gql(
            Some(&staff),
            "{ centres(filter: { search: \"raquet\", includeArchived: true }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(all.data()["centres"]["totalCount"], 1);

    // An archived centre is not archived again (a lifecycle step it cannot take) nor edited (its state forbids
    // it); both are user errors with their own codes, and neither writes anything.
    let again = app
        .gql(Some(&staff), "mutation($id: ID!) { archiveCentre(input: { id: $id, version: 3 }) { centre { id } userErrors { field code message } } }", json!({ "id": centre["id"] }))
        .await;
    assert_eq!(
        user_errors(&again.data()["archiveCentre"]),
        [("input.id".to_owned(), "INVALID_TRANSITION".to_owned())],
        "{}",
        again.body
    );
    let edit = app
        .gql(Some(&staff), "mutation($id: ID!) { updateCentre(input: { id: $id, version: 3, name: \"Raquet\" }) { centre { id } userErrors { field code message } } }", json!({ "id": centre["id"] }))
        .await;
    assert_eq!(
        user_errors(&edit.data()["updateCentre"]),
        [("input.id".to_owned(), "INVALID_STATE".to_owned())],
        "{}",
        edit.body
    );

    // The audit log tells the story, newest first, with who and what changed.
    let admin = app.token(Some("nord"), &["federation-admin"]);
    let log = app
        .gql(Some(&admin), "query($id: ID!) { auditLog(entityId: $id) { edges { node { action entityType entityId actor { subject roles } changes { field before after } } } } }", json!({ "id": centre["id"] }))
        .await;
    let entries: Vec<Value> = log.data()["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"].clone())
        .collect();
    let actions: Vec<&str> = entries.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["ARCHIVE", "UPDATE", "CREATE"], "{}", log.body);
    assert!(
        entries
            .iter()
            .all(|e| e["entityId"] == centre["id"] && e["entityType"] == "Centre")
    );
    assert_eq!(
        entries[1]["actor"],
        json!({ "subject": "test:federation-staff", "roles": ["federation-staff"] })
    );
    let changed: Vec<&str> = entries[1]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(changed, ["phone", "email"]);
    assert_eq!(
        entries[1]["changes"][0],
        json!({ "field": "phone", "before": "03 27 00 11 22", "after": null })
    );
}

#[tokio::test]
async fn invalid_input_is_reported_field_by_field_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let before = centre_count(&app, &staff).await;
    let input = json!({
        "kind": "CENTRE_SOCIAL",
        "name": "  ",
        "postalCode": "5950",
        "commune": "Douai",
        "phone": "03 27 00",
        "email": "accueil-at-douai",
        "siret": "12002701600358",
        "accreditation": { "start": "2024-01-01", "end": "2028-06-30" },
    });
    let reply = app.gql(Some(&staff), CREATE_CENTRE, json!({ "input": input })).await;
    assert_eq!(reply.status, 200);
    assert!(
        reply.codes().is_empty(),
        "validation is not a top-level error: {}",
        reply.body
    );
    let payload = &reply.data()["createCentre"];
    assert_eq!(payload["centre"], Value::Null);
    let expected: Vec<(String, String)> = ["name", "postalCode", "phone", "email", "siret", "accreditation"]
        .iter()
        .map(|f| (format!("input.{f}"), "VALIDATION".to_owned()))
        .collect();
    assert_eq!(user_errors(payload), expected, "{}", reply.body);
    assert!(
        payload["userErrors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| !e["message"].as_str().unwrap().is_empty())
    );
    assert_eq!(centre_count(&app, &staff).await, before, "nothing written");

    // Nested contact errors carry their index.
    let partner = r#"mutation { createPartner(input: { kind: CAF, name: "CAF", contacts: [{ name: "Accueil", email: "ok@caf.fr" }, { name: "", phone: "12" }] }) { partner { id } userErrors { field code } } }"#;
    let reply = app.gql(Some(&staff), partner, json!({})).await;
    let fields: Vec<String> = user_errors(&reply.data()["createPartner"])
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(fields, ["input.contacts.1.name", "input.contacts.1.phone"]);

    // A malformed id is "not found", not a crash.
    let reply = app
        .gql(
            Some(&staff),
            UPDATE_CENTRE,
            json!({ "input": { "id": "nonsense", "version": 1, "name": "x" } }),
        )
        .await;
    assert_eq!(
        user_errors(&reply.data()["updateCentre"]),
        [("input.id".to_owned(), "NOT_FOUND".to_owned())]
    );
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let id = crate::support::centres(&app, &staff).await[0].0.clone();
    let first = app
        .gql(
            Some(&staff),
            UPDATE_CENTRE,
            json!({ "input": { "id": id, "version": 1, "email": "a@centre.fr" } }),
        )
        .await;
    assert_eq!(first.data()["updateCentre"]["centre"]["version"], 2, "{}", first.body);

    // A second client still holding version 1.
    let stale = app
        .gql(
            Some(&staff),
            UPDATE_CENTRE,
            json!({ "input": { "id": id, "version": 1, "email": "b@centre.fr" } }),
        )
        .await;
    let payload = &stale.data()["updateCentre"];
    assert_eq!(payload["centre"], Value::Null);
    assert_eq!(
        user_errors(payload),
        [("input.version".to_owned(), "CONFLICT".to_owned())]
    );
    assert!(
        payload["userErrors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("version 2"),
        "{}",
        stale.body
    );

    let now = app
        .gql(
            Some(&staff),
            "query($id: ID!) { centre(id: $id) { email version } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(now.data()["centre"], json!({ "email": "a@centre.fr", "version": 2 }));
}

#[tokio::test]
async fn filters_search_and_order() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    let names = |reply: &crate::support::Reply| -> Vec<String> {
        reply.data()["centres"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let query = "query($f: CentreFilter, $o: CentreOrder) { centres(first: 100, filter: $f, orderBy: $o) { totalCount edges { node { name commune } } } }";
    let dechy = app
        .gql(Some(&viewer), query, json!({ "f": { "search": "Dechy" } }))
        .await;
    assert_eq!(names(&dechy), ["Centre socioculturel municipal Henri-Martel"]);
    let commune = app
        .gql(Some(&viewer), query, json!({ "f": { "commune": "dechy" } }))
        .await;
    assert_eq!(names(&commune), names(&dechy));
    let accents = app
        .gql(Some(&viewer), query, json!({ "f": { "search": "BETHUNE" } }))
        .await;
    assert_eq!(names(&accents), ["Centre social Faubourg de Béthune"]);
    let municipal = app
        .gql(Some(&viewer), query, json!({ "f": { "management": "MUNICIPAL" } }))
        .await;
    assert_eq!(municipal.data()["centres"]["totalCount"], 5);
    let evs = app.gql(Some(&viewer), query, json!({ "f": { "kind": "EVS" } })).await;
    assert_eq!(evs.data()["centres"]["totalCount"], 0);

    let by_commune_desc = app
        .gql(
            Some(&viewer),
            query,
            json!({ "o": { "field": "COMMUNE", "direction": "DESC" } }),
        )
        .await;
    let communes: Vec<String> = by_commune_desc.data()["centres"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["commune"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = communes.clone();
    sorted.sort();
    sorted.reverse();
    assert_eq!(communes, sorted);
    assert_eq!(communes.first().map(String::as_str), Some("WAZIERS"));
}

#[tokio::test]
async fn relay_pages_cover_every_centre_once_in_both_directions() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    let all: Vec<String> = crate::support::centres(&app, &viewer)
        .await
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(all.len(), 13);

    let mut forward = Vec::new();
    let mut after = Value::Null;
    loop {
        let reply = app
            .gql(Some(&viewer), "query($a: String) { centres(first: 5, after: $a) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }", json!({ "a": after }))
            .await;
        let page = &reply.data()["centres"];
        forward.extend(
            page["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["id"].as_str().unwrap().to_owned()),
        );
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(forward, all);

    let mut backward: Vec<String> = Vec::new();
    let mut before = Value::Null;
    loop {
        let reply = app
            .gql(Some(&viewer), "query($b: String) { centres(last: 4, before: $b) { pageInfo { hasPreviousPage startCursor } edges { node { id } } } }", json!({ "b": before }))
            .await;
        let page = &reply.data()["centres"];
        let mut ids: Vec<String> = page["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
            .collect();
        ids.extend(backward);
        backward = ids;
        if page["pageInfo"]["hasPreviousPage"] != true {
            break;
        }
        before = page["pageInfo"]["startCursor"].clone();
    }
    assert_eq!(backward, all);
}

#[tokio::test]
async fn bad_paging_arguments_are_refused_with_a_code() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    let cursor = app
        .gql(
            Some(&viewer),
            "{ centres(first: 1) { pageInfo { endCursor } } }",
            json!({}),
        )
        .await
        .data()["centres"]["pageInfo"]["endCursor"]
        .clone();
    let cases = [
        (
            "another ordering",
            "query($c: String) { centres(first: 1, after: $c, orderBy: { field: COMMUNE }) { totalCount } }",
            json!({ "c": cursor }),
            "INVALID_CURSOR",
        ),
        (
            "another list",
            "query($c: String) { partners(first: 1, after: $c) { totalCount } }",
            json!({ "c": cursor }),
            "INVALID_CURSOR",
        ),
        (
            "garbage cursor",
            "{ centres(first: 1, after: \"garbage\") { totalCount } }",
            json!({}),
            "INVALID_CURSOR",
        ),
        (
            "page too large",
            "{ centres(first: 101) { totalCount } }",
            json!({}),
            "INVALID_ARGUMENT",
        ),
        (
            "first and last",
            "{ centres(first: 1, last: 1) { totalCount } }",
            json!({}),
            "INVALID_ARGUMENT",
        ),
        (
            "malformed filter id",
            "{ centres(filter: { territoryId: \"x\" }) { totalCount } }",
            json!({}),
            "INVALID_ARGUMENT",
        ),
    ];
    for (case, query, vars, code) in cases {
        let reply = app.gql(Some(&viewer), query, vars).await;
        assert_eq!(reply.codes(), [code], "{case}: {}", reply.body);
    }
}

#[tokio::test]
async fn territories_and_partners_round_trip() {
    let app = TestApp::spawn().await;
    let admin = app.token(Some("pas-de-calais"), &["federation-admin"]);
    let reply = app
        .gql(Some(&admin), r#"mutation { createTerritory(input: { name: "Audomarois", kind: EPCI, communes: ["Arques", "Saint-Omer"] }) { territory { id name communes version } userErrors { code } } }"#, json!({}))
        .await;
    let territory = reply.data()["createTerritory"]["territory"].clone();
    assert_eq!(territory["communes"], json!(["Arques", "Saint-Omer"]), "{}", reply.body);
    let duplicate = app.gql(Some(&admin), r#"mutation { createTerritory(input: { name: "AUDOMAROIS", kind: EPCI }) { territory { id } userErrors { field code } } }"#, json!({})).await;
    assert_eq!(
        user_errors(&duplicate.data()["createTerritory"]),
        [("input.name".to_owned(), "ALREADY_EXISTS".to_owned())]
    );
    let renamed = app
        .gql(Some(&admin), "mutation($id: ID!) { updateTerritory(input: { id: $id, version: 1, communes: [\"Arques\"] }) { territory { communes version } } }", json!({ "id": territory["id"] }))
        .await;
    assert_eq!(
        renamed.data()["updateTerritory"]["territory"],
        json!({ "communes": ["Arques"], "version": 2 })
    );

    let reply = app
        .gql(Some(&admin), r#"mutation { createPartner(input: { kind: EPCI, name: "Communauté d'agglomération du Pays de Saint-Omer", contacts: [{ name: "Politique de la ville", email: "pdv@ca-pso.fr", phone: "03 21 00 00 00" }] }) { partner { id kind contacts { name email phone } version } userErrors { code } } }"#, json!({}))
        .await;
    let partner = reply.data()["createPartner"]["partner"].clone();
    assert_eq!(partner["contacts"][0]["phone"], "03 21 00 00 00", "{}", reply.body);
    let archived = app
        .gql(
            Some(&admin),
            "mutation($id: ID!) { archivePartner(input: { id: $id, version: 1 }) { partner { archived } } }",
            json!({ "id": partner["id"] }),
        )
        .await;
    assert_eq!(archived.data()["archivePartner"]["partner"]["archived"], true);
}

#[tokio::test]
async fn a_national_admin_creates_a_federation_whose_tokens_then_work() {
    let app = TestApp::spawn().await;
    let national = app.token(None, &["national-admin"]);
    let reply = app
        .gql(Some(&national), r#"mutation { createFederation(input: { slug: "gironde", name: "Fédération des centres sociaux de Gironde", kind: DEPARTMENTAL, departements: ["33"] }) { federation { slug kind departements } userErrors { field code } } }"#, json!({}))
        .await;
    assert_eq!(
        reply.data()["createFederation"]["federation"],
        json!({ "slug": "gironde", "kind": "DEPARTMENTAL", "departements": ["33"] }),
        "{}",
        reply.body
    );
    let again = app
        .gql(Some(&national), r#"mutation { createFederation(input: { slug: "gironde", name: "Autre", kind: DEPARTMENTAL, departements: ["33"] }) { federation { slug } userErrors { field code } } }"#, json!({}))
        .await;
    assert_eq!(
        user_errors(&again.data()["createFederation"]),
        [("input.slug".to_owned(), "ALREADY_EXISTS".to_owned())],
        "{}",
        again.body
    );
    let invalid = app
        .gql(Some(&national), r#"mutation { createFederation(input: { slug: "Landes!", name: "Landes", kind: INTERDEPARTMENTAL, departements: ["40"] }) { federation { slug } userErrors { field code } } }"#, json!({}))
        .await;
    let fields: Vec<String> = user_errors(&invalid.data()["createFederation"])
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(fields, ["input.slug", "input.departements"], "{}", invalid.body);

    let gironde = app.token(Some("gironde"), &["federation-staff"]);
    let reply = app.gql(Some(&gironde), r#"mutation { createCentre(input: { kind: CENTRE_SOCIAL, name: "Centre social de Bègles", commune: "Bègles" }) { centre { federation { slug } } userErrors { code } } }"#, json!({})).await;
    assert_eq!(
        reply.data()["createCentre"]["centre"]["federation"]["slug"],
        "gironde",
        "{}",
        reply.body
    );
    assert_eq!(crate::support::centres(&app, &gironde).await.len(), 1);
}

/// Every entry of the audit log names an object that `node(id:)` finds: every audited kind is a node kind,
/// whichever kinds the federation has changed (its federation, territories, centres, partners, pacts, conventions).
#[tokio::test]
async fn every_audit_entry_s_entity_resolves_as_a_node() {
    let app = TestApp::spawn().await;
    let admin = app.token(Some("nord"), &["federation-admin"]);
    let log = app
        .gql(
            Some(&admin),
            "{ auditLog(first: 100) { totalCount edges { node { entityType entityId } } } }",
            json!({}),
        )
        .await;
    let entries = log.data()["auditLog"]["edges"].as_array().unwrap().clone();
    assert_eq!(
        entries.len() as i64,
        log.data()["auditLog"]["totalCount"].as_i64().unwrap(),
        "one page holds them all"
    );
    let mut kinds: Vec<&str> = entries
        .iter()
        .map(|e| e["node"]["entityType"].as_str().unwrap())
        .collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(
        kinds,
        [
            "Campaign",
            "Centre",
            "Convention",
            "Federation",
            "Pact",
            "Partner",
            "Territory"
        ],
        "{}",
        log.body
    );
    let ids: Vec<Value> = entries.iter().map(|e| e["node"]["entityId"].clone()).collect();
    let nodes = app
        .gql(
            Some(&admin),
            "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }",
            json!({ "ids": ids }),
        )
        .await;
    let found = nodes.data()["nodes"].as_array().unwrap();
    for (entry, node) in entries.iter().zip(found) {
        assert_eq!(
            node["id"], entry["node"]["entityId"],
            "{entry} did not resolve: {}",
            nodes.body
        );
        assert_eq!(node["__typename"], entry["node"]["entityType"]);
    }
}

/// An archived territory is no longer referenced: a centre cannot be placed in it (INVALID_STATE, nothing
/// written), while the centres it had keep it.
#[tokio::test]
async fn an_archived_territory_takes_no_new_centre() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let created = app
        .gql(
            Some(&staff),
            r#"mutation { createTerritory(input: { name: "Ostrevent", kind: COMMUNE_GROUP }) { territory { id version } } }"#,
            json!({}),
        )
        .await;
    let territory = created.data()["createTerritory"]["territory"].clone();
    let archived = app
        .gql(
            Some(&staff),
            "mutation($id: ID!) { archiveTerritory(input: { id: $id, version: 1 }) { userErrors { code } } }",
            json!({ "id": territory["id"] }),
        )
        .await;
    assert_eq!(
        archived.data()["archiveTerritory"]["userErrors"],
        json!([]),
        "{}",
        archived.body
    );
    let before = centre_count(&app, &staff).await;
    let reply = app
        .gql(
            Some(&staff),
            "mutation($t: ID!) { createCentre(input: { kind: EVS, name: \"EVS d'Aniche\", commune: \"Aniche\", territoryId: $t }) { centre { id } userErrors { field code } } }",
            json!({ "t": territory["id"] }),
        )
        .await;
    assert_eq!(
        user_errors(&reply.data()["createCentre"]),
        [("input.territoryId".to_owned(), "INVALID_STATE".to_owned())],
        "{}",
        reply.body
    );
    assert_eq!(centre_count(&app, &staff).await, before, "nothing was written");
}

/// An archived federation's tokens are refused at once, even by a replica that had just accepted them (its
/// look-up of the slug is not kept past a change); the federation can be neither archived again nor updated.
#[tokio::test]
async fn an_archived_federation_s_tokens_are_refused_at_once() {
    let app = TestApp::spawn().await;
    let national = app.token(None, &["national-admin"]);
    let staff = app.token(Some("moselle"), &["federation-staff"]);
    let before = app
        .gql(Some(&staff), "{ centres(first: 1) { totalCount } }", json!({}))
        .await;
    assert_eq!(before.status, 200, "{}", before.body);

    let found = app
        .gql(
            None,
            r#"{ federation(slug: "moselle") { id version archived } }"#,
            json!({}),
        )
        .await;
    let moselle = found.data()["federation"].clone();
    assert_eq!(moselle["archived"], false);
    let archive = "mutation($input: ArchiveInput!) { archiveFederation(input: $input) { federation { archived version } userErrors { field code } } }";
    let input = json!({ "input": { "id": moselle["id"], "version": moselle["version"] } });
    let denied = app.gql(Some(&staff), archive, input.clone()).await;
    assert_eq!(denied.codes(), ["FORBIDDEN"], "{}", denied.body);
    let archived = app.gql(Some(&national), archive, input.clone()).await;
    assert_eq!(
        archived.data()["archiveFederation"]["federation"]["archived"],
        true,
        "{}",
        archived.body
    );

    let after = app
        .gql(Some(&staff), "{ centres(first: 1) { totalCount } }", json!({}))
        .await;
    assert_eq!(after.status, 401, "{}", after.body);
    let listed = app.gql(None, "{ federations { slug } }", json!({})).await;
    assert!(
        !listed.body.to_string().contains("\"moselle\""),
        "an archived federation leaves the list: {}",
        listed.body
    );

    let version = archived.data()["archiveFederation"]["federation"]["version"].clone();
    let again = app
        .gql(
            Some(&national),
            archive,
            json!({ "input": { "id": moselle["id"], "version": version } }),
        )
        .await;
    assert_eq!(
        user_errors(&again.data()["archiveFederation"]),
        [("input.id".to_owned(), "INVALID_TRANSITION".to_owned())],
        "{}",
        again.body
    );
    let update = app
        .gql(
            Some(&national),
            "mutation($input: UpdateFederationInput!) { updateFederation(input: $input) { userErrors { field code } } }",
            json!({ "input": { "id": moselle["id"], "version": version, "name": "Renamed" } }),
        )
        .await;
    assert_eq!(
        user_errors(&update.data()["updateFederation"]),
        [("input.id".to_owned(), "INVALID_STATE".to_owned())],
        "{}",
        update.body
    );
}
