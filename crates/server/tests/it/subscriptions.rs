//! Subscriptions as a client meets them: `pactes` server processes, the `graphql-ws` client from npm
//! (`tests/clients/subscribe.mjs`) on one of them, and changes written over HTTP through another. Events are
//! awaited as the client prints them; nothing sleeps to synchronise.

use std::process::Stdio;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pactes_persistence::scratch::{self, Contents, Scratch};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};

const SECRET: &str = "a-subscription-test-secret-long-enough-for-hs256";
/// Longer than any event takes on a loaded machine; a test that waits this long has failed.
const PATIENCE: Duration = Duration::from_secs(30);
const CHANGES: &str = "subscription($after: ID, $kinds: [EntityKind!]) { \
    changes(after: $after, kinds: $kinds) { id action entityType entityId federation { slug } changes { field after } } }";

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

pub(crate) fn token(federation: &str, roles: &[&str], lifetime: u64) -> String {
    let claims =
        json!({ "sub": format!("test:{federation}"), "exp": now() + lifetime, "roles": roles, "fed": federation });
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(SECRET.as_bytes()),
    )
    .unwrap()
}

/// A `pactes serve` process.
pub(crate) struct Replica {
    child: Child,
    pub(crate) port: u16,
}

impl Replica {
    /// The process's peak resident memory so far, in bytes (`VmHWM`).
    pub(crate) fn peak_memory(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id().unwrap())).unwrap();
        let kib: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap();
        kib * 1024
    }

    pub(crate) async fn start(database_url: &str) -> Replica {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pactes"))
            .args(["serve", "--listen", "127.0.0.1:0", "--workers", "1"])
            .env("DATABASE_URL", database_url)
            .env("PACTES_JWT_SECRET", SECRET)
            .env("PACTES_DEMO", "1")
            .env("PACTES_LOG_FORMAT", "json")
            .env("RUST_LOG", "info")
            .env_remove("PACTES_DEV")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("pactes starts");
        let mut log = BufReader::new(child.stdout.take().unwrap()).lines();
        let port = loop {
            let line = log.next_line().await.unwrap().expect("the server logs that it listens");
            let event: Value = serde_json::from_str(&line).unwrap_or_default();
            if event["fields"]["message"] == "pactes is listening" {
                break event["fields"]["port"].as_u64().unwrap() as u16;
            }
        };
        // The rest of the log is not read: keep the pipe drained so the server never blocks on it.
        tokio::spawn(async move { while let Ok(Some(_)) = log.next_line().await {} });
        Replica { child, port }
    }

    async fn gql(&self, token: &str, query: &str, variables: Value) -> Value {
        let reply = reqwest::Client::new()
            .post(format!("http://127.0.0.1:{}/graphql", self.port))
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .unwrap();
        let body: Value = reply.json().await.unwrap();
        assert!(body["errors"].is_null(), "{body}");
        body["data"].clone()
    }

    /// The newest audit entry's id a federation administrator sees: where a subscription resumes from.
    async fn newest_entry(&self, admin: &str) -> Value {
        let data = self
            .gql(admin, "{ auditLog(first: 1) { edges { node { id } } } }", json!({}))
            .await;
        data["auditLog"]["edges"][0]["node"]["id"].clone()
    }

    /// Creates a territory: one change, one audit entry. Returns its id.
    async fn create_territory(&self, staff: &str, name: &str) -> String {
        let data = self
            .gql(
                staff,
                "mutation($name: String!) { createTerritory(input: { name: $name, kind: EPCI }) \
                 { territory { id } userErrors { code } } }",
                json!({ "name": name }),
            )
            .await;
        data["createTerritory"]["territory"]["id"].as_str().unwrap().to_owned()
    }

    fn ws(&self) -> String {
        format!("ws://127.0.0.1:{}/graphql", self.port)
    }
}

/// The graphql-ws client, subscribed.
struct Subscriber {
    _child: Child,
    lines: Lines<BufReader<ChildStdout>>,
}

