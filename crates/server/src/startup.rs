//! Building the application: used by `main` and by the tests alike, so tests run the real thing.

use std::net::TcpListener;
use std::time::Duration;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::{Compress, Condition, from_fn};
use actix_web::{App, HttpServer, guard, web};
use pactes_api::Engine;
use pactes_persistence::{ConnectError, Database};

use crate::auth::{Authenticator, JwtKeys, KeyError};
use crate::config::ServeArgs;
use crate::request_id;
use crate::routes::{funding_export, graphiql, graphql, health, indicators_export, minutes, pact_summary, socket};
use crate::state::AppState;

fn trusted_only(names: &[String]) -> Result<Vec<pactes_domain::Role>, StartupError> {
    names
        .iter()
        .map(|name| pactes_domain::Role::from_claim(name.trim()).ok_or_else(|| StartupError::Role(name.clone())))
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error(transparent)]
    Database(#[from] ConnectError),
    #[error("PACTES_TRUSTED_DOCUMENTS_ONLY names an unknown role: {0}")]
    Role(String),
    #[error("cannot set up the metrics: {0}")]
    Metrics(#[source] prometheus::Error),
    #[error("PACTES_CORS_ORIGINS takes origins such as https://app.example.org, not {0:?}")]
    Cors(String),
    #[error(transparent)]
    Mail(#[from] crate::mail::MailError),
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: std::net::SocketAddr,
        source: std::io::Error,
    },
}

pub struct Application {
    port: u16,
    server: Server,
    db: Database,
    /// The convocation letters' sender, when a mail server is configured.
    sender: Option<crate::mail::Sender>,
}

impl Application {
    /// Verifies the key configuration, connects, migrates, loads the demo data into an empty database, and
    /// binds the listener (port 0 picks a free port: see [`Application::port`]). Signals are the caller's
    /// business (see `commands::serve`), so a server embedded in tests ignores the test process's signals.
    pub async fn build(args: ServeArgs) -> Result<Application, StartupError> {
        let keys = JwtKeys::from_args(&args.jwt)?;
        if keys.dev_mode() {
            tracing::warn!(
                "DEVELOPMENT MODE: tokens are signed with the public development secret; anyone can forge them. \
                 Set PACTES_JWT_SECRET or PACTES_JWT_PUBLIC_KEY in production."
            );
        }
        let db = Database::connect(&args.database.settings()).await?;
        let loaded = match args.database.migration_settings() {
            Some(owner) => {
                let owner = Database::connect(&owner).await?;
                let loaded = owner.prepare(args.demo).await;
                owner.close().await;
                loaded?
            }
            None => db.prepare(args.demo).await?,
        };
        if loaded {
            tracing::info!("the database was empty: demo data loaded");
        }
        let sender = crate::mail::Sender::new(db.clone(), &args.mail)?;
        let listener = TcpListener::bind(args.listen).map_err(|source| StartupError::Listen {
            address: args.listen,
            source,
        })?;
        let port = listener
            .local_addr()
            .map_err(|source| StartupError::Listen {
                address: args.listen,
                source,
            })?
            .port();
        let state = web::Data::new(AppState {
            engine: Engine::new(args.limits.schema_limits()),
            db: db.clone(),
            auth: Authenticator::new(keys, db.clone()),
            max_body_bytes: args.limits.max_body_bytes,
            max_upload_bytes: args.limits.max_upload_bytes,
            max_batch: args.limits.max_batch,
            admission: crate::admission::Admission::new(args.limits.max_executing),
            max_response_bytes: args.limits.max_response_bytes,
            request_timeout: args.limits.request_timeout,
            limits: args.limits.schema_limits(),
            metrics: crate::metrics::Metrics::new().map_err(StartupError::Metrics)?,
            metrics_token: args.metrics_token.clone(),
            throttle: crate::throttle::Throttle::new(args.limits.cost_budget),
            trusted_only: trusted_only(&args.trusted_documents_only)?,
            mail_sending: sender.is_some(),
        });
        let origins = args.cors_origins.clone();
        if let Some(bad) = origins.iter().find(|o| o.trim() == "*" || !o.contains("://")) {
            return Err(StartupError::Cors(bad.clone()));
        }
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .wrap(Condition::new(!origins.is_empty(), cors(&origins)))
                .wrap(Compress::default())
                .wrap(from_fn(request_id::middleware))
                .route("/graphql", web::post().to(graphql::execute))
                .route(
                    "/graphql",
                    web::get()
                        .guard(guard::fn_guard(upgrades_to_websocket))
                        .to(socket::open),
                )
                .route("/graphql", web::get().to(graphql::get))
                .route(
                    &format!("{}/{{file}}", graphiql::ASSETS),
                    web::get().to(graphiql::asset),
                )
                .route("/pacts/{id}/summary.html", web::get().to(pact_summary::summary))
                .route("/meetings/{id}/minutes.html", web::get().to(minutes::minutes))
                .route("/export/funding.csv", web::get().to(funding_export::export))
                .route("/export/indicators.csv", web::get().to(indicators_export::export))
                .route("/healthz", web::get().to(health::healthz))
                .route("/readyz", web::get().to(health::readyz))
                .route("/metrics", web::get().to(crate::routes::metrics::metrics))
        })
        .shutdown_timeout(args.shutdown_timeout);
        if let Some(workers) = args.workers {
            server = server.workers(workers);
        }
        let server = server
            .disable_signals()
            .listen(listener)
            .map_err(|source| StartupError::Listen {
                address: args.listen,
                source,
            })?
            .client_request_timeout(Duration::from_secs(30))
            .run();
        tracing::info!(address = %args.listen, port, "pactes is listening");
        Ok(Application {
            port,
            server,
            db,
            sender,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The application's database handle (tests read its statement counter).
    pub fn database(&self) -> &Database {
        &self.db
    }

    /// Stops the server gracefully when called.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves (and sends letters) until stopped through [`Application::handle`]. A letter being sent when the
    /// server stops stays claimed until its lease ends, then another replica sends it.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let sending = self.sender.map(|sender| tokio::spawn(sender.run()));
        let served = self.server.await;
        if let Some(sending) = sending {
            sending.abort();
        }
        served
    }
}

/// A WebSocket handshake (`Upgrade: websocket`, in any case): the subscriptions' way in.
fn upgrades_to_websocket(ctx: &guard::GuardContext<'_>) -> bool {
    ctx.head()
        .headers()
        .get(actix_web::http::header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

/// Browsers on the configured origins may call the API: preflights answered, the bearer token allowed as a
/// header, never cookies (so no credentials, and never a wildcard). A request from any other origin gets no CORS
/// header, so the browser keeps its answer from the page; same-origin requests (GraphiQL) need none.
fn cors(origins: &[String]) -> actix_cors::Cors {
    use actix_web::http::header;
    let mut cors = actix_cors::Cors::default()
        .allowed_methods(["GET", "POST"])
        .allowed_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        .allowed_header("x-request-id")
        .expose_headers(["x-request-id", "retry-after"])
        .max_age(600)
        .block_on_origin_mismatch(false);
    for origin in origins {
        cors = cors.allowed_origin(origin.trim());
    }
    cors
}
