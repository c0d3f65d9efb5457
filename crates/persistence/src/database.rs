//! The connection pool, its statement counter, migrations and the one-time start-up work.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use pactes_domain::Scope;
use pactes_migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{ConnectOptions, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, TransactionTrait};

use crate::changes::ChangeFeed;
use crate::directory::FederationCache;
use crate::error::ConnectError;
use crate::row_security::{self, RowScope, Scoped};

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

/// The application's handle on its database. Cheap to clone; every clone shares the pool and the counter.
#[derive(Clone)]
pub struct Database {
    pub(crate) conn: DatabaseConnection,
    statements: Arc<AtomicU64>,
    statement_nanos: Arc<AtomicU64>,
    federation_changes: Arc<AtomicU64>,
    pub(crate) changes: Arc<ChangeFeed>,
    pub(crate) federations: Arc<FederationCache>,
    /// Requests' connections between requests (PostgreSQL), see [`crate::session`].
    pub(crate) parked: Arc<crate::session::Parked>,
    pub(crate) partner_min_group: u64,
}

/// How many connections of the pool are in use and idle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolUsage {
    pub in_use: u32,
    pub idle: u32,
}

/// One migration and whether it has been applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationState {
    pub name: String,
    pub applied: bool,
}

/// The longest a statement waits for a connection.
pub(crate) const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// An arbitrary constant naming the PostgreSQL advisory lock held while a replica migrates and seeds, so that
/// replicas starting together do not race.
const STARTUP_LOCK: i64 = 0x7061_6374_6573;

impl Database {
    pub async fn connect(settings: &DatabaseSettings) -> Result<Database, ConnectError> {
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
        conn.set_metric_callback(move |info| count(&counter, &nanos, info.elapsed));
        let pool = (conn.get_database_backend() == sea_orm::DatabaseBackend::Postgres)
            .then(|| conn.get_postgres_connection_pool().clone());
        let parked = Arc::new(crate::session::Parked::new(pool, settings.max_connections.max(2)));
        Ok(Database {
            conn,
            statements,
            statement_nanos,
            federation_changes: Arc::new(AtomicU64::new(0)),
            changes: ChangeFeed::new(&settings.url, settings.schema.clone()),
            federations: Arc::default(),
            parked,
            partner_min_group: settings.partner_min_group,
        })
    }

    /// Closes the pool's connections (a template database must have none before it is copied).
    pub async fn close(self) {
        self.parked.clear();
        if let Err(error) = self.conn.close().await {
            tracing::warn!(%error, "closing the database pool");
        }
    }

    /// How many SQL statements this pool has run since it opened (transactions' included).
    pub fn statement_count(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// How many times this process changed a federation (an update, an archive): what caches federations
    /// compare with to know theirs is stale. Other replicas' changes are not counted here.
    pub fn federation_changes(&self) -> u64 {
        self.federation_changes.load(Ordering::Acquire)
    }

    pub(crate) fn federations_changed(&self) {
        self.federation_changes.fetch_add(1, Ordering::AcqRel);
    }

    /// The time the database spent on them.
    pub fn statement_time(&self) -> Duration {
        Duration::from_nanos(self.statement_nanos.load(Ordering::Relaxed))
    }

    /// The pool's connections now.
    pub fn pool_usage(&self) -> PoolUsage {
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

    /// The raw connection, bypassing the repositories' tenant filter: for maintenance and for tests that must
    /// reach under the repositories (to prove the database itself refuses something). Its sessions see the
    /// rows of no tenant on PostgreSQL unless run [`row_security::within`] a scope.
    pub fn unscoped_connection(&self) -> DatabaseConnection {
        self.conn.clone()
    }

    /// The pool with its sessions limited to what `scope` may see (row-level security on PostgreSQL).
    pub(crate) fn scoped(&self, scope: &Scope) -> Scoped<'_> {
        Scoped {
            db: self,
            rows: Some(RowScope::of(scope)),
        }
    }

    /// The pool, for tables that are no tenant's (federations, trusted documents): on the request's connection
    /// when it has one, so a request never waits for a second.
    pub(crate) fn public(&self) -> Scoped<'_> {
        Scoped { db: self, rows: None }
    }

    /// Counts a statement run outside sea-orm's pool (on a request's own connection), as sea-orm's callback
    /// counts the others.
    pub(crate) fn count_statement(&self, elapsed: Duration) {
        count(&self.statements, &self.statement_nanos, elapsed);
    }

    pub fn backend(&self) -> DatabaseBackend {
        self.conn.get_database_backend()
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        self.conn.ping().await.is_ok()
    }

    pub async fn migration_states(&self) -> Result<Vec<MigrationState>, DbErr> {
        let applied: Vec<String> = Migrator::get_applied_migrations_read_only(&self.conn)
            .await?
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        let pending: Vec<String> = Migrator::get_pending_migrations_read_only(&self.conn)
            .await?
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        Ok(applied
            .into_iter()
            .map(|name| MigrationState { name, applied: true })
            .chain(pending.into_iter().map(|name| MigrationState { name, applied: false }))
            .collect())
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        self.with_startup_lock(async { Migrator::up(&self.conn, None).await.map_err(ConnectError::Migrate) })
            .await
    }

    /// Applies pending migrations and, when asked and the database holds no federation yet, loads the demo
    /// data. Returns whether the demo data was loaded.
    pub async fn prepare(&self, load_demo: bool) -> Result<bool, ConnectError> {
        self.with_startup_lock(async {
            // Read-only first: the runtime role, which may not create tables, starts on a migrated database.
            let pending = Migrator::get_pending_migrations_read_only(&self.conn)
                .await
                .map_err(ConnectError::Migrate)?;
            if !pending.is_empty() {
                Migrator::up(&self.conn, None).await.map_err(ConnectError::Migrate)?;
            }
            if load_demo && crate::demo::is_empty(self).await.map_err(ConnectError::Demo)? {
                crate::demo::load(self).await.map_err(ConnectError::Demo)?;
                return Ok(true);
            }
            Ok(false)
        })
        .await
    }

    /// Runs `work` while holding PostgreSQL's start-up advisory lock (released when its transaction ends).
    /// SQLite needs none: it is embedded in one process.
    async fn with_startup_lock<T>(
        &self,
        work: impl Future<Output = Result<T, ConnectError>>,
    ) -> Result<T, ConnectError> {
        if self.backend() != DatabaseBackend::Postgres {
            return work.await;
        }
        let lock = self.conn.begin().await.map_err(ConnectError::Open)?;
        lock.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({STARTUP_LOCK})"))
            .await
            .map_err(ConnectError::Open)?;
        let result = work.await;
        lock.commit().await.map_err(ConnectError::Open)?;
        result
    }
}

/// One statement: in the pool's figures and in its request's.
fn count(statements: &AtomicU64, nanos: &AtomicU64, elapsed: Duration) {
    statements.fetch_add(1, Ordering::Relaxed);
    nanos.fetch_add(u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX), Ordering::Relaxed);
    crate::request_stats::record(elapsed);
}

fn sqlite_file(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| path.to_owned())
}
