//! Pacts over HTTP: the demo Douaisis pact as a client reads it, the writes and their user errors, what other
//! federations and partners see, and the statements a tree and a page cost.

use serde_json::{Value, json};

use crate::support::{TestApp, token_with, user_errors};

const DOUAISIS: &str = "{ pacts(first: 5, filter: { year: 2015 }) { totalCount nodes { id title sequence status \
    predecessor { sequence status } territory { name } stakes \
    axes { title subtitle objectives { title } } \
    signatories { role signedOn party { __typename ... on Centre { name } ... on Partner { name } ... on Federation { slug } } } } } }";

#[tokio::test]
async fn the_demo_douaisis_pact_has_its_four_axes_in_order_and_thirteen_member_signatories() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    let reply = app.gql(Some(&viewer), DOUAISIS, json!({})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let pacts = reply.data()["pacts"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", reply.body));
    assert_eq!(pacts.len(), 1, "{}", reply.body);
    let pact = &pacts[0];
    assert_eq!(pact["sequence"], 2);
    assert_eq!(pact["status"], "EXPIRED", "signed for 2014-2017");
    assert_eq!(pact["predecessor"]["sequence"], 1);
    assert_eq!(pact["territory"]["name"], "Douaisis");
    assert_eq!(pact["stakes"], json!(["mobilité", "participation des habitants"]));
    let axes: Vec<&str> = pact["axes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        axes,
        [
            "Le territoire et ses habitants",
            "Les centres sociaux et le territoire",
            "Les pratiques professionnelles",
            "L'organisation collective"
        ]
    );
    assert_eq!(pact["axes"][3]["objectives"][0]["title"], "Savoir communiquer");
    let signatories = pact["signatories"].as_array().unwrap();
    let members: Vec<&Value> = signatories.iter().filter(|s| s["role"] == "MEMBER").collect();
    assert_eq!(members.len(), 13);
    assert!(members.iter().all(|m| m["party"]["__typename"] == "Centre"));
    assert!(
        members
            .iter()
            .any(|m| m["party"]["name"] == "Centre social Pablo-Picasso")
    );
    assert!(
        signatories
            .iter()
            .any(|s| s["role"] == "FEDERATION" && s["party"]["slug"] == "nord")
    );
    assert!(
        signatories
            .iter()
            .any(|s| s["role"] == "FUNDER" && s["party"]["name"] == "CAF du Nord")
    );

    // The same pact by id and through node(id:).
    let id = pact["id"].as_str().unwrap();
    let by_id = app
        .gql(
            Some(&viewer),
            "query($id: ID!) { pact(id: $id) { title } node(id: $id) { __typename ... on Pact { sequence } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(by_id.data()["pact"]["title"], pact["title"]);
    assert_eq!(by_id.data()["node"]["__typename"], "Pact");
}

const CREATE: &str = "mutation($input: CreatePactInput!) { createPact(input: $input) { \
    pact { id version status axes { id objectives { id } } } userErrors { field code message } } }";

fn content(centre: &str, title: &str) -> Value {
    json!({
        "kind": "CHARTE",
        "title": title,
        "startDate": "2026-01-01",
        "endDate": "2029-12-31",
        "values": ["solidarité"],
        "axes": [{ "title": "Gouvernance", "objectives": [{ "title": "Se réunir chaque trimestre",
            "criteria": [{ "label": "Réunions du conseil", "target": "4 par an" }] }] }],
        "signatories": [
            { "centreId": centre, "role": "MEMBER", "signerName": "Présidence" },
            { "federation": true, "role": "FEDERATION", "signerName": "Délégué fédéral" }
        ]
    })
}

async fn first_centre(app: &TestApp, token: &str) -> String {
    crate::support::centres(app, token).await[0].0.clone()
}

#[tokio::test]
async fn writes_answer_with_user_errors_at_their_paths_and_change_nothing() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let centre = first_centre(&app, &staff).await;

    // Every invalid field, with its path, and nothing written.
    let mut bad = content(&centre, " ");
    bad["endDate"] = json!("2025-01-01");
    bad["signatories"][0]["role"] = json!("FUNDER");
    bad["axes"][0]["objectives"][0]["criteria"][0]["label"] = json!("");
    let before = app.db.statement_count();
    let reply = app
        .gql(Some(&staff), CREATE, json!({ "input": { "content": bad } }))
        .await;
    let payload = &reply.data()["createPact"];
    assert!(payload["pact"].is_null(), "{}", reply.body);
    assert_eq!(
        user_errors(payload),
        [
            ("input.content.title".to_owned(), "VALIDATION".to_owned()),
            ("input.content.endDate".to_owned(), "VALIDATION".to_owned()),
            (
                "input.content.axes.0.objectives.0.criteria.0.label".to_owned(),
                "VALIDATION".to_owned()
            ),
            ("input.content.signatories.0.role".to_owned(), "VALIDATION".to_owned()),
        ]
    );
    assert!(app.db.statement_count() - before <= 1, "nothing reached the tables");

    // Another federation's centre is not found.
    let nord = app.token(Some("nord"), &["viewer"]);
    let theirs = first_centre(&app, &nord).await;
    let reply = app
        .gql(
            Some(&staff),
            CREATE,
            json!({ "input": { "content": content(&theirs, "Charte") } }),
        )
        .await;
    assert_eq!(
        user_errors(&reply.data()["createPact"]),
        [("input.content.signatories.0.party".to_owned(), "NOT_FOUND".to_owned())]
    );

    // A draft is created, cannot be signed at once, goes to consultation, cannot be signed unsigned.
    let reply = app
        .gql(
            Some(&staff),
            CREATE,
            json!({ "input": { "content": content(&centre, "Charte du Calaisis") } }),
        )
        .await;
    let pact = reply.data()["createPact"]["pact"].clone();
    assert_eq!(pact["status"], "DRAFT", "{}", reply.body);
    let step =
        |to: &'static str, version: &Value| json!({ "input": { "id": pact["id"], "version": version, "to": to } });
    const TRANSITION: &str = "mutation($input: TransitionPactInput!) { transitionPact(input: $input) { \
        pact { status version } userErrors { field code message } } }";
    let reply = app
        .gql(Some(&staff), TRANSITION, step("SIGNED", &pact["version"]))
        .await;
    assert_eq!(
        user_errors(&reply.data()["transitionPact"]),
        [("input.to".to_owned(), "INVALID_TRANSITION".to_owned())]
    );
    let reply = app
        .gql(Some(&staff), TRANSITION, step("CONSULTATION", &pact["version"]))
        .await;
    let consulted = reply.data()["transitionPact"]["pact"].clone();
    assert_eq!(consulted["status"], "CONSULTATION", "{}", reply.body);
    let reply = app
        .gql(Some(&staff), TRANSITION, step("SIGNED", &consulted["version"]))
        .await;
    let errors = &reply.data()["transitionPact"]["userErrors"];
    assert_eq!(errors[0]["code"], "INVALID_TRANSITION");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("2 signatories have not signed yet"),
        "{errors}"
    );

    // A viewer may not write.
    let viewer = app.token(Some("pas-de-calais"), &["viewer"]);
    let reply = app
        .gql(
            Some(&viewer),
            CREATE,
            json!({ "input": { "content": content(&centre, "Charte") } }),
        )
        .await;
    assert_eq!(reply.codes(), ["FORBIDDEN"]);
}

