//! Action sheets over HTTP: one written under the demo Douaisis pact and read in its tree with totals the
//! database summed, its steps and user errors, a centre's actions and pacts, and what other federations and
//! partners see of it.

use serde_json::{Value, json};

use crate::support::{TestApp, centres, token_with, user_errors};

const SHEET_FIELDS: &str = "id version title status startDate endDate \
    lead { __typename ... on Centre { name } } \
    roles { role actor { __typename ... on Centre { name } ... on Federation { slug } } } \
    objectives means { kind description amount actor { __typename ... on Centre { name } ... on Partner { name } } } \
    totals { pooled requested own }";

fn create_query() -> String {
    format!(
        "mutation($input: CreateActionSheetInput!) {{ createActionSheet(input: $input) {{ \
         actionSheet {{ {SHEET_FIELDS} }} userErrors {{ field code message }} }} }}"
    )
}

const TRANSITION: &str = "mutation($input: TransitionActionSheetInput!) { transitionActionSheet(input: $input) { \
    actionSheet { status version } userErrors { field code message } } }";

/// The demo Douaisis pact's id and the ids of its objectives, axis by axis.
async fn douaisis(app: &TestApp, token: &str) -> (String, Vec<Vec<String>>) {
    let reply = app
        .gql(
            Some(token),
            "{ pacts(first: 5, filter: { year: 2015 }) { nodes { id axes { objectives { id } } } } }",
            json!({}),
        )
        .await;
    let pact = &reply.data()["pacts"]["nodes"][0];
    let objectives = pact["axes"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", reply.body))
        .iter()
        .map(|a| {
            a["objectives"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].as_str().unwrap().to_owned())
                .collect()
        })
        .collect();
    (pact["id"].as_str().unwrap().to_owned(), objectives)
}

