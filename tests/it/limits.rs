//! Item 9: oversized or abusive requests are refused with a clear code before anything executes — shown by the
//! database's statement counter not moving.

use serde_json::{Value, json};

use crate::support::TestApp;

async fn refused(app: &TestApp, token: &str, body: Value) -> crate::support::Reply {
    let before = app.db.statement_count();
    let reply = app.post(Some(token), &body).await;
    assert_eq!(
        app.db.statement_count(),
        before,
        "a refused request must not reach the database: {}",
        reply.body
    );
    reply
}

#[tokio::test]
async fn depth_complexity_aliases_and_batches_are_bounded() {
    let app = TestApp::spawn().await;
    let token = app.token(Some("nord"), &["viewer"]);
    // Warm the token's federation into the cache so that only the query itself could touch the database.
    assert_eq!(
        app.gql(Some(&token), "{ viewer { subject } }", json!({})).await.status,
        200
    );

    // Depth is checked outside introspection: see introspection.rs, which lowers the limit to reach it.

    let fields = "id kind name management address postalCode commune inseeCode phone phoneE164 email website siret actionDomains version createdAt updatedAt archivedAt archived";
    let page = format!(
        "centres(first: 100) {{ edges {{ node {{ {fields} territory {{ id name communes }} federation {{ slug name }} }} }} }}"
    );
    // One full page is a legitimate query (about 2,800); three at once are not.
    assert!(
        app.gql(Some(&token), &format!("{{ {page} }}"), json!({}))
            .await
            .codes()
            .is_empty()
    );
    let heavy = format!("{{ a: {page} b: {page} c: {page} }}");
    let reply = refused(&app, &token, json!({ "query": heavy })).await;
    assert_eq!(reply.codes(), ["QUERY_TOO_COMPLEX"], "{}", reply.body);

    let aliases: String = (0..31).map(|i| format!("a{i}: subject ")).collect();
    let reply = refused(
        &app,
        &token,
        json!({ "query": format!("{{ viewer {{ {aliases} }} }}") }),
    )
    .await;
    assert_eq!(reply.codes(), ["TOO_MANY_ALIASES"], "{}", reply.body);
    let thirty: String = (0..30).map(|i| format!("a{i}: subject ")).collect();
    assert!(
        app.gql(Some(&token), &format!("{{ viewer {{ {thirty} }} }}"), json!({}))
            .await
            .codes()
            .is_empty(),
        "30 aliases are allowed"
    );

    let batch: Vec<Value> = (0..11)
        .map(|_| json!({ "query": "{ centres { totalCount } }" }))
        .collect();
    let reply = refused(&app, &token, Value::Array(batch)).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.codes(), ["BATCH_TOO_LARGE"], "{}", reply.body);
    let batch: Vec<Value> = (0..2)
        .map(|_| json!({ "query": "{ centres { totalCount } }" }))
        .collect();
    let reply = app.post(Some(&token), &Value::Array(batch)).await;
    assert_eq!(
        reply.body[1]["data"]["centres"]["totalCount"], 13,
        "a small batch runs: {}",
        reply.body
    );
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_413() {
    let app = TestApp::spawn().await;
    let token = app.token(Some("nord"), &["viewer"]);
    let padding = " ".repeat(70 * 1024);
    let reply = app
        .post(
            Some(&token),
            &json!({ "query": format!("{{ centres {{ totalCount }} {padding} }}") }),
        )
        .await;
    assert_eq!(reply.status, 413);
    assert_eq!(reply.codes(), ["PAYLOAD_TOO_LARGE"], "{}", reply.body);
}

