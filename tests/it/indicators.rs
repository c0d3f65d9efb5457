//! Indicators over HTTP: the national catalogue as a dashboard reads it, and aggregates of values written for
//! the test, checked against the arithmetic done here: a share is a ratio of sums, a missing value lowers
//! coverage, the change is from the year before; and what other federations and partners get.

// Values are written in hundredths grouped as units and cents (`1_800_000_00` is 1,800,000.00).
#![allow(clippy::inconsistent_digit_grouping)]

use pactes_domain::directory::FederationRepository;
use pactes_domain::indicators::{
    CampaignContent, CampaignStatus, CentreValue, IndicatorCode, IndicatorRepository, Quantity,
};
use pactes_domain::{Actor, CentreId};
use serde_json::json;

use crate::support::{TestApp, centres, token_with};

fn value(centre: &str, code: &str, year: i32, hundredths: i64) -> CentreValue {
    let id = pactes_api::claim_id(centre, "Centre").expect("a centre id");
    CentreValue {
        centre: CentreId::from_uuid(id),
        code: IndicatorCode::parse(code).unwrap(),
        year,
        value: Quantity::from_hundredths(hundredths),
    }
}

#[tokio::test]
async fn the_catalogue_is_the_national_core() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    let reply = app
        .gql(
            Some(&viewer),
            "{ indicators { code unit kind rule inputs min max core labelFr } }",
            json!({}),
        )
        .await;
    let list = reply.data()["indicators"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", reply.body));
    assert_eq!(list.len(), 57);
    let share = list.iter().find(|i| i["code"] == "FIN_SH_CAF").unwrap();
    assert_eq!(
        share,
        &json!({ "code": "FIN_SH_CAF", "unit": "PERCENT", "kind": "DERIVED", "rule": "RATIO",
                 "inputs": ["FIN_CAF_TOTAL", "FIN_INC"], "min": null, "max": null, "core": true,
                 "labelFr": "Part des financements Caf" })
    );
    let board = list.iter().find(|i| i["code"] == "GOV_BOARD").unwrap();
    assert_eq!((&board["min"], &board["max"]), (&json!("0"), &json!("200")));
}

