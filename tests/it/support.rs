//! `TestApp::spawn()` starts the real server on a free port, with a database of its own (a PostgreSQL schema
//! when `TEST_DATABASE_URL` is set, otherwise a temporary SQLite file) holding the demo data. Tests speak to it
//! over HTTP with `gql`. The server's logs are silent unless `TEST_LOG` is set.

use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use pactes_persistence::scratch::{self, Contents, Scratch};
use pactes_persistence::{Database, DatabaseSettings};
use pactes_server::Application;
use pactes_server::config::{DatabaseArgs, JwtArgs, LimitArgs, LogFormat, Secret, ServeArgs};
use serde_json::{Value, json};

pub const SECRET: &str = "a-test-secret-that-is-long-enough-for-hs256";
pub const ISSUER: &str = "https://idp.pactes.test";
pub const AUDIENCE: &str = "pactes-api";

pub struct TestApp {
    pub address: String,
    pub db: Database,
    /// Its database, for another replica on it.
    settings: DatabaseSettings,
    pub client: reqwest::Client,
    _scratch: Option<Scratch>,
    _dir: Option<tempfile::TempDir>,
}

pub struct Reply {
    pub status: u16,
    pub body: Value,
}

impl Reply {
    /// The `extensions.code` of every top-level error.
    pub fn codes(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| e["extensions"]["code"].as_str().unwrap_or("UNCODED").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn data(&self) -> &Value {
        &self.body["data"]
    }
}

pub fn jwt_args() -> JwtArgs {
    JwtArgs {
        jwt_secret: Some(Secret::new(SECRET)),
        jwt_public_key: None,
        jwt_issuers: None,
        jwt_issuer: Some(ISSUER.into()),
        jwt_audience: Some(AUDIENCE.into()),
        jwt_max_lifetime: std::time::Duration::from_secs(24 * 3600),
        dev: false,
    }
}

/// A copy of the demo database: on PostgreSQL when `TEST_DATABASE_URL` is set, unless `PACTES_TEST_BACKEND=sqlite`
/// asks for SQLite (CI runs a subset of the end-to-end tests so, on both databases).
async fn database() -> (Scratch, Option<tempfile::TempDir>) {
    let sqlite = std::env::var("PACTES_TEST_BACKEND").is_ok_and(|b| b == "sqlite");
    match std::env::var(scratch::TEST_DATABASE_URL) {
        Ok(url) if !sqlite => (
            scratch::postgres(&url, Contents::Demo, "e2e")
                .await
                .expect("a PostgreSQL copy"),
            None,
        ),
        _ => {
            let dir = tempfile::tempdir().expect("temporary directory");
            let copy = scratch::sqlite(dir.path(), Contents::Demo)
                .await
                .expect("a SQLite copy");
            (copy, Some(dir))
        }
    }
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(jwt_args()).await
    }

    pub async fn spawn_with(jwt: JwtArgs) -> TestApp {
        TestApp::spawn_configured(|args| args.jwt = jwt).await
    }

    /// With settings of the test's own (limits, deadlines) on top of the usual ones.
    pub async fn spawn_configured(configure: impl FnOnce(&mut ServeArgs)) -> TestApp {
        let (scratch, dir) = database().await;
        let settings = scratch.settings.clone();
        TestApp::start_with(settings, Some(scratch), dir, configure).await
    }

    /// On a database of the caller's (its `public` schema).
    pub async fn spawn_on(url: &str) -> TestApp {
        TestApp::start_with(DatabaseSettings::new(url), None, None, |_| {}).await
    }

    async fn start_with(
        settings: DatabaseSettings,
        scratch: Option<Scratch>,
        dir: Option<tempfile::TempDir>,
        configure: impl FnOnce(&mut ServeArgs),
    ) -> TestApp {
        if std::env::var("TEST_LOG").is_ok() {
            pactes_server::telemetry::init(LogFormat::Text);
        }
        let mut args = ServeArgs {
            listen: "127.0.0.1:0".parse().expect("address"),
            demo: true,
            workers: Some(1),
            shutdown_timeout: 1,
            database: DatabaseArgs {
                database_url: Secret::new(settings.url.clone()),
                migration_database_url: None,
                database_schema: settings.schema.clone(),
                db_max_connections: settings.max_connections,
                db_statement_timeout: settings.statement_timeout,
                partner_min_group: settings.partner_min_group,
            },
            jwt: jwt_args(),
            cors_origins: Vec::new(),
            metrics_token: None,
            trusted_documents_only: Vec::new(),
            mail: pactes_server::config::MailArgs {
                smtp_url: None,
                mail_from: "Pactes <convocations@localhost>".to_owned(),
                mail_poll: std::time::Duration::from_secs(1),
                mail_retry_max: std::time::Duration::from_secs(1),
            },
            limits: LimitArgs {
                max_body_bytes: 64 * 1024,
                max_upload_bytes: 16 * 1024 * 1024,
                max_depth: 12,
                max_complexity: 5_000,
                max_aliases: 30,
                max_fields: 2_000,
                max_root_fields: 20,
                max_batch: 10,
                max_response_bytes: 4 * 1024 * 1024,
                max_executing: 32,
                request_timeout: std::time::Duration::from_secs(10),
                cost_budget: 1_000_000,
            },
        };
        configure(&mut args);
        let app = Application::build(args).await.expect("the application starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        let db = app.database().clone();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            db,
            settings,
            // Idle connections are dropped before the server's keep-alive (5 s) closes them: a request on a
            // connection the server is closing at that instant fails ("incomplete message"), after a test's
            // longer wait on something else (a mail server's mailbox).
            client: reqwest::Client::builder()
                .pool_idle_timeout(std::time::Duration::from_secs(2))
                .build()
                .expect("an HTTP client"),
            _scratch: scratch,
            _dir: dir,
        }
    }

