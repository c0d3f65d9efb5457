//! The connections: sea-orm's pool with the hooks that set each connection's tenant (row-level security),
//! the connections kept aside between statements ([`Parked`]), and the statement counter. It knows no request
//! and no repository: the facade (`database.rs`) holds it, and a request's figures are counted through the
//! function the facade gives it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{ConnectOptions, DatabaseBackend, DatabaseConnection};

use crate::error::ConnectError;
use crate::parked::Parked;
use crate::row_security;

#[derive(Clone, Debug)]
pub struct DatabaseSettings {
    /// `sqlite://path?mode=rwc` or `postgres://…`.
    pub url: String,
    /// PostgreSQL only: the schema to work in (tests give each test its own).
    pub schema: Option<String>,
    pub max_connections: u32,
    /// The longest one statement may run (PostgreSQL's `statement_timeout`) or wait for SQLite's write lock
    /// (`busy_timeout`): a stuck query fails instead of holding a connection and a worker.
    pub statement_timeout: Duration,
    /// The fewest reporting centres in a group of indicators a partner reads; smaller groups are withheld
    /// (`pactes_domain::indicators::withhold_small_groups`).
    pub partner_min_group: u64,
}

impl DatabaseSettings {
    pub fn new(url: impl Into<String>) -> DatabaseSettings {
        DatabaseSettings {
            url: url.into(),
            schema: None,
            max_connections: 10,
            statement_timeout: Duration::from_secs(5),
            partner_min_group: pactes_domain::indicators::DEFAULT_MIN_GROUP,
        }
    }
}

/// How many connections of the pool are in use and idle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolUsage {
    pub in_use: u32,
    pub idle: u32,
}

/// The longest a statement waits for a connection.
pub(crate) const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// Cheap to clone; every clone shares the connections and the counter.
#[derive(Clone)]
pub(crate) struct Pool {
    pub(crate) conn: DatabaseConnection,
    /// Requests' connections between requests (PostgreSQL), see [`crate::session`].
    pub(crate) parked: Arc<Parked>,
    statements: Arc<AtomicU64>,
    statement_nanos: Arc<AtomicU64>,
    /// Also counts a statement for whoever ran it (a request's figures).
    also: fn(Duration),
}

impl Pool {
    /// Opens the pool; each statement is counted here and given to `also`.
    pub(crate) async fn connect(settings: &DatabaseSettings, also: fn(Duration)) -> Result<Pool, ConnectError> {
        if let Some(path) = sqlite_file(&settings.url)
            && let Some(dir) = std::path::Path::new(&path)
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|source| ConnectError::Directory {
                path: path.clone(),
                source,
            })?;
        }
        let mut options = ConnectOptions::new(settings.url.clone());
        let timeout = settings.statement_timeout;
        options
            // Start-up holds one connection for its advisory lock while migrating on another.
            .max_connections(settings.max_connections.max(2))
            .min_connections(1)
            .connect_timeout(Duration::from_secs(5))
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .sqlx_logging(false)
            // WAL lets readers proceed while one writer commits; writes wait for each other instead of failing.
            .map_sqlx_sqlite_opts(move |o| {
                o.journal_mode(SqliteJournalMode::Wal)
                    .busy_timeout(timeout)
                    .foreign_keys(true)
            });
        if settings.url.starts_with("postgres") {
            options.statement_timeout(timeout);
            // Each connection handed out gets its tenant setting for row-level security; that round trip also
            // tells a dead connection, so sqlx's own ping on acquire is not needed.
            options
                .test_before_acquire(false)
                .map_sqlx_postgres_before_acquire(row_security::before_acquire);
            let schema = settings.schema.clone();
            options.map_sqlx_postgres_pool_opts(move |pool| {
                let schema = schema.clone();
                // Replaces sea-orm's own `after_connect`, which only set the search path: both are done here.
                pool.after_connect(move |conn, _| {
                    let search_path = schema
                        .as_ref()
                        .map(|s| format!("SET search_path = \"{}\"", s.replace('"', "")));
                    let settings = row_security::current_settings();
                    Box::pin(async move {
                        row_security::set(conn, settings).await?;
                        if let Some(sql) = search_path {
                            sea_orm::sqlx::Executor::execute(conn, sea_orm::sqlx::AssertSqlSafe(sql)).await?;
                        }
                        Ok(())
                    })
                })
            });
        }
        let mut conn = sea_orm::Database::connect(options).await.map_err(ConnectError::Open)?;
        let statements = Arc::new(AtomicU64::new(0));
        let statement_nanos = Arc::new(AtomicU64::new(0));
        let (counter, nanos) = (statements.clone(), statement_nanos.clone());
        conn.set_metric_callback(move |info| count(&counter, &nanos, also, info.elapsed));
        let pool = (conn.get_database_backend() == sea_orm::DatabaseBackend::Postgres)
            .then(|| conn.get_postgres_connection_pool().clone());
        let parked = Arc::new(Parked::new(pool, settings.max_connections.max(2)));
        Ok(Pool {
            conn,
            parked,
            statements,
            statement_nanos,
            also,
        })
    }

    /// Closes the pool's connections (a template database must have none before it is copied).
    pub(crate) async fn close(self) {
        self.parked.clear();
        if let Err(error) = self.conn.close().await {
            tracing::warn!(%error, "closing the database pool");
        }
    }

    /// How many SQL statements this pool has run since it opened (transactions' included).
    pub(crate) fn statement_count(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// The time the database spent on them.
    pub(crate) fn statement_time(&self) -> Duration {
        Duration::from_nanos(self.statement_nanos.load(Ordering::Relaxed))
    }

    /// The pool's connections now.
    pub(crate) fn usage(&self) -> PoolUsage {
        let (size, idle) = match self.backend() {
            DatabaseBackend::Postgres => {
                let pool = self.conn.get_postgres_connection_pool();
                (pool.size(), pool.num_idle())
            }
            _ => {
                let pool = self.conn.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle())
            }
        };
        let idle = u32::try_from(idle).unwrap_or(u32::MAX);
        PoolUsage {
            in_use: size.saturating_sub(idle),
            idle,
        }
    }

    /// Counts a statement run outside sea-orm's pool (on a request's own connection), as sea-orm's callback
    /// counts the others.
    pub(crate) fn count_statement(&self, elapsed: Duration) {
        count(&self.statements, &self.statement_nanos, self.also, elapsed);
    }

    pub(crate) fn backend(&self) -> DatabaseBackend {
        self.conn.get_database_backend()
    }
}

/// One statement: in the pool's figures and in its runner's.
fn count(statements: &AtomicU64, nanos: &AtomicU64, also: fn(Duration), elapsed: Duration) {
    statements.fetch_add(1, Ordering::Relaxed);
    nanos.fetch_add(u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX), Ordering::Relaxed);
    also(elapsed);
}

fn sqlite_file(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| path.to_owned())
}