#[tokio::test]
async fn aggregates_follow_the_rules_with_coverage_and_the_change_from_the_year_before() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    let list = centres(&app, &viewer).await;
    let (a, b, c) = (&list[0].0, &list[1].0, &list[2].0);
    let nord = app.db.federation_by_slug_public("nord").await.unwrap().unwrap().id;
    // 2022: A and B report their CAF funding and income; C only its income (it is left out of the share). The
    // federation's share is (400,000 + 50,000 + 100,000 + 50,000) / (1,800,000 + 300,000) = 28.57 %, not the
    // 37.5 % the mean of A's 25 % and B's 50 % would be. 2021: the same income, 25 % of it from the CAF at both.
    let values = vec![
        value(a, "FIN_CAF_PS", 2022, 400_000_00),
        value(a, "FIN_CAF_LOC", 2022, 50_000_00),
        value(a, "FIN_INC", 2022, 1_800_000_00),
        value(b, "FIN_CAF_PS", 2022, 100_000_00),
        value(b, "FIN_CAF_LOC", 2022, 50_000_00),
        value(b, "FIN_INC", 2022, 300_000_00),
        value(c, "FIN_INC", 2022, 700_000_00),
        value(a, "FIN_CAF_PS", 2021, 450_000_00),
        value(a, "FIN_CAF_LOC", 2021, 0),
        value(a, "FIN_INC", 2021, 1_800_000_00),
        value(b, "FIN_CAF_PS", 2021, 75_000_00),
        value(b, "FIN_CAF_LOC", 2021, 0),
        value(b, "FIN_INC", 2021, 300_000_00),
        value(a, "TER_QPV", 2022, 100),
        value(b, "TER_QPV", 2022, 0),
        value(c, "TER_QPV", 2022, 100),
        value(a, "HR_FTE", 2022, 12_50),
        value(b, "HR_FTE", 2022, 7_25),
    ];
    let catalogue = app.db.catalogue(&pactes_domain::Scope::Federation(nord)).await.unwrap();
    for year in [2021, 2022] {
        let content = CampaignContent::collecting(year, &catalogue, false);
        let campaign = app
            .db
            .create_campaign(nord, &Actor::system("test"), content)
            .await
            .unwrap();
        app.db
            .transition_campaign(nord, &Actor::system("test"), campaign.id, 1, CampaignStatus::Open)
            .await
            .unwrap();
    }
    app.db
        .import_values(nord, &Actor::system("test"), values)
        .await
        .unwrap();
    const QUERY: &str = "query($codes: [String!]!) { indicatorAggregates(codes: $codes, years: [2022]) { \
        code year value reporting expected change } }";
    let reply = app
        .gql(
            Some(&viewer),
            QUERY,
            json!({ "codes": ["FIN_SH_CAF", "FIN_CAF_TOTAL", "FIN_INC_AVG", "TER_QPV", "HR_FTE", "HR_FTE_AVG", "VOL_HOURS"] }),
        )
        .await;
    let rows = reply.data()["indicatorAggregates"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", reply.body));
    let row = |code: &str| {
        rows.iter()
            .find(|r| r["code"] == code)
            .unwrap_or_else(|| panic!("{code}"))
    };
    let expected = list.len() as i64;
    assert_eq!(
        row("FIN_SH_CAF"),
        &json!({ "code": "FIN_SH_CAF", "year": 2022, "value": "28.57", "reporting": 2, "expected": expected,
                 "change": "3.57" })
    );
    assert_eq!(row("FIN_CAF_TOTAL")["value"], "600000.00");
    // (1,800,000 + 300,000 + 700,000) / 3.
    assert_eq!(row("FIN_INC_AVG")["value"], "933333.33");
    assert_eq!(row("FIN_INC_AVG")["reporting"], 3);
    assert_eq!(row("TER_QPV")["value"], "66.67");
    assert_eq!(row("HR_FTE")["value"], "19.75");
    assert_eq!(row("HR_FTE_AVG")["value"], "9.88", "19.75 / 2, rounded half up");
    assert_eq!(
        row("VOL_HOURS")["value"],
        json!(null),
        "nobody reported: no value, not zero"
    );
    assert_eq!(row("VOL_HOURS")["reporting"], 0);

    // Another federation sees its own centres only; a partner has nothing to read yet; a bad code is refused.
    let calais = app.token(Some("pas-de-calais"), &["viewer"]);
    let theirs = app
        .gql(Some(&calais), QUERY, json!({ "codes": ["FIN_CAF_TOTAL"] }))
        .await;
    let theirs = &theirs.data()["indicatorAggregates"][0];
    assert_eq!(theirs["expected"], 4, "{theirs}");
    assert_ne!(theirs["value"], "600000.00");
    let caf = app
        .gql(Some(&viewer), "{ partners(first: 1) { nodes { id } } }", json!({}))
        .await
        .data()["partners"]["nodes"][0]["id"]
        .clone();
    let partner = token_with(Some("nord"), &["partner"], json!({ "partner": caf }));
    let unpublished = app.gql(Some(&partner), QUERY, json!({ "codes": ["FIN_SH_CAF"] })).await;
    assert_eq!(
        unpublished.data()["indicatorAggregates"],
        json!([]),
        "2022 is still being collected: {}",
        unpublished.body
    );
    // The values as a spreadsheet: the federation's centres only, each value in its unit; a partner gets 403.
    let url = format!("{}/export/indicators.csv", app.address);
    let fetch = |token: String| {
        let (app, url) = (&app, &url);
        async move {
            let reply = app
                .client
                .get(url)
                .query(&[("year", "2022"), ("codes", "FIN_INC,TER_QPV")])
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            (reply.status().as_u16(), reply.text().await.unwrap())
        }
    };
    let (status, text) = fetch(viewer.clone()).await;
    assert_eq!(status, 200, "{text}");
    let mut rows: Vec<Vec<String>> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    rows.sort();
    let mut expected = vec![
        vec![
            a.clone(),
            list[0].1.clone(),
            "FIN_INC".into(),
            "2022".into(),
            "1800000.00".into(),
        ],
        vec![
            a.clone(),
            list[0].1.clone(),
            "TER_QPV".into(),
            "2022".into(),
            "true".into(),
        ],
        vec![
            b.clone(),
            list[1].1.clone(),
            "FIN_INC".into(),
            "2022".into(),
            "300000.00".into(),
        ],
        vec![
            b.clone(),
            list[1].1.clone(),
            "TER_QPV".into(),
            "2022".into(),
            "false".into(),
        ],
        vec![
            c.clone(),
            list[2].1.clone(),
            "FIN_INC".into(),
            "2022".into(),
            "700000.00".into(),
        ],
        vec![
            c.clone(),
            list[2].1.clone(),
            "TER_QPV".into(),
            "2022".into(),
            "true".into(),
        ],
    ];
    expected.sort();
    assert_eq!(rows, expected);
    assert_eq!(fetch(partner.clone()).await.0, 403);
    let (_, theirs) = fetch(calais.clone()).await;
    assert_eq!(
        theirs.lines().count(),
        1,
        "a header and none of the Nord's values: {theirs}"
    );
    let unknown = app
        .gql(Some(&viewer), QUERY, json!({ "codes": ["NOT_AN_INDICATOR"] }))
        .await;
    assert_eq!(unknown.codes(), ["INVALID_ARGUMENT"], "{}", unknown.body);

    // Each centre's series, placed among the federation's centres. In 2022 A's own share is 450,000 / 1,800,000
    // = 25 %, B's 150,000 / 300,000 = 50 %, C reported no CAF funding (no value, no place); the two values give a
    // first quartile and median of 25 % and a third quartile of 50 % (nearest rank): A sits in the first quarter,
    // B in the third. In 2021 both had 25 %.
    const SERIES: &str = "query($id: ID!) { node(id: $id) { ... on Centre { indicatorSeries(codes: [\"FIN_SH_CAF\"], \
        fromYear: 2021, toYear: 2022) { code year value peers firstQuartile median thirdQuartile quartile } } } }";
    let series = |token: String, id: String| {
        let app = &app;
        async move { app.gql(Some(&token), SERIES, json!({ "id": id })).await }
    };
    let point = |year: i32, value: Option<&str>, quartile: Option<u8>, q: [&str; 3]| {
        json!({ "code": "FIN_SH_CAF", "year": year, "value": value, "peers": 2, "firstQuartile": q[0],
                "median": q[1], "thirdQuartile": q[2], "quartile": quartile })
    };
    let (year_2021, year_2022) = (["25.00", "25.00", "25.00"], ["25.00", "25.00", "50.00"]);
    for (centre, expected) in [
        (
            a,
            [
                point(2021, Some("25.00"), Some(1), year_2021),
                point(2022, Some("25.00"), Some(1), year_2022),
            ],
        ),
        (
            b,
            [
                point(2021, Some("25.00"), Some(1), year_2021),
                point(2022, Some("50.00"), Some(3), year_2022),
            ],
        ),
        (
            c,
            [point(2021, None, None, year_2021), point(2022, None, None, year_2022)],
        ),
    ] {
        let reply = series(viewer.clone(), centre.clone()).await;
        assert_eq!(
            reply.data()["node"]["indicatorSeries"],
            json!(expected),
            "{}",
            reply.body
        );
    }
    // A page of centres with their series reads the federation's figures once, however many centres it shows.
    let page = |first: usize| {
        let (app, viewer) = (&app, &viewer);
        async move {
            let query = format!(
                "{{ centres(first: {first}) {{ nodes {{ name indicatorSeries(codes: [\"FIN_SH_CAF\", \"HR_FTE\"], \
                 fromYear: 2021, toYear: 2022) {{ value quartile }} }} }} }}"
            );
            let before = app.db.statement_count();
            let reply = app.gql(Some(viewer), &query, json!({})).await;
            let nodes = reply.data()["centres"]["nodes"]
                .as_array()
                .unwrap_or_else(|| panic!("{}", reply.body))
                .len();
            (nodes, app.db.statement_count() - before)
        }
    };
    let (two, few) = page(2).await;
    let (all, many) = page(list.len()).await;
    assert_eq!((two, all), (2, list.len()));
    assert_eq!(few, many, "statements do not grow with the centres shown");
    let refused = series(partner.clone(), a.clone()).await;
    assert_eq!(refused.codes(), ["FORBIDDEN"], "{}", refused.body);
    assert_eq!(series(calais.clone(), a.clone()).await.data()["node"], json!(null));

    // Published, the 2022 figures read the same for the partner as for the federation; a centre's are refused.
    let staff = app.token(Some("nord"), &["federation-admin"]);
    publish(&app, nord, 2022).await;
    // Published, the partner reads what the federation reads of a group where enough centres reported (three
    // answered TER_QPV); the CAF share, which two centres reported, is withheld from it (statistical disclosure
    // control: at least three, by default), its counts kept.
    let codes = json!({ "codes": ["FIN_SH_CAF", "TER_QPV"] });
    let theirs = app.gql(Some(&partner), QUERY, codes.clone()).await;
    let ours = app.gql(Some(&staff), QUERY, codes).await;
    let mut ours = ours.data()["indicatorAggregates"].clone();
    assert_eq!(ours[0]["value"], "28.57");
    assert_eq!(ours[0]["reporting"], 2);
    // The change is from 2021, which is not published: the partner does not get it.
    assert_eq!(ours[0]["change"], "3.57");
    for row in ours.as_array_mut().unwrap() {
        row["change"] = json!(null);
    }
    ours[0]["value"] = json!(null);
    assert_eq!(theirs.data()["indicatorAggregates"], ours, "{}", theirs.body);
    let withheld = app
        .gql(
            Some(&partner),
            "{ indicatorAggregates(codes: [\"FIN_SH_CAF\", \"TER_QPV\"], years: [2022]) { code withheld } }",
            json!({}),
        )
        .await;
    assert_eq!(
        withheld.data()["indicatorAggregates"],
        json!([{ "code": "FIN_SH_CAF", "withheld": true }, { "code": "TER_QPV", "withheld": false }])
    );
    let one = app
        .gql(
            Some(&partner),
            "query($id: ID!) { indicatorAggregates(codes: [\"FIN_INC\"], years: [2022], filter: { centreId: $id }) { value } }",
            json!({ "id": a }),
        )
        .await;
    assert_eq!(one.codes(), ["FORBIDDEN"], "{}", one.body);
}