#[tokio::test]
async fn malformed_requests_get_a_code_and_the_status_the_client_asked_for() {
    let app = TestApp::spawn().await;
    let token = app.token(Some("nord"), &["viewer"]);
    let url = format!("{}/graphql", app.address);

    let not_json = app
        .client
        .post(&url)
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{ nope")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status().as_u16(), 400);
    let body: Value = not_json.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_REQUEST");

    let text = app
        .client
        .post(&url)
        .bearer_auth(&token)
        .header("content-type", "text/plain")
        .body("{ centres { totalCount } }")
        .send()
        .await
        .unwrap();
    assert_eq!(text.status().as_u16(), 415);

    // A syntax error: 200 for application/json clients, 400 for graphql-response+json ones, both with a code.
    for (accept, status) in [("application/json", 200), ("application/graphql-response+json", 400)] {
        let response = app
            .client
            .post(&url)
            .bearer_auth(&token)
            .header("accept", accept)
            .json(&json!({ "query": "{ centres {" }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), status, "{accept}");
        assert!(
            response.headers()["content-type"].to_str().unwrap().starts_with(accept),
            "{accept}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "GRAPHQL_PARSE_FAILED",
            "{accept}"
        );
    }
    let unknown_field = app.gql(Some(&token), "{ centres { nope } }", json!({})).await;
    assert_eq!(
        unknown_field.codes(),
        ["GRAPHQL_VALIDATION_FAILED"],
        "{}",
        unknown_field.body
    );
}

/// The security review's document: 30 levels of fragments each spreading the next twice (2^30 expanded
/// fields in under a kilobyte). Anonymous, it is refused with QUERY_TOO_COMPLEX before any validation walks the
/// expansion — unprotected, one such request held a worker for minutes. A chain of fragments nesting past the
/// bound is refused as too deep.
#[tokio::test]
async fn an_exponential_fragment_document_is_refused_at_once_even_anonymously() {
    let app = TestApp::spawn().await;
    let mut document = String::from("query { ...F0 }\n");
    for level in 0..30 {
        document.push_str(&format!(
            "fragment F{level} on Query {{ ...F{n} ...F{n} }}\n",
            n = level + 1
        ));
    }
    document.push_str("fragment F30 on Query { federations { slug } }\n");
    assert!(document.len() < 2_000, "{} bytes", document.len());
    let started = std::time::Instant::now();
    let reply = app.post(None, &json!({ "query": document })).await;
    let elapsed = started.elapsed();
    assert_eq!(reply.codes(), ["QUERY_TOO_COMPLEX"], "{}", reply.body);
    assert!(
        reply.body.get("data").is_none(),
        "a refused document has no data entry: {}",
        reply.body
    );
    // Minutes unprotected; a generous bound, so that a busy machine cannot fail it.
    assert!(elapsed < std::time::Duration::from_secs(2), "took {elapsed:?}");

    // Nesting through a chain of named fragments, which the parser's own recursion bound does not see.
    let mut chain = String::from("query { ...C0 }\n");
    for level in 0..70 {
        chain.push_str(&format!("fragment C{level} on Query {{ ...C{} }}\n", level + 1));
    }
    chain.push_str("fragment C70 on Query { federations { slug } }\n");
    let reply = app.post(None, &json!({ "query": chain })).await;
    assert_eq!(reply.codes(), ["QUERY_TOO_DEEP"], "{}", reply.body);
}

/// GraphQL over HTTP details a client relies on: the media type is matched without regard to case, the
/// response type follows the `Accept` header's preferences, and the status reflects the stage that failed —
/// a document refused before execution is a 400 (with `graphql-response+json`), a field refused during
/// execution is not.
#[tokio::test]
async fn content_negotiation_and_statuses_follow_the_stage_that_failed() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    let post = |accept: &'static str, content_type: &'static str, query: &'static str| {
        app.client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&viewer)
            .header("accept", accept)
            .header("content-type", content_type)
            .body(json!({ "query": query }).to_string())
            .send()
    };
    let response = post(
        "application/json",
        "Application/JSON; Charset=UTF-8",
        "{ viewer { subject } }",
    )
    .await
    .unwrap();
    assert_eq!(response.status().as_u16(), 200, "media types are case-insensitive");

    let preferred = "application/json;q=0.5, application/graphql-response+json";
    let response = post(preferred, "application/json", "{ viewer { subject } }")
        .await
        .unwrap();
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/graphql-response+json")
    );
    let response = post(
        "application/graphql-response+json;q=0.2, application/json",
        "application/json",
        "{ viewer { subject } }",
    )
    .await
    .unwrap();
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );

    // A field the viewer may not read: an execution error, not a bad request.
    let response = post(
        "application/graphql-response+json",
        "application/json",
        "{ auditLog { totalCount } }",
    )
    .await
    .unwrap();
    assert_eq!(response.status().as_u16(), 200, "FORBIDDEN on a field is not a 400");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN", "{body}");
    assert!(
        body.get("data").is_some(),
        "an executed operation keeps its data entry: {body}"
    );

    let response = post(
        "application/graphql-response+json",
        "application/json",
        "{ nosuchfield }",
    )
    .await
    .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED",
        "{body}"
    );
    assert!(
        body.get("data").is_none(),
        "a document that does not validate has no data entry: {body}"
    );
}