impl Subscriber {
    async fn start(url: &str, token: &str, query: &str, variables: Value) -> Subscriber {
        let dir = clients().await;
        let mut child = Command::new("node")
            .arg(format!("{dir}/subscribe.mjs"))
            .args([url, token, query, &variables.to_string()])
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("node (Node.js) runs the graphql-ws client");
        let lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut subscriber = Subscriber { _child: child, lines };
        assert_eq!(subscriber.event().await["event"], "connected");
        subscriber
    }

    /// The client's next event: connected, next, error, complete or closed.
    async fn event(&mut self) -> Value {
        let line = tokio::time::timeout(PATIENCE, self.lines.next_line())
            .await
            .expect("an event in time")
            .unwrap()
            .expect("the client is still running");
        serde_json::from_str(&line).unwrap()
    }

    /// The next count of a campaign's progress it was sent.
    async fn progress(&mut self) -> Value {
        let event = self.event().await;
        assert_eq!(event["event"], "next", "{event}");
        assert!(event["payload"]["errors"].is_null(), "{event}");
        event["payload"]["data"]["campaignProgress"].clone()
    }

    /// The next change it was sent.
    async fn change(&mut self) -> Value {
        let event = self.event().await;
        assert_eq!(event["event"], "next", "{event}");
        assert!(event["payload"]["errors"].is_null(), "{event}");
        event["payload"]["data"]["changes"].clone()
    }
}

/// `tests/clients` with its npm packages, installed once per test binary.
async fn clients() -> &'static str {
    static INSTALLED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/clients");
    INSTALLED
        .get_or_init(|| async {
            if std::path::Path::new(&format!("{dir}/node_modules/.package-lock.json")).exists() {
                return;
            }
            let installed = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--prefix", dir])
                .status()
                .await
                .expect("npm (from Node.js) installs the clients");
            assert!(installed.success(), "npm ci in {dir}");
        })
        .await;
    dir
}

