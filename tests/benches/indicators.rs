//! Indicators at national scale, on PostgreSQL: generates the network's data set through Pactes's repositories
//! (60 federations, about 4,100 structures — 2,400 centres sociaux and 1,700 EVS —, the national core, ten
//! yearly campaigns each with their values, a few missing), measuring the import's rate into PostgreSQL, then
//! serves it from a release server and prints the median and p99 latency over HTTP of a dashboard's questions,
//! beside the same aggregates written by hand and timed by `psql` (`\timing`), and the query plans.
//!
//!   cargo bench -p pactes-tests --bench indicators -- [--federations 60] [--centres 4100] [--years 10]
//!                                                     [--samples 200] [--plans]
//!
//! The database is made on the cluster of `BENCH_DATABASE_URL` (or `TEST_DATABASE_URL`) and dropped at the end.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use pactes_domain::Actor;
use pactes_domain::directory::{
    CentreDraft, CentreKind, CentreRepository, FederationDraft, FederationKind, FederationRepository, Management,
    TerritoryDraft, TerritoryKind, TerritoryRepository,
};
use pactes_domain::indicators::{
    AggregateFilter, AggregateGroup, CampaignContent, CampaignStatus, CentreValue, IndicatorCode, IndicatorRepository,
};
use pactes_domain::{CentreId, FederationId, Scope};
use pactes_persistence::demo::ValueGenerator;
use pactes_persistence::scratch::{self, Contents};
use pactes_persistence::{Database, NATIONAL_CATALOGUE, parse_catalogue};
use pactes_server::Application;
use serde_json::{Value, json};

mod support;

struct Options {
    federations: usize,
    centres: usize,
    years: i32,
    samples: usize,
    plans: bool,
    /// Leave the database behind (its URL printed), to look into it with psql.
    keep: bool,
}