    /// Another replica on this one's database, with settings of the test's own.
    pub async fn replica(&self, configure: impl FnOnce(&mut ServeArgs)) -> TestApp {
        TestApp::start_with(self.settings.clone(), None, None, configure).await
    }

    /// A POST to /graphql; `token` is the bearer token, if any.
    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Reply {
        self.post(token, &json!({ "query": query, "variables": variables }))
            .await
    }

    pub async fn post(&self, token: Option<&str>, body: &Value) -> Reply {
        let mut request = self.client.post(format!("{}/graphql", self.address)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status().as_u16();
        let body = response.json().await.expect("a JSON body");
        Reply { status, body }
    }

    /// A token of `federation` with `roles`, signed as the configured identity provider would.
    pub fn token(&self, federation: Option<&str>, roles: &[&str]) -> String {
        token_with(federation, roles, json!({}))
    }
}

pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_secs()
}

/// An HS256 token with the standard claims, overridden or extended by `extra`.
pub fn token_with(federation: Option<&str>, roles: &[&str], extra: Value) -> String {
    let mut claims = json!({
        "sub": format!("test:{}", roles.join("+")),
        "exp": now() + 600,
        "iss": ISSUER,
        "aud": AUDIENCE,
        "roles": roles,
    });
    if let Some(federation) = federation {
        claims["fed"] = json!(federation);
    }
    for (key, value) in extra.as_object().cloned().unwrap_or_default() {
        claims[key] = value;
    }
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(SECRET.as_bytes()),
    )
    .expect("sign")
}

/// The ids and names of every centre a token sees.
pub async fn centres(app: &TestApp, token: &str) -> Vec<(String, String)> {
    let reply = app
        .gql(
            Some(token),
            "{ centres(first: 100) { edges { node { id name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.data()["centres"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            (
                e["node"]["id"].as_str().unwrap_or_default().to_owned(),
                e["node"]["name"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The user errors of a mutation's payload, as (field path joined by dots, code).
pub fn user_errors(payload: &Value) -> Vec<(String, String)> {
    payload["userErrors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    let field: Vec<&str> = e["field"]
                        .as_array()
                        .map(|f| f.iter().filter_map(|p| p.as_str()).collect())
                        .unwrap_or_default();
                    (field.join("."), e["code"].as_str().unwrap_or_default().to_owned())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The id of a partner of `federation` (read from the database, so it works whatever keys the server takes),
/// for a partner token's `partner` claim.
pub async fn a_partner_of(app: &TestApp, federation: &str) -> String {
    use pactes_domain::directory::{FederationRepository, PartnerFilter, PartnerOrder, PartnerRepository};
    let id = app
        .db
        .federation_by_slug_public(federation)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no federation {federation}"))
        .id;
    let page = pactes_domain::page::PageRequest::Forward { limit: 1, after: None };
    let partners = app
        .db
        .list_partners(
            &pactes_domain::Scope::Federation(id),
            &PartnerFilter::default(),
            PartnerOrder::default(),
            &page,
        )
        .await
        .unwrap();
    partners.items[0].id.to_string()
}

/// `tests/clients`, the real clients some tests drive (Chromium through Playwright, the graphql-ws client).
pub async fn node_clients() -> &'static str {
    static INSTALLED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    npm_installed(&INSTALLED, concat!(env!("CARGO_MANIFEST_DIR"), "/clients")).await
}

/// The npm package at `dir`, its dependencies installed on first use, once for the whole test binary.
pub async fn npm_installed(once: &'static tokio::sync::OnceCell<()>, dir: &'static str) -> &'static str {
    once.get_or_init(|| async {
        if std::path::Path::new(&format!("{dir}/node_modules/.package-lock.json")).exists() {
            return;
        }
        let installed = tokio::process::Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix", dir])
            .status()
            .await
            .expect("npm (from Node.js) is needed for the client tests");
        assert!(installed.success(), "npm ci in {dir}");
    })
    .await;
    dir
}