/// Root fields each reach the database, so one request may select at most 20 of them — the operations of a
/// batch together — and the worst document under every limit runs a bounded number of statements.
#[tokio::test]
async fn root_fields_are_capped_per_request_and_the_worst_document_stays_bounded() {
    let app = TestApp::spawn().await;
    let token = app.token(Some("nord"), &["viewer"]);
    assert!(
        app.gql(Some(&token), "{ viewer { subject } }", json!({}))
            .await
            .codes()
            .is_empty()
    );

    // The worst document I can write under the limits: 20 root connections, each with its count, its
    // children's parts (action domains, communes) and both related objects, over distinct filters so that no
    // loader cache helps (repeated fields without aliases run again, like aliased ones).
    let root = |i: usize| {
        format!(
            "c{i}: centres(first: 1, filter: {{ search: \"{}\" }}) {{ totalCount edges {{ node {{ actionDomains \
             territory {{ communes federation {{ slug }} }} federation {{ name }} }} }} }}",
            ["a", "e", "i", "o", "u"][i % 5]
        )
    };
    let worst: String = (0..20).map(root).collect::<Vec<_>>().join(" ");
    let before = app.db.statement_count();
    let reply = app.gql(Some(&token), &format!("{{ {worst} }}"), json!({})).await;
    let statements = app.db.statement_count() - before;
    assert!(reply.codes().is_empty(), "{}", reply.body);
    println!("the worst document under the limits ran {statements} statements");
    // Per root field: the page, its action domains, the count, territories, their communes, federations.
    assert!(statements <= 20 * 6, "{statements} statements");

    let over: String = (0..21).map(root).collect::<Vec<_>>().join(" ");
    let reply = refused(&app, &token, json!({ "query": format!("{{ {over} }}") })).await;
    assert_eq!(reply.codes(), ["QUERY_TOO_COMPLEX"], "{}", reply.body);

    // A batch shares the request's budget: two operations of 15 root fields are refused together.
    let fifteen: String = (0..15).map(root).collect::<Vec<_>>().join(" ");
    let batch = json!([{ "query": format!("{{ {fifteen} }}") }, { "query": format!("{{ {fifteen} }}") }]);
    let before = app.db.statement_count();
    let reply = app.post(Some(&token), &batch).await;
    let ran = app.db.statement_count() - before;
    let refused_ops = reply
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX")
        .count();
    assert_eq!(
        refused_ops, 1,
        "one of the two is over the shared budget: {}",
        reply.body
    );
    assert!(ran <= 15 * 6, "{ran} statements for the batch");
}

/// The code of the one error of `reply`, which has no data.
fn invalid_argument(reply: &crate::support::Reply) {
    assert_eq!(reply.codes(), ["INVALID_ARGUMENT"], "{}", reply.body);
}

/// A centre's series of two billion years once made the process allocate 16 GiB and abort; three hundred
/// million took 16 s past the deadline. Every span out of bounds is refused before a year is counted.
#[tokio::test]
async fn a_series_span_is_bounded_before_any_work() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    let centre = crate::support::centres(&app, &viewer).await[0].0.clone();
    let series = |codes: Value, from: i64, to: i64| {
        let (app, viewer, centre) = (&app, &viewer, &centre);
        async move {
            app.gql(
                Some(viewer),
                "query($id: ID!, $codes: [String!]!, $from: Int!, $to: Int!) { centre(id: $id) { \
                 indicatorSeries(codes: $codes, fromYear: $from, toYear: $to) { year value } } }",
                json!({ "id": centre, "codes": codes, "from": from, "to": to }),
            )
            .await
        }
    };
    for (from, to) in [
        (-2_147_483_648, 2_147_483_647),
        (0, 300_000_000),
        (2024, 2020),
        (1999, 2024),
        (2024, 2101),
    ] {
        invalid_argument(&series(json!(["HR_FTE"]), from, to).await);
    }
    // Five indicators over a century: 505 points, past the 400 allowed.
    let five = json!(["HR_FTE", "FIN_INC", "FIN_CAF_TOTAL", "TER_QPV", "FIN_SH_CAF"]);
    invalid_argument(&series(five.clone(), 2000, 2100).await);
    let fine = series(five, 2020, 2024).await;
    assert!(fine.codes().is_empty(), "{}", fine.body);
    assert_eq!(fine.data()["centre"]["indicatorSeries"].as_array().unwrap().len(), 25);
}