fn territory_of(change: &Value) -> String {
    change["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "name")
        .and_then(|c| c["after"].as_str())
        .unwrap_or_default()
        .to_owned()
}

/// Subscribes a Nord and a Pas-de-Calais administrator to `on` and writes through `through`: Nord's
/// subscriber gets Nord's changes in order — the second one necessarily live, after the first was sent — and
/// Pas-de-Calais's subscriber gets its own change first, never Nord's.
async fn changes_reach_their_federation_only(on: &Replica, through: &Replica) {
    let (nord_admin, pdc_admin) = (
        token("nord", &["federation-admin"], 600),
        token("pas-de-calais", &["federation-admin"], 600),
    );
    let (nord_staff, pdc_staff) = (
        token("nord", &["federation-staff"], 600),
        token("pas-de-calais", &["federation-staff"], 600),
    );
    let nord_after = on.newest_entry(&nord_admin).await;
    let pdc_after = on.newest_entry(&pdc_admin).await;
    let mut nord = Subscriber::start(&on.ws(), &nord_admin, CHANGES, json!({ "after": nord_after })).await;
    let mut pdc = Subscriber::start(&on.ws(), &pdc_admin, CHANGES, json!({ "after": pdc_after })).await;
    let mut only_centres = Subscriber::start(
        &on.ws(),
        &nord_admin,
        CHANGES,
        json!({ "after": nord_after, "kinds": ["CENTRE"] }),
    )
    .await;

    let first = through.create_territory(&nord_staff, "Cœur d'Ostrevent").await;
    let change = nord.change().await;
    assert_eq!(change["entityId"], first);
    assert_eq!(change["action"], "CREATE");
    assert_eq!(change["entityType"], "Territory");
    assert_eq!(change["federation"]["slug"], "nord");
    assert_eq!(territory_of(&change), "Cœur d'Ostrevent");

    // Nord's subscription has caught up: the next change can only reach it live, through PostgreSQL's notice
    // when `through` is another replica.
    let second = through.create_territory(&nord_staff, "Pévèle Carembault").await;
    let change = nord.change().await;
    assert_eq!(change["entityId"], second, "{change}");
    assert_eq!(territory_of(&change), "Pévèle Carembault");

    let theirs = through.create_territory(&pdc_staff, "Pays de Saint-Omer").await;
    let change = pdc.change().await;
    assert_eq!(
        change["entityId"], theirs,
        "Pas-de-Calais's first event is its own change, not one of Nord's written before it"
    );
    assert_eq!(change["federation"]["slug"], "pas-de-calais");

    // Nord's next event is its next change, not Pas-de-Calais's; a subscriber to centres only skipped the
    // territories and gets the centre.
    let centre = through
        .gql(
            &nord_staff,
            "mutation { createCentre(input: { kind: EVS, name: \"EVS du Raquet\", commune: \"Douai\" }) \
             { centre { id } userErrors { code } } }",
            json!({}),
        )
        .await;
    let centre = &centre["createCentre"]["centre"]["id"];
    let change = nord.change().await;
    assert_eq!(
        change["entityId"], *centre,
        "Nord never sees Pas-de-Calais's change: {change}"
    );
    let change = only_centres.change().await;
    assert_eq!(change["entityType"], "Centre");
    assert_eq!(change["entityId"], *centre);
}

/// A PostgreSQL copy of the demo, or `None` when PostgreSQL is knowingly skipped (`PACTES_SKIP_POSTGRES=1`).
async fn demo_on_postgres() -> Option<Scratch> {
    let url = match std::env::var(scratch::TEST_DATABASE_URL) {
        Ok(url) => url,
        Err(_) if std::env::var("PACTES_SKIP_POSTGRES").is_ok_and(|v| v == "1") => {
            eprintln!("PostgreSQL test skipped: PACTES_SKIP_POSTGRES=1");
            return None;
        }
        Err(_) => panic!("TEST_DATABASE_URL is not set (or set PACTES_SKIP_POSTGRES=1 to skip PostgreSQL)"),
    };
    Some(scratch::postgres(&url, Contents::Demo, "e2e").await.unwrap())
}

#[tokio::test]
async fn a_change_written_through_one_replica_reaches_the_subscribers_of_its_federation_on_another() {
    let Some(database) = demo_on_postgres().await else {
        return;
    };
    let a = Replica::start(&database.settings.url).await;
    let b = Replica::start(&database.settings.url).await;
    changes_reach_their_federation_only(&a, &b).await;
}

/// SQLite embeds the database in one process: changes are announced in memory, after commit.
#[tokio::test]
async fn on_sqlite_a_change_reaches_the_subscribers_of_its_federation_in_the_same_process() {
    let dir = tempfile::tempdir().unwrap();
    let replica = Replica::start(&format!("sqlite://{}/p.db?mode=rwc", dir.path().display())).await;
    changes_reach_their_federation_only(&replica, &replica).await;
}

#[tokio::test]
async fn the_socket_closes_when_its_token_expires_and_admits_only_valid_tokens_of_administrators() {
    let dir = tempfile::tempdir().unwrap();
    let replica = Replica::start(&format!("sqlite://{}/p.db?mode=rwc", dir.path().display())).await;

    // A token living two more seconds: the socket is closed when it expires, with the protocol's 4403.
    let short = token("nord", &["federation-admin"], 2);
    let mut subscriber = Subscriber::start(&replica.ws(), &short, CHANGES, json!({})).await;
    let closed = loop {
        let event = subscriber.event().await;
        assert_ne!(event["event"], "next", "{event}");
        if event["event"] == "closed" {
            break event;
        }
    };
    assert_eq!(closed["code"], 4403, "{closed}");
    assert!(closed["reason"].as_str().unwrap().contains("expired"), "{closed}");

    // A forged token is refused at connection_init.
    let forged = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &json!({ "sub": "x", "exp": now() + 600, "roles": ["federation-admin"], "fed": "nord" }),
        &jsonwebtoken::EncodingKey::from_secret(b"not-the-server-secret-not-the-server-secret"),
    )
    .unwrap();
    let dir_clients = clients().await;
    let output = Command::new("node")
        .arg(format!("{dir_clients}/subscribe.mjs"))
        .args([&replica.ws(), &forged, CHANGES, "{}"])
        .output()
        .await
        .unwrap();
    let events: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let closed = events.iter().find(|e| e["event"] == "closed").expect("closed");
    assert_eq!(closed["code"], 4403, "{events:?}");
    assert!(events.iter().all(|e| e["event"] != "next"), "{events:?}");

    // A viewer may not read the audit log, so not its changes either.
    let viewer = token("nord", &["viewer"], 600);
    let mut subscriber = Subscriber::start(&replica.ws(), &viewer, CHANGES, json!({})).await;
    let refused = subscriber.event().await;
    assert_eq!(refused["event"], "next", "{refused}");
    assert_eq!(
        refused["payload"]["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{refused}"
    );

    // Queries go over HTTP, where budgets and deadlines apply.
    let admin = token("nord", &["federation-admin"], 600);
    let mut subscriber = Subscriber::start(&replica.ws(), &admin, "{ centres { totalCount } }", json!({})).await;
    let refused = subscriber.event().await;
    assert_eq!(
        refused["payload"]["errors"][0]["extensions"]["code"], "BAD_REQUEST",
        "{refused}"
    );
}

/// Nothing a socket read for one event is shown for the next: each event is resolved afresh, so a federation
/// renamed between two events shows its new name in the second.
#[tokio::test]
async fn each_event_is_resolved_afresh_not_from_what_the_socket_read_before() {
    let dir = tempfile::tempdir().unwrap();
    let replica = Replica::start(&format!("sqlite://{}/p.db?mode=rwc", dir.path().display())).await;
    let (admin, staff) = (
        token("nord", &["federation-admin"], 600),
        token("nord", &["federation-staff"], 600),
    );
    let national = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &json!({ "sub": "test:national", "exp": now() + 600, "roles": ["national-admin"] }),
        &jsonwebtoken::EncodingKey::from_secret(SECRET.as_bytes()),
    )
    .unwrap();
    let nord = replica
        .gql(&admin, "{ viewer { federation { id name version } } }", json!({}))
        .await["viewer"]["federation"]
        .clone();
    let query = "subscription { changes(kinds: [TERRITORY]) { entityId federation { name } } }";
    let mut subscriber = Subscriber::start(&replica.ws(), &admin, query, json!({})).await;

    replica.create_territory(&staff, "Douaisis Agglo").await;
    assert_eq!(subscriber.change().await["federation"]["name"], nord["name"]);

    let renamed = "Fédération des centres sociaux du Nord et du Hainaut";
    replica
        .gql(
            &national,
            "mutation($id: ID!, $version: Int!, $name: String) { updateFederation(input: { id: $id, version: $version, name: $name }) { userErrors { code } } }",
            json!({ "id": nord["id"], "version": nord["version"], "name": renamed }),
        )
        .await;
    replica.create_territory(&staff, "Cœur d'Ostrevent").await;
    assert_eq!(subscriber.change().await["federation"]["name"], renamed);
}