#[tokio::test]
async fn the_readme_dashboard_query_runs_on_the_demo() {
    let readme = include_str!("../../README.md");
    let section = &readme[readme.find("## Indicators").expect("an Indicators section")..];
    let start = section.find("```graphql\n").expect("an example") + "```graphql\n".len();
    let query = &section[start..start + section[start..].find("```").unwrap()];
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    let reply = app.gql(Some(&viewer), query, json!({})).await;
    let rows = reply.data()["indicatorAggregates"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", reply.body));
    assert_eq!(rows.len(), 5, "one territory, five indicators: {}", reply.body);
    for row in rows {
        assert_eq!(row["territory"]["name"], "Douaisis");
        assert_eq!(row["expected"], 13);
        assert!(row["value"].is_string(), "the demo's generated 2024 values: {row}");
        assert!(row["change"].is_null(), "no 2023 values in the demo");
    }
}

#[tokio::test]
async fn a_campaign_is_opened_filled_in_by_a_centre_and_reviewed_by_staff() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let list = centres(&app, &staff).await;
    let (a, b) = (&list[0].0, &list[1].0);
    let manager = token_with(
        Some("nord"),
        &["centre-manager"],
        json!({ "centres": [pactes_api::claim_id(a, "Centre").unwrap()] }),
    );
    let created = app
        .gql(
            Some(&staff),
            "mutation { createCampaign(input: { year: 2019, indicators: [\"GOV_BOARD\", \"HR_FTE\"], \
             opensOn: \"2020-01-15\", closesOn: \"2020-04-30\" }) { campaign { id version status } userErrors { field code } } }",
            json!({}),
        )
        .await;
    let campaign = created.data()["createCampaign"]["campaign"].clone();
    let id = campaign["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{}", created.body))
        .to_owned();
    const SET: &str = "mutation($input: SetIndicatorValuesInput!) { setIndicatorValues(input: $input) { written userErrors { field code message } } }";
    let set = |token: String, centre: String, value: &'static str| {
        let app = &app;
        async move {
            app.gql(
                Some(&token),
                SET,
                json!({ "input": { "centreId": centre, "year": 2019, "values": [
                    { "code": "GOV_BOARD", "value": value }, { "code": "HR_FTE", "value": "12.5" } ] } }),
            )
            .await
        }
    };
    // A draft campaign takes no value.
    let closed = set(staff.clone(), a.clone(), "24").await;
    assert_eq!(
        closed.data()["setIndicatorValues"]["userErrors"][0]["code"],
        "INVALID_STATE",
        "{}",
        closed.body
    );
    app.gql(
        Some(&staff),
        "mutation($id: ID!) { transitionCampaign(input: { id: $id, version: 1, to: OPEN }) { campaign { status } } }",
        json!({ "id": id }),
    )
    .await;
    // The centre's manager: its own centre only; a count is a whole number.
    let bad = set(manager.clone(), a.clone(), "7.5").await;
    assert_eq!(
        bad.data()["setIndicatorValues"]["userErrors"],
        json!([{ "field": ["input", "values", "0", "value"], "code": "VALIDATION", "message": "a count is a whole number" }])
    );
    let written = set(manager.clone(), a.clone(), "24").await;
    assert_eq!(written.data()["setIndicatorValues"]["written"], 2, "{}", written.body);
    let other = set(manager.clone(), b.clone(), "24").await;
    assert_eq!(other.codes(), ["FORBIDDEN"]);

    const STEP: &str = "mutation($input: TransitionSubmissionInput!) { transitionSubmission(input: $input) { \
        submission { status comment } userErrors { field code } } }";
    let step = |token: String, to: &'static str, comment: Option<&'static str>| {
        let (app, id, a) = (&app, &id, a);
        async move {
            app.gql(
                Some(&token),
                STEP,
                json!({ "input": { "campaignId": id, "centreId": a, "to": to, "comment": comment } }),
            )
            .await
        }
    };
    let submitted = step(manager.clone(), "SUBMITTED", None).await;
    assert_eq!(
        submitted.data()["transitionSubmission"]["submission"]["status"],
        "SUBMITTED",
        "{}",
        submitted.body
    );
    assert_eq!(
        step(manager.clone(), "VALIDATED", None).await.codes(),
        ["FORBIDDEN"],
        "a centre does not validate itself"
    );
    let frozen = set(manager.clone(), a.clone(), "25").await;
    assert_eq!(
        frozen.data()["setIndicatorValues"]["userErrors"][0]["code"],
        "INVALID_STATE"
    );
    let no_reason = step(staff.clone(), "REJECTED", None).await;
    assert_eq!(
        no_reason.data()["transitionSubmission"]["userErrors"],
        json!([{ "field": ["input", "comment"], "code": "VALIDATION" }])
    );
    step(staff.clone(), "REJECTED", Some("les ETP semblent incomplets")).await;
    assert_eq!(
        set(manager.clone(), a.clone(), "25").await.data()["setIndicatorValues"]["written"],
        2
    );
    step(manager.clone(), "SUBMITTED", None).await;
    step(staff.clone(), "VALIDATED", None).await;
    // Only an admin reopens validated figures.
    let reopened = step(staff.clone(), "IN_PROGRESS", None).await;
    assert_eq!(
        reopened.data()["transitionSubmission"]["userErrors"][0]["code"],
        "INVALID_STATE"
    );
    let admin = app.token(Some("nord"), &["federation-admin"]);
    let reopened = step(admin, "IN_PROGRESS", None).await;
    assert_eq!(
        reopened.data()["transitionSubmission"]["submission"]["status"],
        "IN_PROGRESS"
    );

    let progress = app
        .gql(
            Some(&staff),
            "{ campaigns(year: 2019) { year status completeness { centresExpected centresSubmitted valuesExpected valuesPresent } \
             submissions { status centre { name } } } }",
            json!({}),
        )
        .await;
    let campaign = &progress.data()["campaigns"][0];
    assert_eq!(
        campaign["completeness"],
        json!({ "centresExpected": list.len(), "centresSubmitted": 0, "valuesExpected": 2 * list.len(), "valuesPresent": 2 })
    );
    assert_eq!(campaign["submissions"].as_array().unwrap().len(), list.len());
    // Another federation sees no such campaign.
    let calais = app.token(Some("pas-de-calais"), &["viewer"]);
    let theirs = app
        .gql(Some(&calais), "{ campaigns(year: 2019) { year } }", json!({}))
        .await;
    assert_eq!(theirs.data()["campaigns"], json!([]));
}