#[tokio::test]
async fn aggregates_are_bounded_in_codes_years_and_groupings() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    // Warm the token's federation into the cache so that only the query itself could touch the database.
    assert_eq!(
        app.gql(Some(&viewer), "{ viewer { subject } }", json!({})).await.status,
        200
    );
    const QUERY: &str = "query($codes: [String!]!, $years: [Int!]!, $groupBy: [IndicatorGroup!]!) { \
                         indicatorAggregates(codes: $codes, years: $years, groupBy: $groupBy) { year value } }";
    let ask = |codes: Value, years: Value, group_by: Value| {
        let (app, viewer) = (&app, &viewer);
        async move {
            refused(
                app,
                viewer,
                json!({ "query": QUERY, "variables": { "codes": codes, "years": years, "groupBy": group_by } }),
            )
            .await
        }
    };
    // A year no campaign can have (and whose year before overflowed).
    invalid_argument(&ask(json!(["HR_FTE"]), json!([-2_147_483_648]), json!([])).await);
    invalid_argument(&ask(json!(["HR_FTE"]), json!([2024, 300_000_000]), json!([])).await);
    // Many years and no code: nothing to multiply, but each year would still be read.
    let years: Vec<i32> = (0..401).map(|i| 2000 + i % 100).collect();
    invalid_argument(&ask(json!([]), json!(years), json!([])).await);
    let codes: Vec<String> = (0..401).map(|i| format!("X_{i}")).collect();
    invalid_argument(&ask(json!(codes), json!([]), json!([])).await);
    // A grouping is a set: a repeated group only multiplies the work.
    invalid_argument(
        &ask(
            json!(["HR_FTE"]),
            json!([2024]),
            json!(["TERRITORY", "CENTRE_KIND", "TERRITORY"]),
        )
        .await,
    );
    let fine = app
        .gql(
            Some(&viewer),
            QUERY,
            json!({ "codes": ["HR_FTE"], "years": [2024], "groupBy": ["TERRITORY", "CENTRE_KIND"] }),
        )
        .await;
    assert!(fine.codes().is_empty(), "{}", fine.body);
}

#[tokio::test]
async fn funding_groupings_and_expiry_windows_are_bounded() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("pas-de-calais"), &["viewer"]);
    let totals = |group_by: Value| {
        let (app, viewer) = (&app, &viewer);
        async move {
            app.gql(
                Some(viewer),
                "query($g: [FundingGroup!]!) { fundingTotals(groupBy: $g) { year committed } }",
                json!({ "g": group_by }),
            )
            .await
        }
    };
    invalid_argument(&totals(json!(["YEAR", "FUNDER", "YEAR"])).await);
    assert!(totals(json!(["YEAR", "FUNDER"])).await.codes().is_empty());

    let expiring = |days: i64| {
        let (app, viewer) = (&app, &viewer);
        async move {
            app.gql(
                Some(viewer),
                "query($d: Int!) { expiringConventions(withinDays: $d) { nodes { reference } } }",
                json!({ "d": days }),
            )
            .await
        }
    };
    invalid_argument(&expiring(3_661).await);
    invalid_argument(&expiring(2_147_483_647).await);
    assert!(expiring(3_660).await.codes().is_empty());
}

#[tokio::test]
async fn pages_and_id_lists_are_bounded() {
    let app = TestApp::spawn().await;
    let viewer = app.token(Some("nord"), &["viewer"]);
    // Warm the token's federation into the cache so that only the query itself could touch the database.
    assert_eq!(
        app.gql(Some(&viewer), "{ viewer { subject } }", json!({})).await.status,
        200
    );
    for query in [
        "{ centres(first: 101) { totalCount } }",
        "{ centres(last: 101) { totalCount } }",
        "{ partners(first: -1) { totalCount } }",
        "{ pacts(first: 2147483647) { totalCount } }",
        "{ conventions(last: 1000) { totalCount } }",
    ] {
        let reply = refused(&app, &viewer, json!({ "query": query })).await;
        invalid_argument(&reply);
    }
    let ids: Vec<String> = (0..101).map(|i| format!("Centre:{i}")).collect();
    let reply = app
        .gql(
            Some(&viewer),
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": ids }),
        )
        .await;
    invalid_argument(&reply);
}
