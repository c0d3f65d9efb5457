//! Throughput and latency of the real server over HTTP, with SQL statements per request.
//!
//!   cargo bench -p pactes-tests --bench throughput -- [--seconds 10] [--clients 16] [--centres 200]
//!                                                      [--save NAME] [--compare NAME]
//!
//! The server runs in this process (a release build under `cargo bench`), on PostgreSQL when
//! `BENCH_DATABASE_URL` or `TEST_DATABASE_URL` is set, SQLite otherwise. It holds the demo data plus `--centres`
//! more Nord centres over five territories (Nord counted 154 centres sociaux and 43 EVS in 2023). `--save` writes
//! the figures to `target/bench/NAME.json`; `--compare` prints them beside a saved run, to compare two builds.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use pactes_domain::Actor;
use pactes_domain::directory::{
    CentreDraft, CentreKind, FederationRepository, Management, TerritoryDraft, TerritoryKind, TerritoryRepository,
};
use pactes_persistence::scratch::{self, Contents};
use pactes_server::Application;
use serde_json::{Value, json};

mod support;

struct Options {
    seconds: u64,
    clients: usize,
    centres: usize,
    save: Option<String>,
    compare: Option<String>,
}

fn options() -> Options {
    let mut o = Options {
        seconds: 10,
        clients: 16,
        centres: 200,
        save: None,
        compare: None,
    };
    let args: Vec<String> = std::env::args().collect();
    let mut i = 1;
    while i < args.len() {
        let value = args.get(i + 1).cloned();
        match args[i].as_str() {
            "--seconds" => o.seconds = value.and_then(|v| v.parse().ok()).unwrap_or(o.seconds),
            "--clients" => o.clients = value.and_then(|v| v.parse().ok()).unwrap_or(o.clients),
            "--centres" => o.centres = value.and_then(|v| v.parse().ok()).unwrap_or(o.centres),
            "--save" => o.save = value,
            "--compare" => o.compare = value,
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    o
}

fn token(roles: &[&str]) -> String {
    support::token(Some("nord"), roles)
}

struct Scenario {
    name: &'static str,
    /// Builds the request body for the n-th request of a client.
    body: Box<dyn Fn(usize, usize) -> Value + Send + Sync>,
    token: String,
}

#[derive(Default, Clone)]
struct Figures {
    requests: u64,
    errors: u64,
    rps: f64,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    statements_per_request: f64,
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let o = options();
    let (scratch, _dir, backend) =
        match std::env::var("BENCH_DATABASE_URL").or_else(|_| std::env::var(scratch::TEST_DATABASE_URL)) {
            Ok(url) => (
                scratch::postgres(&url, Contents::Demo, "bench").await.unwrap(),
                None,
                "PostgreSQL",
            ),
            Err(_) => {
                let dir = tempfile::tempdir().unwrap();
                (
                    scratch::sqlite(dir.path(), Contents::Demo).await.unwrap(),
                    Some(dir),
                    "SQLite",
                )
            }
        };
    let settings = scratch.settings.clone();
    let args = support::serve_args(&settings.url, settings.schema.clone(), true);
    let app = Application::build(args).await.unwrap();
    let url = format!("http://127.0.0.1:{}/graphql", app.port());
    let db = app.database().clone();
    tokio::spawn(app.run_until_stopped());

    // A realistic federation: five territories, `centres` more centres over them.
    let nord = db.federation_by_slug_public("nord").await.unwrap().unwrap().id;
    let actor = Actor::system("bench");
    let mut territories = Vec::new();
    for name in [
        "Lille Métropole",
        "Roubaix-Tourcoing",
        "Valenciennois",
        "Cambrésis",
        "Dunkerquois",
    ] {
        let draft = TerritoryDraft {
            name: name.into(),
            kind: TerritoryKind::Arrondissement,
            communes: vec![],
        };
        territories.push(
            db.create_territory(nord, &actor, draft.validate().unwrap())
                .await
                .unwrap()
                .id,
        );
    }
    for i in 0..o.centres {
        let draft = CentreDraft {
            kind: if i % 4 == 0 {
                CentreKind::Evs
            } else {
                CentreKind::CentreSocial
            },
            name: format!("Centre social n°{i}"),
            management: Some(if i % 3 == 0 {
                Management::Municipal
            } else {
                Management::Associative
            }),
            address: Some(format!("{i} rue de la République")),
            postal_code: Some("59000".into()),
            commune: format!("Commune {}", i % 40),
            insee_code: None,
            phone: Some(format!("03 20 {:02} {:02} {:02}", i % 100, (i / 100) % 100, 42)),
            email: Some(format!("accueil{i}@cs-nord.fr")),
            website: None,
            siret: None,
            accreditation: None,
            territory_id: Some(territories[i % territories.len()]),
            action_domains: vec![],
        };
        pactes_domain::directory::CentreRepository::create_centre(&db, nord, &actor, draft.validate().unwrap())
            .await
            .unwrap();
    }
    let viewer = token(&["viewer"]);
    let client = reqwest::Client::new();
    let ids: Vec<String> = {
        let reply: Value = client
            .post(&url)
            .bearer_auth(&viewer)
            .json(&json!({ "query": "{ centres(first: 100) { edges { node { id } } } }" }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        reply["data"]["centres"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
            .collect()
    };

    let list = "{ centres(first: 50) { totalCount edges { node { name commune phone territory { name } federation { slug } } } } }";
    let by_id = "query($id: ID!) { node(id: $id) { ... on Centre { name phone territory { name } } } }";
    let search = "{ centres(first: 20, filter: { search: \"social n°1\" }) { totalCount edges { node { name } } } }";
    let update = "mutation($id: ID!, $v: Int!, $e: String) { updateCentre(input: { id: $id, version: $v, email: $e }) { centre { version } userErrors { code } } }";
    let ids_for_reads = ids.clone();
    let scenarios = vec![
        Scenario {
            name: "list 50 centres + territory + federation",
            body: Box::new(move |_, _| json!({ "query": list })),
            token: viewer.clone(),
        },
        Scenario {
            name: "centre by id",
            body: Box::new(
                move |c, n| json!({ "query": by_id, "variables": { "id": ids_for_reads[(c * 7 + n) % ids_for_reads.len()] } }),
            ),
            token: viewer.clone(),
        },
        Scenario {
            name: "search by name",
            body: Box::new(move |_, _| json!({ "query": search })),
            token: viewer.clone(),
        },
    ];

    println!(
        "pactes benchmark: {backend}, {} clients, {} s per scenario, {} Nord centres",
        o.clients,
        o.seconds,
        o.centres + 13
    );
    let mut results: BTreeMap<String, Figures> = BTreeMap::new();
    for scenario in &scenarios {
        results.insert(scenario.name.to_owned(), run(&client, &url, &db, scenario, &o).await);
    }
    // Writes: each client updates its own centre, carrying the version it got back.
    results.insert(
        "update a centre (own row per client)".into(),
        run_updates(&client, &url, &db, &ids, update, &o).await,
    );

    let previous: Option<BTreeMap<String, Value>> = o.compare.as_ref().and_then(|name| {
        let text =
            std::fs::read_to_string(format!("{}/../target/bench/{name}.json", env!("CARGO_MANIFEST_DIR"))).ok()?;
        serde_json::from_str(&text).ok()
    });
    println!(
        "\n{:<42} {:>9} {:>7} {:>9} {:>9} {:>9} {:>11}",
        "scenario", "req/s", "errors", "p50 ms", "p95 ms", "p99 ms", "stmts/req"
    );
    for (name, f) in &results {
        println!(
            "{:<42} {:>9.0} {:>7} {:>9.2} {:>9.2} {:>9.2} {:>11.2}",
            name, f.rps, f.errors, f.p50_ms, f.p95_ms, f.p99_ms, f.statements_per_request
        );
        if let Some(before) = previous.as_ref().and_then(|p| p.get(name)) {
            let delta = |now: f64, key: &str| {
                let then = before[key].as_f64().unwrap_or(0.0);
                if then == 0.0 {
                    "   n/a".to_owned()
                } else {
                    format!("{:+6.1}%", (now - then) / then * 100.0)
                }
            };
            println!(
                "{:<42} {:>9} {:>7} {:>9} {:>9} {:>9} {:>11}",
                "  vs saved run",
                delta(f.rps, "rps"),
                "",
                delta(f.p50_ms, "p50_ms"),
                delta(f.p95_ms, "p95_ms"),
                delta(f.p99_ms, "p99_ms"),
                delta(f.statements_per_request, "statements_per_request")
            );
        }
    }
    if let Some(name) = o.save {
        let dir = format!("{}/../target/bench", env!("CARGO_MANIFEST_DIR"));
        std::fs::create_dir_all(&dir).unwrap();
        let json: BTreeMap<&String, Value> = results
            .iter()
            .map(|(k, f)| (k, json!({ "rps": f.rps, "p50_ms": f.p50_ms, "p95_ms": f.p95_ms, "p99_ms": f.p99_ms, "statements_per_request": f.statements_per_request, "requests": f.requests, "errors": f.errors })))
            .collect();
        std::fs::write(
            format!("{dir}/{name}.json"),
            serde_json::to_string_pretty(&json).unwrap(),
        )
        .unwrap();
        println!("\nsaved to target/bench/{name}.json");
    }
}

async fn run(
    client: &reqwest::Client,
    url: &str,
    db: &pactes_persistence::Database,
    scenario: &Scenario,
    o: &Options,
) -> Figures {
    let statements = db.statement_count();
    let deadline = Instant::now() + Duration::from_secs(o.seconds);
    let started = Instant::now();
    let scenario = std::sync::Arc::new(scenario);
    let mut tasks = Vec::new();
    for c in 0..o.clients {
        let client = client.clone();
        let url = url.to_owned();
        let body = &scenario.body;
        let requests: Vec<Value> = (0..4096).map(|n| body(c, n)).collect();
        let token = scenario.token.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0u64;
            let mut n = 0;
            while Instant::now() < deadline {
                let t = Instant::now();
                let reply = client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&requests[n % requests.len()])
                    .send()
                    .await;
                let ok = match reply {
                    Ok(r) if r.status().is_success() => r
                        .json::<Value>()
                        .await
                        .map(|v| v.get("errors").is_none())
                        .unwrap_or(false),
                    _ => false,
                };
                latencies.push(t.elapsed());
                errors += u64::from(!ok);
                n += 1;
            }
            (latencies, errors)
        }));
    }
    summarise(tasks, started, db, statements).await
}

async fn run_updates(
    client: &reqwest::Client,
    url: &str,
    db: &pactes_persistence::Database,
    ids: &[String],
    mutation: &'static str,
    o: &Options,
) -> Figures {
    let statements = db.statement_count();
    let deadline = Instant::now() + Duration::from_secs(o.seconds);
    let started = Instant::now();
    let staff = token(&["federation-staff"]);
    let mut tasks = Vec::new();
    for id in ids.iter().take(o.clients) {
        let (client, url, staff, id) = (client.clone(), url.to_owned(), staff.clone(), id.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0u64;
            let mut version = 1i64;
            let mut n = 0u64;
            while Instant::now() < deadline {
                let t = Instant::now();
                let body = json!({ "query": mutation, "variables": { "id": id, "v": version, "e": format!("w{n}@cs-nord.fr") } });
                let reply: Option<Value> = match client.post(&url).bearer_auth(&staff).json(&body).send().await {
                    Ok(r) => r.json().await.ok(),
                    Err(_) => None,
                };
                latencies.push(t.elapsed());
                match reply.as_ref().and_then(|r| r["data"]["updateCentre"]["centre"]["version"].as_i64()) {
                    Some(v) => version = v,
                    None => errors += 1,
                }
                n += 1;
            }
            (latencies, errors)
        }));
    }
    summarise(tasks, started, db, statements).await
}

/// Waits for every client, then reads the statement counter (counted from `statements_before`).
async fn summarise(
    tasks: Vec<tokio::task::JoinHandle<(Vec<Duration>, u64)>>,
    started: Instant,
    db: &pactes_persistence::Database,
    statements_before: u64,
) -> Figures {
    let mut all = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let (latencies, e) = task.await.unwrap();
        all.extend(latencies);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let statements = db.statement_count() - statements_before;
    all.sort();
    let requests = all.len() as u64;
    Figures {
        requests,
        errors,
        rps: requests as f64 / elapsed,
        p50_ms: percentile(&all, 0.50),
        p95_ms: percentile(&all, 0.95),
        p99_ms: percentile(&all, 0.99),
        statements_per_request: if requests == 0 {
            0.0
        } else {
            statements as f64 / requests as f64
        },
    }
}