/// Sends `csv` as the file of `importIndicatorValues`, as the GraphQL multipart request specification has it.
async fn upload(app: &crate::support::TestApp, token: Option<&str>, csv: &str, year: i32) -> (u16, serde_json::Value) {
    let operations = json!({
        "query": "mutation($file: Upload!, $year: Int) { importIndicatorValues(file: $file, year: $year) { imported userErrors { field code message } } }",
        "variables": { "file": null, "year": year },
    });
    send_file(app, token, operations, csv).await
}

/// A multipart request: the operation, its `file` variable mapped to the part holding `csv`.
async fn send_file(
    app: &crate::support::TestApp,
    token: Option<&str>,
    operations: serde_json::Value,
    csv: &str,
) -> (u16, serde_json::Value) {
    let form = reqwest::multipart::Form::new()
        .text("operations", operations.to_string())
        .text("map", json!({ "0": ["variables.file"] }).to_string())
        .part(
            "0",
            reqwest::multipart::Part::bytes(csv.as_bytes().to_vec())
                .file_name("valeurs-2023.csv")
                .mime_str("text/csv")
                .unwrap(),
        );
    let mut request = app.client.post(format!("{}/graphql", app.address)).multipart(form);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let reply = request.send().await.unwrap();
    (reply.status().as_u16(), reply.json().await.unwrap())
}