const PROGRESS: &str = "subscription($id: ID!) { campaignProgress(campaignId: $id) { centresExpected centresSubmitted \
    valuesExpected valuesPresent } }";

/// A dashboard follows the Nord's 2024 campaign on `on` while centres submit through `through`: the count as it
/// is first, then one event per change of it, none for what does not move it.
async fn progress_follows_the_submissions(on: &Replica, through: &Replica) {
    let admin = token("nord", &["federation-admin"], 600);
    let viewer = token("nord", &["viewer"], 600);
    let campaign = through
        .gql(
            &admin,
            "{ campaigns(year: 2024) { id completeness { centresExpected centresSubmitted valuesExpected \
             valuesPresent } submissions { centre { id } } } }",
            json!({}),
        )
        .await["campaigns"][0]
        .clone();
    let id = campaign["id"].as_str().unwrap().to_owned();
    let mut dashboard = Subscriber::start(&on.ws(), &viewer, PROGRESS, json!({ "id": id })).await;
    let before = dashboard.progress().await;
    assert_eq!(before, campaign["completeness"]);
    let submitted = before["centresSubmitted"].as_u64().unwrap();
    const SUBMIT: &str = "mutation($campaign: ID!, $centre: ID!) { transitionSubmission(input: { campaignId: \
        $campaign, centreId: $centre, to: SUBMITTED }) { userErrors { code message } } }";
    // A change elsewhere (another federation's, or one that moves no count) sends nothing; the submissions do.
    through
        .create_territory(&token("pas-de-calais", &["federation-staff"], 600), "Audomarois")
        .await;
    through.create_territory(&admin, "Avesnois").await;
    for (n, submission) in campaign["submissions"].as_array().unwrap().iter().take(2).enumerate() {
        let reply = through
            .gql(
                &admin,
                SUBMIT,
                json!({ "campaign": id, "centre": submission["centre"]["id"] }),
            )
            .await;
        assert_eq!(reply["transitionSubmission"]["userErrors"], json!([]), "{reply}");
        let now = dashboard.progress().await;
        assert_eq!(
            now["centresSubmitted"].as_u64().unwrap(),
            submitted + n as u64 + 1,
            "{now}"
        );
        assert_eq!(now["valuesPresent"], before["valuesPresent"]);
    }
    // Another federation's token cannot follow the Nord's campaign.
    let theirs = token("pas-de-calais", &["viewer"], 600);
    let mut refused = Subscriber::start(&on.ws(), &theirs, PROGRESS, json!({ "id": id })).await;
    let event = refused.event().await;
    assert_eq!(
        event["payload"]["errors"][0]["extensions"]["code"], "INVALID_ARGUMENT",
        "{event}"
    );
}