#[tokio::test]
async fn other_federations_and_partners_that_did_not_sign_see_nothing() {
    let app = TestApp::spawn().await;
    let nord = app.token(Some("nord"), &["viewer"]);
    let id = app.gql(Some(&nord), DOUAISIS, json!({})).await.data()["pacts"]["nodes"][0]["id"].clone();

    let calais = app.token(Some("pas-de-calais"), &["viewer"]);
    let reply = app
        .gql(
            Some(&calais),
            "query($id: ID!) { pacts { nodes { id title } } pact(id: $id) { id } node(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    let theirs: Vec<&Value> = reply.data()["pacts"]["nodes"].as_array().unwrap().iter().collect();
    assert!(theirs.iter().all(|p| p["id"] != id), "{}", reply.body);
    assert_eq!(
        theirs[0]["title"], "Charte de coopération du collectif des Centres Sociaux du Calaisis",
        "only their own charter"
    );
    assert_eq!(theirs.len(), 1);
    assert!(reply.data()["pact"].is_null() && reply.data()["node"].is_null());

    // A CAF integration signed both Douaisis pacts; a partner that signed none sees none.
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let partners = app
        .gql(Some(&staff), "{ partners(first: 10) { nodes { id name } } }", json!({}))
        .await;
    let caf = partners.data()["partners"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "CAF du Nord")
        .unwrap()["id"]
        .clone();
    let token = token_with(Some("nord"), &["partner"], json!({ "partner": caf }));
    let reply = app.gql(Some(&token), "{ pacts { totalCount } }", json!({})).await;
    assert_eq!(reply.data()["pacts"]["totalCount"], 2, "{}", reply.body);

    let created = app
        .gql(
            Some(&staff),
            r#"mutation { createPartner(input: { kind: ASSOCIATION, name: "Association des habitants de Dorignies" }) { partner { id } } }"#,
            json!({}),
        )
        .await;
    let stranger = created.data()["createPartner"]["partner"]["id"].clone();
    let token = token_with(Some("nord"), &["partner"], json!({ "partner": stranger }));
    let reply = app
        .gql(
            Some(&token),
            "query($id: ID!) { pacts { totalCount } pact(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(reply.data()["pacts"]["totalCount"], 0, "{}", reply.body);
    assert!(reply.data()["pact"].is_null());
}

#[tokio::test]
async fn a_page_of_pacts_with_their_trees_takes_as_many_statements_for_twenty_as_for_two() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let centre = first_centre(&app, &staff).await;
    // The newest first: the pacts this test writes, each with an action sheet serving its objective.
    const PAGE: &str = "query($n: Int) { pacts(first: $n, orderBy: { field: START, direction: DESC }) { nodes { \
        title status territory { name } axes { title objectives { title } } actions { title status } \
        signatories { role party { __typename ... on Centre { name } ... on Partner { name } } } } } }";
    // One pact's whole tree: axes → objectives → actions → roles and means.
    const TREE: &str = "query($id: ID!) { pact(id: $id) { title \
        axes { title objectives { title actions { title totals { pooled requested } \
            roles { role actor { __typename ... on Centre { name } ... on Federation { slug } } } \
            means { amount actor { __typename ... on Centre { name } } } } } } } }";
    let add = |i: usize, to: Option<String>| {
        let (app, staff, centre) = (&app, &staff, &centre);
        async move {
            let pact = match to {
                Some(pact) => pact,
                None => {
                    let reply = app
                        .gql(
                            Some(staff),
                            CREATE,
                            json!({ "input": { "content": content(centre, &format!("Charte n°{i}")) } }),
                        )
                        .await;
                    reply.data()["createPact"]["pact"]["id"].as_str().unwrap().to_owned()
                }
            };
            let objective = app
                .gql(
                    Some(staff),
                    "query($id: ID!) { pact(id: $id) { axes { objectives { id } } } }",
                    json!({ "id": pact }),
                )
                .await
                .data()["pact"]["axes"][0]["objectives"][0]["id"]
                .clone();
            let sheet = json!({
                "pactId": pact,
                "objectiveId": objective,
                "title": format!("Conseil trimestriel n°{i}"),
                "roles": [
                    { "actor": { "centreId": centre }, "role": "accueil" },
                    { "actor": { "federation": true }, "role": "animation" }
                ],
                "means": [{ "kind": "POOLED", "description": "Salle", "actor": { "centreId": centre }, "amount": "120.50" }]
            });
            let created = app
                .gql(
                    Some(staff),
                    "mutation($input: CreateActionSheetInput!) { createActionSheet(input: $input) { \
                     actionSheet { id } userErrors { field code message } } }",
                    json!({ "input": sheet }),
                )
                .await;
            assert!(
                created.data()["createActionSheet"]["actionSheet"]["id"].is_string(),
                "{}",
                created.body
            );
            pact
        }
    };
    let count = |query: &'static str, variables: Value| {
        let (app, staff) = (&app, &staff);
        async move {
            // Warm: the token and the federations are read once per replica.
            app.gql(Some(staff), query, variables.clone()).await;
            let before = app.db.statement_count();
            let reply = app.gql(Some(staff), query, variables).await;
            assert!(reply.body["errors"].is_null(), "{}", reply.body);
            (reply.data().clone(), app.db.statement_count() - before)
        }
    };
    let tree = add(0, None).await;
    add(1, None).await;
    let (two, few) = count(PAGE, json!({ "n": 2 })).await;
    assert_eq!(two["pacts"]["nodes"].as_array().unwrap().len(), 2);
    let (_, one_sheet) = count(TREE, json!({ "id": tree })).await;
    for i in 2..20 {
        add(i, None).await;
    }
    let (twenty, many) = count(PAGE, json!({ "n": 20 })).await;
    assert_eq!(twenty["pacts"]["nodes"].as_array().unwrap().len(), 20);
    assert_eq!(twenty["pacts"]["nodes"][19]["actions"][0]["status"], "PLANNED");
    assert_eq!(many, few, "20 pacts cost the statements of 2");
    // The page, the pacts whole (root and seven part tables), the territories, the centres, the partners, the
    // sheets (root and three part tables).
    assert!(many <= 16, "{many} statements");

    // One pact's tree with ten sheets costs what it cost with one.
    for i in 20..29 {
        add(i, Some(tree.clone())).await;
    }
    let (read, ten_sheets) = count(TREE, json!({ "id": tree })).await;
    let actions = read["pact"]["axes"][0]["objectives"][0]["actions"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(actions.len(), 10);
    assert!(actions.iter().all(|a| a["totals"]["pooled"] == "120.50"));
    assert!(actions.iter().all(|a| a["roles"][1]["actor"]["slug"] == "nord"));
    assert_eq!(ten_sheets, one_sheet, "ten sheets cost the statements of one");
    // The pact's row, the pact whole (root and seven part tables), the sheets (root and three), their totals,
    // the actors' centres; the federation is cached.
    assert!(ten_sheets <= 15, "{ten_sheets} statements");
}

#[tokio::test]
async fn the_demo_calaisis_charter_and_finistere_protocol_have_their_signatories() {
    let app = TestApp::spawn().await;
    const SIGNATORIES: &str = "{ pacts(first: 5) { nodes { kind title values \
        signatories { role party { ... on Centre { commune } ... on Partner { name } ... on Federation { slug } } } } } }";
    let calais = app.token(Some("pas-de-calais"), &["viewer"]);
    let reply = app.gql(Some(&calais), SIGNATORIES, json!({})).await;
    let charter = &reply.data()["pacts"]["nodes"][0];
    assert_eq!(charter["kind"], "CHARTE", "{}", reply.body);
    assert_eq!(
        charter["values"],
        json!([
            "participation des habitants",
            "dignité humaine",
            "solidarité",
            "démocratie"
        ])
    );
    let signatories = charter["signatories"].as_array().unwrap();
    assert_eq!(signatories.len(), 5, "four centres and the federation");
    let mut communes: Vec<&str> = signatories
        .iter()
        .filter(|s| s["role"] == "MEMBER")
        .map(|s| s["party"]["commune"].as_str().unwrap())
        .collect();
    communes.sort();
    assert_eq!(communes, ["Calais", "Calais", "Marck", "Sangatte"]);

    let finistere = app.token(Some("finistere"), &["viewer"]);
    let reply = app.gql(Some(&finistere), SIGNATORIES, json!({})).await;
    let protocol = &reply.data()["pacts"]["nodes"][0];
    assert_eq!(protocol["kind"], "PROTOCOLE", "{}", reply.body);
    let funders: Vec<&str> = protocol["signatories"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["role"] == "FUNDER")
        .map(|s| s["party"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(funders, ["CAF du Finistère", "Conseil Général du Finistère"]);
}

/// The printable summary of the Douaisis pact, printed to PDF and PNG in headless Chromium: it shows the four
/// axes and the thirteen member centres with their signature dates. The pictures stay in
/// `target/pact-summary.{pdf,png}` to be looked at.
#[tokio::test]
async fn the_douaisis_summary_prints_its_axes_and_thirteen_members() {
    let dir = crate::support::node_clients().await;
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    let id = app.gql(Some(&viewer), DOUAISIS, json!({})).await.data()["pacts"]["nodes"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let url = format!("{}/pacts/{id}/summary.html", app.address);

    // Without a token, or with another federation's, there is nothing to print.
    let anonymous = app.client.get(&url).send().await.unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);
    let other = app.token(Some("pas-de-calais"), &["viewer"]);
    let foreign = app.client.get(&url).bearer_auth(&other).send().await.unwrap();
    assert_eq!(foreign.status().as_u16(), 404);

    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/pact-summary");
    let output = tokio::process::Command::new("node")
        .arg(format!("{dir}/print.mjs"))
        .args([&url, &viewer, out])
        .output()
        .await
        .expect("node drives the browser");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|_| panic!("{stdout}\n{}", String::from_utf8_lossy(&output.stderr)));
    assert_eq!(report["status"], 200, "{report}");
    assert_eq!(report["blocked"], json!([]));
    let text = report["text"].as_str().unwrap();
    for axis in [
        "Le territoire et ses habitants",
        "Les centres sociaux et le territoire",
        "Les pratiques professionnelles",
        "L'organisation collective",
    ] {
        assert!(text.contains(axis), "{axis} missing from:\n{text}");
    }
    assert!(text.contains("Signataires (17)"), "{text}");
    let members = text.lines().filter(|l| l.contains("Membre")).count();
    assert_eq!(members, 13, "{text}");
    assert!(text.contains("Centre social Pablo-Picasso (AUBY)"), "{text}");
    assert!(text.contains("01/01/2014"), "signature dates shown");
    assert!(text.contains("du 01/01/2014 au 31/12/2017 · échu"), "{text}");
    let pdf = std::fs::metadata(format!("{out}.pdf")).unwrap();
    assert!(pdf.len() > 1000, "a PDF was printed");
}

#[tokio::test]
async fn the_readme_query_of_a_pact_tree_runs_within_the_limits() {
    let readme = include_str!("../../README.md");
    let section = &readme[readme.find("## Pacts").expect("a Pacts section")..];
    let start = section.find("```graphql\n").expect("an example") + "```graphql\n".len();
    let query = &section[start..start + section[start..].find("```").unwrap()];
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("pas-de-calais"), &["viewer"]);
    let reply = app.gql(Some(&viewer), query, json!({})).await;
    assert!(reply.body["errors"].is_null(), "{}", reply.body);
    let charter = &reply.data()["pacts"]["nodes"][0];
    let actions = &charter["axes"][0]["objectives"][3]["actions"];
    assert_eq!(
        actions[0]["title"], "Voyage en Angleterre pour des jeunes",
        "{}",
        reply.body
    );
    // The demo's invented amounts: 1200.00 and 850.50 pooled, nothing requested, 2400.00 of its own.
    assert_eq!(
        actions[0]["totals"],
        json!({ "pooled": "2050.50", "requested": "0.00", "own": "2400.00" })
    );
}