#[tokio::test]
async fn the_national_catalogue_is_uploaded_by_a_national_administrator_only() {
    let app = TestApp::spawn().await;
    let operations = json!({
        "query": "mutation($file: Upload!) { importIndicatorCatalogue(file: $file) { imported userErrors { field message } } }",
        "variables": { "file": null },
    });
    let national = app.token(None, &["national-admin"]);
    let catalogue = pactes_persistence::NATIONAL_CATALOGUE;
    let (_, reply) = send_file(&app, Some(&national), operations.clone(), catalogue).await;
    assert_eq!(
        reply["data"]["importIndicatorCatalogue"],
        json!({ "imported": 57, "userErrors": [] }),
        "{reply}"
    );
    let without_income: String = catalogue
        .lines()
        .filter(|l| !l.starts_with("FIN_INC"))
        .map(|l| format!("{l}\n"))
        .collect();
    let (_, reply) = send_file(&app, Some(&national), operations.clone(), &without_income).await;
    let errors = &reply["data"]["importIndicatorCatalogue"]["userErrors"];
    assert!(
        errors
            .as_array()
            .is_some_and(|e| !e.is_empty() && e.iter().all(|e| e["field"] == json!(["file"]))),
        "the shares derived from FIN_INC lose their input: {reply}"
    );
    let admin = app.token(Some("nord"), &["federation-admin"]);
    let (_, refused) = send_file(&app, Some(&admin), operations, catalogue).await;
    assert_eq!(refused["errors"][0]["extensions"]["code"], "FORBIDDEN", "{refused}");
}