#[tokio::test]
async fn a_campaigns_progress_reaches_a_dashboard_on_another_replica() {
    let Some(database) = demo_on_postgres().await else {
        return;
    };
    let a = Replica::start(&database.settings.url).await;
    let b = Replica::start(&database.settings.url).await;
    progress_follows_the_submissions(&a, &b).await;
}

#[tokio::test]
async fn on_sqlite_a_campaigns_progress_reaches_a_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let replica = Replica::start(&format!("sqlite://{}/p.db?mode=rwc", dir.path().display())).await;
    progress_follows_the_submissions(&replica, &replica).await;
}

/// A PostgreSQL cluster of this test's own, in a temporary directory, so that restarting it disturbs no other
/// test: Debian's `initdb` and `pg_ctl`, run as `postgres` when the test runs as root (PostgreSQL refuses root).
struct Cluster {
    dir: tempfile::TempDir,
    port: u16,
}

impl Cluster {
    fn bin(tool: &str) -> String {
        let versions = std::fs::read_dir("/usr/lib/postgresql").expect("PostgreSQL's server binaries");
        let newest = versions
            .filter_map(|v| v.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .max()
            .expect("a PostgreSQL version in /usr/lib/postgresql");
        format!("/usr/lib/postgresql/{newest}/bin/{tool}")
    }

    /// Runs a PostgreSQL tool over the cluster's directory, as the directory's owner.
    fn run(tool: &str, args: &[&str]) {
        let root = std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0);
        let mut command = if root.unwrap_or(false) {
            let mut c = std::process::Command::new("runuser");
            c.args(["-u", "postgres", "--", &Cluster::bin(tool)]);
            c
        } else {
            std::process::Command::new(Cluster::bin(tool))
        };
        let output = command.args(args).output().expect("a PostgreSQL tool runs");
        assert!(
            output.status.success(),
            "{tool} {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn start() -> Cluster {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0);
        if root.unwrap_or(false) {
            let chown = std::process::Command::new("chown")
                .args(["postgres:postgres", &dir.path().display().to_string()])
                .status()
                .unwrap();
            assert!(chown.success());
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let cluster = Cluster { dir, port };
        let data = cluster.data();
        Cluster::run(
            "initdb",
            &["-D", &data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"],
        );
        Cluster::control(cluster.dir.path(), port, "start");
        cluster
    }

    fn data(&self) -> String {
        format!("{}/data", self.dir.path().display())
    }

    /// `pg_ctl <action>`, off the test's runtime so that what the test runs beside it (a writer, the listener)
    /// keeps running meanwhile.
    async fn pg_ctl(&self, action: &'static str) {
        let (dir, port) = (self.dir.path().to_owned(), self.port);
        tokio::task::spawn_blocking(move || Cluster::control(&dir, port, action))
            .await
            .unwrap();
    }

    fn control(dir: &std::path::Path, port: u16, action: &str) {
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            dir.display()
        );
        let data = format!("{}/data", dir.display());
        let log = format!("{}/log", dir.display());
        Cluster::run(
            "pg_ctl",
            &["-D", &data, "-l", &log, "-o", &options, "-m", "fast", "-w", action],
        );
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data();
        let _ = std::panic::catch_unwind(|| Cluster::run("pg_ctl", &["-D", &data, "-m", "immediate", "stop"]));
    }
}

/// A subscriber keeps following while PostgreSQL restarts under a stream of writes: every change committed —
/// before, during the listener's reconnection, after — reaches it, once. The writes that fail while the database
/// is down are not counted; the audit log, read at the end, says what was committed.
#[tokio::test]
async fn a_subscriber_misses_no_change_committed_while_postgresql_restarts() {
    if std::env::var("PACTES_SKIP_POSTGRES").is_ok_and(|v| v == "1") {
        eprintln!("PostgreSQL test skipped: PACTES_SKIP_POSTGRES=1");
        return;
    }
    let cluster = Cluster::start();
    let replica = Replica::start(&cluster.url()).await;
    let (admin, staff) = (
        token("nord", &["federation-admin"], 600),
        token("nord", &["federation-staff"], 600),
    );
    let after = replica.newest_entry(&admin).await;
    let mut subscriber = Subscriber::start(&replica.ws(), &admin, CHANGES, json!({ "after": after })).await;

    // Territories written one after another, as fast as the server takes them, until told to stop; a write
    // refused while the database is down is tried no more.
    let (stop, mut stopped) = tokio::sync::watch::channel(false);
    let writes = tokio::sync::watch::channel(0u32);
    let (written, mut written_seen) = (writes.0, writes.1);
    let (refused, mut refused_seen) = tokio::sync::watch::channel(0u32);
    let port = replica.port;
    let writer = tokio::spawn(async move {
        let client = reqwest::Client::new();
        let mut n = 0u32;
        while !*stopped.borrow_and_update() {
            n += 1;
            let reply = client
                .post(format!("http://127.0.0.1:{port}/graphql"))
                .bearer_auth(&staff)
                .json(&json!({
                    "query": "mutation($name: String!) { createTerritory(input: { name: $name, kind: EPCI }) \
                              { territory { id } } }",
                    "variables": { "name": format!("Territoire {n}") },
                }))
                .send()
                .await;
            let ok = match reply {
                Ok(reply) => reply.json::<Value>().await.is_ok_and(|b| b["errors"].is_null()),
                Err(_) => false,
            };
            let count = if ok { &written } else { &refused };
            count.send_modify(|count| *count += 1);
        }
    });

    // Some changes heard live, then the restart, then writes until well after the listener is back.
    written_seen.wait_for(|n| *n >= 5).await.unwrap();
    let mut heard = Vec::new();
    for _ in 0..3 {
        heard.push(subscriber.change().await["id"].as_str().unwrap().to_owned());
    }
    let before_restart = *written_seen.borrow();
    // Down long enough for writes to be refused, then up again.
    cluster.pg_ctl("stop").await;
    refused_seen.wait_for(|n| *n >= 1).await.unwrap();
    cluster.pg_ctl("start").await;
    written_seen.wait_for(|n| *n >= before_restart + 40).await.unwrap();
    stop.send(true).unwrap();
    writer.await.unwrap();

    // What was committed since the subscription began, newest first in the log.
    let mut committed = Vec::new();
    let mut cursor: Option<String> = None;
    'pages: loop {
        let page = replica
            .gql(
                &admin,
                "query($after: String) { auditLog(first: 100, after: $after) { edges { node { id } } \
                 pageInfo { hasNextPage endCursor } } }",
                json!({ "after": cursor }),
            )
            .await;
        for edge in page["auditLog"]["edges"].as_array().unwrap() {
            if edge["node"]["id"] == after {
                break 'pages;
            }
            committed.push(edge["node"]["id"].as_str().unwrap().to_owned());
        }
        assert_eq!(
            page["auditLog"]["pageInfo"]["hasNextPage"], true,
            "the log reaches back to {after}"
        );
        cursor = page["auditLog"]["pageInfo"]["endCursor"].as_str().map(str::to_owned);
    }
    committed.reverse();
    while heard.len() < committed.len() {
        heard.push(subscriber.change().await["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(heard, committed, "every committed change, once, in order");
}