async fn partner_named(app: &TestApp, token: &str, name: &str) -> String {
    let reply = app
        .gql(Some(token), "{ partners(first: 100) { nodes { id name } } }", json!({}))
        .await;
    reply.data()["partners"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", reply.body))
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no partner {name}: {}", reply.body))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// "Se déplacer dans le Douaisis", serving the pact's mobility objective.
fn mobility(pact: &str, objective: &str, centres: &[(String, String)], caf: &str) -> Value {
    json!({
        "pactId": pact,
        "objectiveId": objective,
        "title": "Se déplacer dans le Douaisis",
        "startDate": "2015-01-05",
        "endDate": "2015-12-18",
        "lead": { "centreId": centres[0].0 },
        "roles": [
            { "actor": { "centreId": centres[0].0 }, "role": "porteur de l'action" },
            { "actor": { "federation": true }, "role": "accompagnement méthodologique" }
        ],
        "objectives": ["Recenser les freins à la mobilité"],
        "means": [
            { "kind": "POOLED", "description": "Temps d'animation", "actor": { "centreId": centres[0].0 }, "amount": "1250.40" },
            { "kind": "POOLED", "description": "Minibus", "actor": { "centreId": centres[1].0 }, "amount": "749.65" },
            { "kind": "REQUESTED", "description": "Étude de mobilité", "actor": { "partnerId": caf }, "amount": "4000" },
            { "kind": "OWN", "description": "Salle de réunion", "actor": { "federation": true } }
        ]
    })
}

#[tokio::test]
async fn a_sheet_is_written_under_the_douaisis_pact_and_read_in_its_tree_with_exact_totals() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let (pact, objectives) = douaisis(&app, &staff).await;
    let centres = centres(&app, &staff).await;
    let caf = partner_named(&app, &staff, "CAF du Nord").await;

    let reply = app
        .gql(
            Some(&staff),
            &create_query(),
            json!({ "input": mobility(&pact, &objectives[0][1], &centres, &caf) }),
        )
        .await;
    let payload = &reply.data()["createActionSheet"];
    assert_eq!(user_errors(payload), [], "{}", reply.body);
    let sheet = &payload["actionSheet"];
    assert_eq!(sheet["status"], "PLANNED");
    assert_eq!(sheet["lead"]["name"], centres[0].1);
    assert_eq!(sheet["roles"][1]["actor"]["slug"], "nord");
    assert_eq!(sheet["means"][2]["actor"]["name"], "CAF du Nord");
    assert_eq!(sheet["means"][2]["amount"], "4000.00");
    assert!(sheet["means"][3]["amount"].is_null());
    // 1250.40 + 749.65 pooled; 4000 requested; the federation's own room has no amount.
    assert_eq!(
        sheet["totals"],
        json!({ "pooled": "2000.05", "requested": "4000.00", "own": "0.00" })
    );
    let id = sheet["id"].as_str().unwrap().to_owned();

    // The pact's tree: axes → objectives → actions → roles and means.
    let tree = app
        .gql(
            Some(&staff),
            "query($id: ID!) { pact(id: $id) { actions { title } axes { objectives { title actions { title \
             roles { role } means { kind amount } totals { pooled requested } } } } } }",
            json!({ "id": pact }),
        )
        .await;
    let axes = &tree.data()["pact"]["axes"];
    assert!(tree.body["errors"].is_null(), "{}", tree.body);
    assert_eq!(
        axes[0]["objectives"][1]["title"],
        "Deux grands enjeux : la mobilité et la participation des habitants"
    );
    let served = &axes[0]["objectives"][1]["actions"];
    assert_eq!(served[0]["title"], "Se déplacer dans le Douaisis", "{}", tree.body);
    assert_eq!(served[0]["roles"][0]["role"], "porteur de l'action");
    assert_eq!(served[0]["totals"]["pooled"], "2000.05");
    assert_eq!(
        axes[0]["objectives"][0]["actions"],
        json!([]),
        "another objective's sheets"
    );
    assert_eq!(
        tree.data()["pact"]["actions"][0]["title"],
        "Se déplacer dans le Douaisis"
    );

    // A centre's actions and pacts.
    let centre = app
        .gql(
            Some(&staff),
            "query($id: ID!) { node(id: $id) { ... on Centre { pacts { totalCount nodes { sequence } } \
             actions { totalCount nodes { title objective { title } pact { sequence } } } } } }",
            json!({ "id": centres[1].0 }),
        )
        .await;
    let node = &centre.data()["node"];
    assert_eq!(node["actions"]["totalCount"], 1, "{}", centre.body);
    assert_eq!(node["actions"]["nodes"][0]["pact"]["sequence"], 2);
    assert_eq!(
        node["actions"]["nodes"][0]["objective"]["title"],
        "Deux grands enjeux : la mobilité et la participation des habitants"
    );
    assert_eq!(
        node["pacts"]["totalCount"], 2,
        "the Douaisis pacts 2010 and 2014: {}",
        centre.body
    );

    // The printable summary the federation hands its partners lists the sheet, its roles, means and totals.
    let summary = app
        .client
        .get(format!("{}/pacts/{pact}/summary.html", app.address))
        .bearer_auth(&staff)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for expected in [
        "Fiches action (1)",
        "<h3>Se déplacer dans le Douaisis</h3>",
        "prévue · du 05/01/2015 au 18/12/2015",
        "accompagnement méthodologique",
        "<td>Étude de mobilité</td><td>sollicité</td><td>CAF du Nord</td><td>4000,00 €</td>",
        "Total mutualisé : 2000,05 € · total sollicité : 4000,00 €",
    ] {
        assert!(summary.contains(expected), "{expected} missing from:\n{summary}");
    }

    // Steps: PLANNED → DONE is refused; IN_PROGRESS then DONE, then no edit.
    let step = |to: &str, version: i64| {
        let (app, staff, id) = (&app, &staff, &id);
        let to = to.to_owned();
        async move {
            app.gql(
                Some(staff),
                TRANSITION,
                json!({ "input": { "id": id, "version": version, "to": to } }),
            )
            .await
        }
    };
    let refused = step("DONE", 1).await;
    assert_eq!(
        user_errors(&refused.data()["transitionActionSheet"]),
        [("input.to".to_owned(), "INVALID_TRANSITION".to_owned())]
    );
    let started = step("IN_PROGRESS", 1).await;
    assert_eq!(
        started.data()["transitionActionSheet"]["actionSheet"]["status"],
        "IN_PROGRESS"
    );
    let stale = step("DONE", 1).await;
    assert_eq!(
        user_errors(&stale.data()["transitionActionSheet"]),
        [("input.version".to_owned(), "CONFLICT".to_owned())]
    );
    let done = step("DONE", 2).await;
    assert_eq!(done.data()["transitionActionSheet"]["actionSheet"]["status"], "DONE");
    let mut edit = mobility(&pact, &objectives[0][1], &centres, &caf);
    edit.as_object_mut().unwrap().remove("pactId");
    edit["id"] = json!(id);
    edit["version"] = json!(3);
    let frozen = app
        .gql(
            Some(&staff),
            "mutation($input: UpdateActionSheetInput!) { updateActionSheet(input: $input) { \
             actionSheet { id } userErrors { field code } } }",
            json!({ "input": edit }),
        )
        .await;
    assert_eq!(
        user_errors(&frozen.data()["updateActionSheet"]),
        [("input.id".to_owned(), "INVALID_STATE".to_owned())]
    );
}

#[tokio::test]
async fn bad_references_are_user_errors_and_other_federations_and_partners_see_nothing() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let (pact, objectives) = douaisis(&app, &staff).await;
    let centres = centres(&app, &staff).await;
    let caf = partner_named(&app, &staff, "CAF du Nord").await;

    // Another federation's centre, an objective id that is not the pact's, a party named twice.
    let calais = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let their_centre = crate::support::centres(&app, &calais).await[0].0.clone();
    let mut bad = mobility(&pact, &uuid_like(), &centres, &caf);
    bad["roles"][0]["actor"] = json!({ "centreId": their_centre });
    bad["means"][0]["actor"] = json!({ "centreId": centres[0].0, "federation": true });
    let reply = app.gql(Some(&staff), &create_query(), json!({ "input": bad })).await;
    assert_eq!(
        user_errors(&reply.data()["createActionSheet"]),
        [("input.means.0.actor".to_owned(), "VALIDATION".to_owned())],
        "ids that name nothing are refused before the database: {}",
        reply.body
    );
    bad["means"][0]["actor"] = json!({ "centreId": centres[0].0 });
    let reply = app.gql(Some(&staff), &create_query(), json!({ "input": bad })).await;
    assert_eq!(
        user_errors(&reply.data()["createActionSheet"]),
        [
            ("input.objectiveId".to_owned(), "NOT_FOUND".to_owned()),
            ("input.roles.0.actor".to_owned(), "NOT_FOUND".to_owned()),
        ],
        "{}",
        reply.body
    );

    let created = app
        .gql(
            Some(&staff),
            &create_query(),
            json!({ "input": mobility(&pact, &objectives[0][1], &centres, &caf) }),
        )
        .await;
    let id = created.data()["createActionSheet"]["actionSheet"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{}", created.body))
        .to_owned();
    const READ: &str = "query($id: ID!) { node(id: $id) { ... on ActionSheet { title means { amount } } } }";

    // The CAF du Nord signed the Douaisis pact: its integration reads the sheet.
    let signer = token_with(Some("nord"), &["partner"], json!({ "partner": caf }));
    let read = app.gql(Some(&signer), READ, json!({ "id": id })).await;
    assert_eq!(
        read.data()["node"]["title"],
        "Se déplacer dans le Douaisis",
        "{}",
        read.body
    );
    // A partner that signed nothing, and another federation, see null.
    let created = app
        .gql(
            Some(&staff),
            r#"mutation { createPartner(input: { kind: ASSOCIATION, name: "Association des habitants de Dorignies" }) { partner { id } } }"#,
            json!({}),
        )
        .await;
    let stranger = created.data()["createPartner"]["partner"]["id"].clone();
    let outsider = token_with(Some("nord"), &["partner"], json!({ "partner": stranger }));
    assert!(app.gql(Some(&outsider), READ, json!({ "id": id })).await.data()["node"].is_null());
    assert!(app.gql(Some(&calais), READ, json!({ "id": id })).await.data()["node"].is_null());
    let theirs = app
        .gql(
            Some(&calais),
            TRANSITION,
            json!({ "input": { "id": id, "version": 1, "to": "CANCELLED" } }),
        )
        .await;
    assert_eq!(
        user_errors(&theirs.data()["transitionActionSheet"]),
        [("input.id".to_owned(), "NOT_FOUND".to_owned())]
    );
    // A partner token does not write.
    let write = app
        .gql(
            Some(&signer),
            TRANSITION,
            json!({ "input": { "id": id, "version": 1, "to": "CANCELLED" } }),
        )
        .await;
    assert_eq!(write.codes(), ["FORBIDDEN"], "{}", write.body);
}

/// A well-formed id that names no objective.
fn uuid_like() -> String {
    "00000000-0000-4000-8000-000000000000".to_owned()
}