#[tokio::test]
async fn a_spreadsheet_uploaded_is_imported_whole_or_reported_cell_by_cell() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let list = centres(&app, &staff).await;
    let nord = app.db.federation_by_slug_public("nord").await.unwrap().unwrap().id;
    let catalogue = app.db.catalogue(&pactes_domain::Scope::Federation(nord)).await.unwrap();
    let content = CampaignContent::collecting(2023, &catalogue, false);
    let campaign = app
        .db
        .create_campaign(nord, &Actor::system("test"), content)
        .await
        .unwrap();
    app.db
        .transition_campaign(nord, &Actor::system("test"), campaign.id, 1, CampaignStatus::Open)
        .await
        .unwrap();
    const SUMS: &str = "{ indicatorAggregates(codes: [\"HR_FTE\", \"GOV_BOARD\", \"TER_QPV\"], years: [2023]) { code value reporting } }";
    let sums = || async { app.gql(Some(&staff), SUMS, json!({})).await.data()["indicatorAggregates"].clone() };
    let nothing = sums().await;

    // The wide format, a centre by name and one by id; an empty cell is a missing value.
    let (first, second) = (&list[0], &list[1]);
    let good = format!(
        "centre,HR_FTE,GOV_BOARD,TER_QPV\n\"{}\",12.5,14,oui\n{},7.25,,non\n",
        first.1, second.0
    );
    let (status, reply) = upload(&app, Some(&staff), &good, 2023).await;
    assert_eq!(status, 200, "{reply}");
    assert_eq!(
        reply["data"]["importIndicatorValues"],
        json!({ "imported": 5, "userErrors": [] }),
        "{reply}"
    );
    assert_eq!(
        sums().await,
        json!([
            { "code": "HR_FTE", "value": "19.75", "reporting": 2 },
            { "code": "GOV_BOARD", "value": "14", "reporting": 1 },
            { "code": "TER_QPV", "value": "50.00", "reporting": 2 },
        ])
    );

    // A file with bad cells: each reported at its line and column, and nothing of it written (the good rows
    // neither).
    let bad = format!(
        "centre,indicator,value\n\"{}\",HR_FTE,99\nCentre inconnu,HR_FTE,3\n\"{}\",GOV_BOARD,beaucoup\n\"{}\",NOT_A_CODE,1\n",
        first.1, first.1, second.1
    );
    let (_, reply) = upload(&app, Some(&staff), &bad, 2023).await;
    let errors = &reply["data"]["importIndicatorValues"]["userErrors"];
    let at: Vec<(String, String)> = errors
        .as_array()
        .unwrap_or_else(|| panic!("{reply}"))
        .iter()
        .map(|e| {
            (
                e["field"][1].as_str().unwrap().to_owned(),
                e["field"][2].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        at,
        [
            ("3".to_owned(), "centre".to_owned()),
            ("4".to_owned(), "value".to_owned()),
            ("5".to_owned(), "indicator".to_owned()),
        ],
        "{reply}"
    );
    assert_eq!(reply["data"]["importIndicatorValues"]["imported"], 0);
    assert_eq!(
        sums().await[0]["value"],
        "19.75",
        "the good row of a bad file is not written"
    );

    // Who may: not a viewer, not without a token; the values are not another federation's to read.
    let viewer = app.token(Some("nord"), &["viewer"]);
    let (_, refused) = upload(&app, Some(&viewer), &good, 2023).await;
    assert_eq!(refused["errors"][0]["extensions"]["code"], "FORBIDDEN", "{refused}");
    let (status, anonymous) = upload(&app, None, &good, 2023).await;
    assert_eq!(status, 401, "{anonymous}");
    let calais = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let (_, theirs) = upload(&app, Some(&calais), &good, 2023).await;
    let theirs = &theirs["data"]["importIndicatorValues"];
    assert_eq!(theirs["imported"], 0, "{theirs}");
    assert_eq!(
        theirs["userErrors"][0]["field"],
        json!(["file", "2", "centre"]),
        "{theirs}"
    );
    assert_ne!(nothing, sums().await);
}

#[tokio::test]
async fn a_federation_defines_its_own_indicator_which_only_it_reads() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    const CREATE: &str = "mutation($code: String!) { createIndicator(input: { code: $code, labelFr: \"Repas servis\", \
        labelEn: \"Meals served\", category: ACTIVITES, unit: COUNT, kind: COLLECTED, rule: SUM, min: \"0\" }) \
        { indicator { code core unit rule min } userErrors { field code } } }";
    let created = app.gql(Some(&staff), CREATE, json!({ "code": "NORD_MEALS" })).await;
    assert_eq!(
        created.data()["createIndicator"],
        json!({ "indicator": { "code": "NORD_MEALS", "core": false, "unit": "COUNT", "rule": "SUM", "min": "0" },
                "userErrors": [] }),
        "{}",
        created.body
    );
    let again = app.gql(Some(&staff), CREATE, json!({ "code": "HR_FTE" })).await;
    assert_eq!(
        again.data()["createIndicator"]["userErrors"],
        json!([{ "field": ["input", "code"], "code": "ALREADY_EXISTS" }])
    );
    let viewer = app.token(Some("nord"), &["viewer"]);
    let refused = app.gql(Some(&viewer), CREATE, json!({ "code": "NORD_OTHER" })).await;
    assert_eq!(refused.codes(), ["FORBIDDEN"]);
    let codes = |token: String| {
        let app = &app;
        async move {
            let reply = app.gql(Some(&token), "{ indicators { code } }", json!({})).await;
            reply.data()["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["code"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    let ours = codes(viewer).await;
    assert_eq!((ours.len(), ours.last().map(String::as_str)), (58, Some("NORD_MEALS")));
    assert_eq!(codes(app.token(Some("pas-de-calais"), &["viewer"])).await.len(), 57);
    let unknown = app
        .gql(
            Some(&app.token(Some("pas-de-calais"), &["viewer"])),
            "{ indicatorAggregates(codes: [\"NORD_MEALS\"], years: [2024]) { value } }",
            json!({}),
        )
        .await;
    assert_eq!(
        unknown.codes(),
        ["INVALID_ARGUMENT"],
        "another federation's indicator is not in its catalogue"
    );
}

/// Closes and publishes the federation's campaign of `year`.
async fn publish(app: &TestApp, federation: pactes_domain::FederationId, year: i32) {
    let campaign = app
        .db
        .campaigns(&pactes_domain::Scope::Federation(federation), Some(year))
        .await
        .unwrap()
        .remove(0);
    let mut version = campaign.meta.version;
    for to in [CampaignStatus::Closed, CampaignStatus::Published] {
        version = app
            .db
            .transition_campaign(federation, &Actor::system("test"), campaign.id, version, to)
            .await
            .unwrap()
            .meta
            .version;
    }
}

/// The review's question: a partner that signs nothing asked a published campaign for territory × kind ×
/// management and read a group of one centre. Now every group of fewer than three reporting centres is withheld,
/// with enough of its neighbours that no line of the table gives one away by subtraction from its total, and a
/// filter on a territory is no way around it.
#[tokio::test]
async fn a_partner_never_reads_a_group_of_fewer_than_three_centres() {
    let app = TestApp::spawn().await;
    let nord = app.db.federation_by_slug_public("nord").await.unwrap().unwrap().id;
    publish(&app, nord, 2024).await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let caf = app
        .gql(Some(&staff), "{ partners(first: 1) { nodes { id } } }", json!({}))
        .await
        .data()["partners"]["nodes"][0]["id"]
        .clone();
    let partner = token_with(Some("nord"), &["partner"], json!({ "partner": caf }));
    const TABLE: &str = "query($filter: IndicatorAggregateFilter, $groupBy: [IndicatorGroup!]!) { \
        indicatorAggregates(codes: [\"HR_FTE\", \"FIN_SH_CAF\"], years: [2024], groupBy: $groupBy, filter: $filter) \
        { territory { id } centreKind management code value reporting withheld } }";
    let all = json!(["TERRITORY", "CENTRE_KIND", "MANAGEMENT"]);
    let rows = |who: &str, filter: serde_json::Value, group_by: serde_json::Value| {
        let (app, token) = (&app, if who == "partner" { &partner } else { &staff });
        async move {
            let reply = app
                .gql(Some(token), TABLE, json!({ "filter": filter, "groupBy": group_by }))
                .await;
            assert!(reply.codes().is_empty(), "{}", reply.body);
            reply.data()["indicatorAggregates"].as_array().unwrap().clone()
        }
    };
    let ours = rows("staff", json!(null), all.clone()).await;
    let theirs = rows("partner", json!(null), all.clone()).await;
    let small = |r: &serde_json::Value| (1..3).contains(&r["reporting"].as_u64().unwrap());
    assert!(
        ours.iter().any(|r| small(r) && !r["value"].is_null()),
        "the demo has small groups"
    );
    assert!(ours.iter().all(|r| r["withheld"] == false), "staff read every group");
    assert_eq!(theirs.len(), ours.len());
    for (mine, partners) in ours.iter().zip(&theirs) {
        assert_eq!(mine["reporting"], partners["reporting"], "counts are kept");
        if small(partners) {
            assert_eq!(partners["withheld"], true, "{partners}");
        }
        if partners["withheld"] == true {
            assert!(partners["value"].is_null(), "{partners}");
        } else {
            assert_eq!(mine["value"], partners["value"]);
        }
    }
    // Every line of the table (the rows that differ in one grouping) withholds nothing, or at least two groups
    // holding at least three centres between them, or all it has when it holds fewer than three (its total is
    // then a small group itself, withheld wherever it is asked for): its total gives none away.
    for dimension in ["territory", "centreKind", "management"] {
        // Per line: withheld groups, their centres, groups with centres, all the line's centres.
        let mut lines: std::collections::HashMap<String, (usize, u64, usize, u64)> = std::collections::HashMap::new();
        for row in theirs.iter().filter(|r| r["reporting"].as_u64().unwrap() > 0) {
            let mut key = row.clone();
            for varying in [dimension, "value", "reporting", "withheld"] {
                key[varying] = json!(null);
            }
            let line = lines.entry(key.to_string()).or_default();
            let centres = row["reporting"].as_u64().unwrap();
            if row["withheld"] == true {
                line.0 += 1;
                line.1 += centres;
            }
            line.2 += 1;
            line.3 += centres;
        }
        for (line, (withheld, hidden, groups, centres)) in lines {
            assert!(
                withheld == 0 || (withheld >= 2 && hidden >= 3) || (withheld == groups && centres < 3),
                "{dimension} line {line}: {withheld} of {groups} groups withheld, {hidden} of {centres} centres"
            );
        }
    }
    // A territory as a filter reads what the whole table shows of it: withheld where the table withholds.
    let territory = theirs
        .iter()
        .find(|r| r["withheld"] == true && !r["territory"].is_null())
        .expect("a withheld group with a territory")["territory"]["id"]
        .clone();
    let filtered = rows(
        "partner",
        json!({ "territoryId": territory }),
        json!(["CENTRE_KIND", "MANAGEMENT"]),
    )
    .await;
    let of_it: Vec<_> = theirs.iter().filter(|r| r["territory"]["id"] == territory).collect();
    assert_eq!(filtered.len(), of_it.len());
    for (one, other) in filtered.iter().zip(of_it) {
        assert_eq!(one["withheld"], other["withheld"], "{one} {other}");
        assert_eq!(one["value"], other["value"]);
        assert!(
            one["territory"].is_null(),
            "the filtered territory is not a grouping: {one}"
        );
    }
}

/// A CAF's token read a federation's internal comment on a centre's submission ("la directrice est en arrêt
/// maladie depuis mars") and the counts of an open campaign. A partner reads a campaign's year, dates and
/// status; its submissions and completeness are the federation's (null and FORBIDDEN), and storage reads a
/// partner none of them either.
#[tokio::test]
async fn a_partner_reads_campaigns_but_not_how_the_centres_are_getting_on() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let caf = app
        .gql(Some(&staff), "{ partners(first: 1) { nodes { id } } }", json!({}))
        .await
        .data()["partners"]["nodes"][0]["id"]
        .clone();
    let partner = token_with(Some("nord"), &["partner"], json!({ "partner": caf }));
    const CAMPAIGNS: &str =
        "{ campaigns(year: 2024) { year status submissions { comment } completeness { centresSubmitted } } }";
    let ours = app.gql(Some(&staff), CAMPAIGNS, json!({})).await;
    assert!(ours.codes().is_empty(), "{}", ours.body);
    assert!(ours.data()["campaigns"][0]["submissions"].is_array());
    let theirs = app.gql(Some(&partner), CAMPAIGNS, json!({})).await;
    let campaign = &theirs.body["data"]["campaigns"][0];
    assert_eq!(campaign["year"], 2024, "{}", theirs.body);
    assert_eq!(campaign["status"], "OPEN");
    assert!(campaign["submissions"].is_null(), "{}", theirs.body);
    assert!(campaign["completeness"].is_null(), "{}", theirs.body);
    assert_eq!(theirs.codes(), ["FORBIDDEN", "FORBIDDEN"], "{}", theirs.body);

    let nord = app.db.federation_by_slug_public("nord").await.unwrap().unwrap().id;
    let scope = pactes_domain::Scope::Federation(nord);
    let id = app.db.campaigns(&scope, Some(2024)).await.unwrap()[0].id;
    let partner_scope = pactes_domain::Scope::Partner {
        federation: nord,
        partner: pactes_domain::PartnerId::generate(),
    };
    assert!(matches!(
        app.db.submissions(&partner_scope, id).await,
        Err(pactes_domain::RepositoryError::NotFound)
    ));
    assert!(matches!(
        app.db.completeness(&partner_scope, id).await,
        Err(pactes_domain::RepositoryError::NotFound)
    ));
}