fn options() -> Options {
    let mut o = Options {
        federations: 60,
        centres: 4_100,
        years: 10,
        samples: 200,
        plans: false,
        keep: false,
    };
    let args: Vec<String> = std::env::args().collect();
    let mut i = 1;
    while i < args.len() {
        let value = args.get(i + 1).cloned();
        let number = || value.as_ref().and_then(|v| v.parse::<usize>().ok());
        match args[i].as_str() {
            "--federations" => o.federations = number().unwrap_or(o.federations),
            "--centres" => o.centres = number().unwrap_or(o.centres),
            "--years" => o.years = number().map_or(o.years, |n| n as i32),
            "--samples" => o.samples = number().unwrap_or(o.samples),
            "--plans" | "--keep" => {
                o.plans |= args[i] == "--plans";
                o.keep |= args[i] == "--keep";
                i += 1;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    o
}

/// The last year of the series: the campaigns run from `LAST_YEAR - years + 1`.
const LAST_YEAR: i32 = 2024;

/// Twenty indicators a federation's dashboard shows: sums, means, ratios and shares, collected and derived.
const DASHBOARD: [&str; 20] = [
    "HR_FTE",
    "HR_FTE_AVG",
    "HR_HEAD",
    "HR_SH_AIDED",
    "FIN_INC",
    "FIN_INC_AVG",
    "FIN_CAF_TOTAL",
    "FIN_SH_CAF",
    "FIN_SH_MUN",
    "FIN_SH_PAYROLL",
    "FIN_DEFICIT",
    "GOV_MEMBERS",
    "GOV_BOARD_AVG",
    "VOL_ACT",
    "VOL_HOURS",
    "TER_QPV",
    "ACT_DOM_YOUTH",
    "ACT_RIGHTS_INFO",
    "PART_N",
    "PART_MUN",
];

/// A département of metropolitan France for each generated federation: its code, and its postal codes' first
/// two digits (Corsica's 2A is 20…).
fn departement(i: usize) -> (String, String) {
    let n = (i % 95) + 1;
    if n == 20 {
        ("2A".to_owned(), "20".to_owned())
    } else {
        (format!("{n:02}"), format!("{n:02}"))
    }
}

struct Generated {
    federations: Vec<(FederationId, String)>,
    values: usize,
    import: Duration,
    slowest_import: f64,
    fastest_import: f64,
}

async fn generate(db: &Database, o: &Options) -> Generated {
    let actor = Actor::system("bench");
    let catalogue = parse_catalogue(NATIONAL_CATALOGUE).unwrap();
    db.import_catalogue(&actor, catalogue.clone()).await.unwrap();
    let mut federations = Vec::new();
    for f in 0..o.federations {
        let draft = FederationDraft {
            slug: format!("federation-{:02}", f + 1),
            name: format!("Fédération des centres sociaux n°{}", f + 1),
            kind: FederationKind::Departmental,
            departements: vec![departement(f).0],
        };
        let federation = db.create_federation(&actor, draft.validate().unwrap()).await.unwrap();
        federations.push((federation.id, federation.data.slug.as_str().to_owned()));
    }
    // Each federation's territories and centres, federations side by side.
    let mut tasks = tokio::task::JoinSet::new();
    for (f, (federation, _)) in federations.iter().enumerate() {
        let (db, actor, federation) = (db.clone(), actor.clone(), *federation);
        let (total, count) = (o.centres, o.federations);
        tasks.spawn(async move {
            let mut territories = Vec::new();
            for t in 0..5 {
                let draft = TerritoryDraft {
                    name: format!("Territoire {}", t + 1),
                    kind: TerritoryKind::Epci,
                    communes: vec![],
                };
                let territory = db.create_territory(federation, &actor, draft.validate().unwrap()).await;
                territories.push(territory.unwrap().id);
            }
            let mut centres = Vec::new();
            for i in (f..total).step_by(count) {
                // 1,700 EVS in 4,100 structures.
                let evs = i % 41 < 17;
                let draft = CentreDraft {
                    kind: if evs { CentreKind::Evs } else { CentreKind::CentreSocial },
                    name: format!("{} n°{i}", if evs { "Espace de vie sociale" } else { "Centre social" }),
                    management: Some(if i % 5 == 0 {
                        Management::Municipal
                    } else {
                        Management::Associative
                    }),
                    address: None,
                    postal_code: Some(format!("{}{:03}", departement(f).1, i % 1000)),
                    commune: format!("Commune {}", i % 50),
                    insee_code: None,
                    phone: None,
                    email: None,
                    website: None,
                    siret: None,
                    accreditation: None,
                    territory_id: Some(territories[i % territories.len()]),
                    action_domains: vec![],
                };
                let centre = db.create_centre(federation, &actor, draft.validate().unwrap()).await;
                centres.push(centre.unwrap().id);
            }
            (f, centres)
        });
    }
    let mut centres_of: Vec<Vec<CentreId>> = vec![Vec::new(); federations.len()];
    while let Some(done) = tasks.join_next().await {
        let (f, centres) = done.unwrap();
        centres_of[f] = centres;
    }
    let years: Vec<i32> = (LAST_YEAR - o.years + 1..=LAST_YEAR).collect();
    // The campaigns, open; then each federation's ten years of values in one import (a few values missing:
    // one in 25), timed import by import.
    for (federation, _) in &federations {
        for year in &years {
            let content = CampaignContent::collecting(*year, &catalogue, true);
            let campaign = db.create_campaign(*federation, &actor, content).await.unwrap();
            db.transition_campaign(*federation, &actor, campaign.id, 1, CampaignStatus::Open)
                .await
                .unwrap();
        }
    }
    let (mut values, mut import) = (0, Duration::ZERO);
    let (mut slowest, mut fastest) = (f64::MAX, 0f64);
    for (f, (federation, _)) in federations.iter().enumerate() {
        let mut random = ValueGenerator::new(f as u64 + 1);
        let mut batch: Vec<CentreValue> = Vec::new();
        for (c, centre) in centres_of[f].iter().enumerate() {
            for year in &years {
                let generated = random.centre_values(*centre, &catalogue, *year);
                batch.extend(
                    generated
                        .into_iter()
                        .enumerate()
                        .filter(|(k, _)| !(c * 31 + k * 7 + *year as usize).is_multiple_of(25))
                        .map(|(_, v)| v),
                );
            }
        }
        let n = batch.len();
        let started = Instant::now();
        db.import_values(*federation, &actor, batch).await.unwrap();
        let took = started.elapsed();
        let rate = n as f64 / took.as_secs_f64();
        slowest = slowest.min(rate);
        fastest = fastest.max(rate);
        values += n;
        import += took;
    }
    Generated {
        federations,
        values,
        import,
        slowest_import: slowest,
        fastest_import: fastest,
    }
}

struct Latency {
    median: f64,
    p99: f64,
    mean: f64,
    statements: f64,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// One request at a time, after a warm-up: what a dashboard's user waits for.
async fn measure(
    client: &reqwest::Client,
    url: &str,
    db: &Database,
    token: &str,
    body: &Value,
    samples: usize,
) -> Latency {
    let send = || async {
        let reply: Value = client
            .post(url)
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if reply.get("errors").is_some() {
            eprintln!("an error: {reply}");
        }
        reply
    };
    for _ in 0..samples.div_ceil(10) {
        send().await;
    }
    let before = db.statement_count();
    let mut took = Vec::with_capacity(samples);
    for _ in 0..samples {
        let started = Instant::now();
        send().await;
        took.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let statements = (db.statement_count() - before) as f64 / samples as f64;
    took.sort_by(f64::total_cmp);
    Latency {
        median: percentile(&took, 0.5),
        p99: percentile(&took, 0.99),
        mean: took.iter().sum::<f64>() / took.len() as f64,
        statements,
    }
}

/// Runs `sql` `times` times in `psql` with `\timing` and gives the median of the times it printed.
fn psql_median(url: &str, sql: &str, times: usize) -> Option<f64> {
    let mut script = String::from("\\timing on\n\\o /dev/null\n");
    for _ in 0..times {
        script.push_str(sql);
        script.push_str(";\n");
    }
    let output = std::process::Command::new("psql")
        .args(["-X", "-q", "-d", url])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(script.as_bytes())?;
            child.wait_with_output()
        })
        .ok()?;
    let mut times: Vec<f64> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("Time: ")?.split(' ').next()?.parse().ok())
        .collect();
    if times.is_empty() {
        return None;
    }
    times.sort_by(f64::total_cmp);
    Some(percentile(&times, 0.5))
}

fn quoted(list: &[&str]) -> String {
    list.iter().map(|c| format!("'{c}'")).collect::<Vec<_>>().join(", ")
}

#[tokio::main]
async fn main() {
    let o = options();
    let Ok(url) = std::env::var("BENCH_DATABASE_URL").or_else(|_| std::env::var(scratch::TEST_DATABASE_URL)) else {
        eprintln!("the indicators benchmark runs on PostgreSQL: set BENCH_DATABASE_URL or TEST_DATABASE_URL");
        std::process::exit(2);
    };
    let scratch = scratch::postgres(&url, Contents::Empty, "bench").await.unwrap();
    if o.keep {
        println!("the database stays: {}", scratch.owner_settings.url);
    }
    let settings = scratch.settings.clone();
    let app = Application::build(support::serve_args(&settings.url, settings.schema.clone(), false))
        .await
        .unwrap();
    let endpoint = format!("http://127.0.0.1:{}/graphql", app.port());
    let db = app.database().clone();
    tokio::spawn(app.run_until_stopped());

    let started = Instant::now();
    let generated = generate(&db, &o).await;
    println!(
        "generated in {:.0} s: {} federations, {} structures, {} years, {} values",
        started.elapsed().as_secs_f64(),
        generated.federations.len(),
        o.centres,
        o.years,
        generated.values
    );
    println!(
        "import into PostgreSQL: {:.0} values/s over {} imports ({:.1} s; one federation's ten years per import, \
         from {:.0} to {:.0} values/s)",
        generated.values as f64 / generated.import.as_secs_f64(),
        generated.federations.len(),
        generated.import.as_secs_f64(),
        generated.slowest_import,
        generated.fastest_import
    );
    // Statistics as autovacuum would have them on a database that has been running.
    let owner = sea_orm::Database::connect(&scratch.owner_settings.url).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(&owner, "VACUUM ANALYZE")
        .await
        .unwrap();

    let (first, slug) = generated.federations[0].clone();
    let staff = support::token(Some(&slug), &["federation-staff"]);
    let national = support::token(None, &["national-admin"]);
    let last_five: Vec<i32> = (LAST_YEAR - 4..=LAST_YEAR).collect();
    let from = LAST_YEAR - o.years + 1;
    let client = reqwest::Client::new();
    let page: Value = client
        .post(&endpoint)
        .bearer_auth(&staff)
        .json(&json!({ "query": "{ centres(first: 1) { nodes { id } } }" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let centre = page["data"]["centres"]["nodes"][0]["id"].as_str().unwrap().to_owned();
    let centre_uuid = pactes_api::claim_id(&centre, "Centre").unwrap();
    let aggregates = "query($codes: [String!]!, $years: [Int!]!, $groupBy: [IndicatorGroup!]) { \
        indicatorAggregates(codes: $codes, years: $years, groupBy: $groupBy) { code year value reporting expected change } }";
    let series = "query($id: ID!, $codes: [String!]!, $from: Int!, $to: Int!) { node(id: $id) { ... on Centre { \
        indicatorSeries(codes: $codes, fromYear: $from, toYear: $to) { code year value median firstQuartile thirdQuartile quartile } } } }";
    let questions = [
        (
            "a federation: 20 indicators × 5 years by territory",
            staff.clone(),
            json!({ "query": aggregates, "variables": { "codes": DASHBOARD, "years": last_five, "groupBy": ["TERRITORY"] } }),
        ),
        (
            "national: 20 indicators × 1 year by federation",
            national.clone(),
            json!({ "query": aggregates, "variables": { "codes": DASHBOARD, "years": [LAST_YEAR], "groupBy": ["FEDERATION"] } }),
        ),
        (
            "national: 20 indicators × 5 years by federation",
            national.clone(),
            json!({ "query": aggregates, "variables": { "codes": DASHBOARD, "years": last_five, "groupBy": ["FEDERATION"] } }),
        ),
        (
            "a centre's 10-year series of 20, with quartiles",
            staff.clone(),
            json!({ "query": series, "variables": { "id": centre, "codes": DASHBOARD, "from": from, "to": LAST_YEAR } }),
        ),
    ];
    println!(
        "\n{:<52} {:>9} {:>9} {:>9} {:>10}",
        "over HTTP, one request at a time", "p50 ms", "p99 ms", "mean ms", "stmts/req"
    );
    for (name, token, body) in &questions {
        let l = measure(&client, &endpoint, &db, token, body, o.samples).await;
        println!(
            "{name:<52} {:>9.2} {:>9.2} {:>9.2} {:>10.1}",
            l.median, l.p99, l.mean, l.statements
        );
    }

    // The same figures asked of PostgreSQL by hand, as the owner (no row-level security): the database's share.
    let components = quoted(&[
        "HR_FTE",
        "HR_HEAD",
        "HR_AIDED",
        "FIN_INC",
        "FIN_CAF_PS",
        "FIN_CAF_LOC",
        "FIN_MUN",
        "FIN_PAYROLL_AMT",
        "FIN_EXP",
        "FIN_DEFICIT",
        "GOV_MEMBERS",
        "GOV_BOARD",
        "VOL_ACT",
        "VOL_HOURS",
        "TER_QPV",
        "ACT_DOM_YOUTH",
        "ACT_RIGHTS_INFO",
        "PART_N",
        "PART_MUN",
    ]);
    let fed = first.as_uuid();
    let by_hand = [
        (
            "a federation: 20 indicators × 5 years by territory",
            format!(
                "SELECT c.territory_id, v.code, v.year, SUM(v.value), COUNT(*) FROM indicator_values v \
                 JOIN centres c ON c.id = v.centre_id WHERE v.federation_id = '{fed}' AND v.code IN ({components}) \
                 AND v.year BETWEEN {} AND {LAST_YEAR} GROUP BY 1, 2, 3",
                LAST_YEAR - 4
            ),
        ),
        (
            "national: 20 indicators × 1 year by federation",
            format!(
                "SELECT v.federation_id, v.code, SUM(v.value), COUNT(*) FROM indicator_values v \
                 WHERE v.federation_id IN (SELECT id FROM federations) AND v.code IN ({components}) \
                 AND v.year = {LAST_YEAR} GROUP BY 1, 2"
            ),
        ),
        (
            "national: 20 indicators × 5 years by federation",
            format!(
                "SELECT v.federation_id, v.code, v.year, SUM(v.value), COUNT(*) FROM indicator_values v \
                 WHERE v.federation_id IN (SELECT id FROM federations) AND v.code IN ({components}) \
                 AND v.year BETWEEN {} AND {LAST_YEAR} GROUP BY 1, 2, 3",
                LAST_YEAR - 4
            ),
        ),
        (
            "a centre's 10-year series of 20, with quartiles",
            format!(
                "SELECT v.code, v.year, percentile_disc(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY v.value), \
                 MAX(v.value) FILTER (WHERE v.centre_id = '{}') FROM indicator_values v \
                 WHERE v.federation_id = '{fed}' AND v.code IN ({components}) AND v.year BETWEEN {from} AND {LAST_YEAR} \
                 GROUP BY 1, 2",
                centre_uuid
            ),
        ),
    ];
    println!("\n{:<52} {:>9}", "by hand in psql (\\timing, median of 30)", "ms");
    for (name, sql) in &by_hand {
        match psql_median(&scratch.owner_settings.url, sql, 30) {
            Some(ms) => println!("{name:<52} {ms:>9.2}"),
            None => println!("{name:<52} {:>9}", "no psql"),
        }
    }

    if o.plans {
        let catalogue = db.catalogue(&Scope::National).await.unwrap();
        let wanted: Vec<IndicatorCode> = DASHBOARD.iter().map(|c| IndicatorCode::parse(c).unwrap()).collect();
        for (title, scope, years, group) in [
            (
                "a federation, by territory",
                Scope::Federation(first),
                last_five.clone(),
                AggregateGroup::Territory,
            ),
            (
                "national, by federation",
                Scope::National,
                vec![LAST_YEAR],
                AggregateGroup::Federation,
            ),
        ] {
            let plan = db
                .explain_aggregate_sums(
                    &scope,
                    &catalogue,
                    // One indicator summed by code, one pivoted (a share of two components).
                    &[wanted[0].clone(), wanted[3].clone()],
                    &years,
                    &[group],
                    &AggregateFilter::default(),
                )
                .await
                .unwrap();
            println!("\nplans of the sums' statements, {title} (HR_FTE by code, HR_SH_AIDED pivoted):");
            for line in plan {
                println!("  {line}");
            }
        }
    }
    if o.keep {
        std::mem::forget(scratch);
    }
}
