//! The application's handle on its database: the pool ([`crate::pool`]), the change feed, the federations'
//! cache, and what every repository reaches through it — sessions limited to a scope, migrations.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use pactes_domain::Scope;
use pactes_domain::repository::RepositoryError;
use pactes_migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, TransactionTrait};

use crate::changes::{ChangeFeed, Changes};
use crate::directory::FederationCache;
use crate::error::ConnectError;
use crate::pool::{DatabaseSettings, Pool, PoolUsage};
use crate::row_security::RowScope;
use crate::scoped::Scoped;

/// The application's handle on its database. Cheap to clone; every clone shares the pool and the counter.
#[derive(Clone)]
pub struct Database {
    pub(crate) pool: Pool,
    federation_changes: Arc<AtomicU64>,
    pub(crate) changes: Arc<ChangeFeed>,
    pub(crate) federations: Arc<FederationCache>,
    pub(crate) partner_min_group: u64,
}

/// One migration and whether it has been applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationState {
    pub name: String,
    pub applied: bool,
}

/// An arbitrary constant naming the PostgreSQL advisory lock held while a replica migrates and seeds, so that
/// replicas starting together do not race.
const STARTUP_LOCK: i64 = 0x7061_6374_6573;

impl Database {
    pub async fn connect(settings: &DatabaseSettings) -> Result<Database, ConnectError> {
        Ok(Database {
            pool: Pool::connect(settings, crate::request_stats::record).await?,
            federation_changes: Arc::new(AtomicU64::new(0)),
            changes: ChangeFeed::new(&settings.url, settings.schema.clone()),
            federations: Arc::default(),
            partner_min_group: settings.partner_min_group,
        })
    }

    /// Closes the pool's connections (a template database must have none before it is copied).
    pub async fn close(self) {
        self.pool.close().await;
    }

    /// How many SQL statements this pool has run since it opened (transactions' included).
    pub fn statement_count(&self) -> u64 {
        self.pool.statement_count()
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
        self.pool.statement_time()
    }

    /// The pool's connections now.
    pub fn pool_usage(&self) -> PoolUsage {
        self.pool.usage()
    }

    /// The raw connection, bypassing the repositories' tenant filter: for maintenance and for tests that must
    /// reach under the repositories (to prove the database itself refuses something). Its sessions see the
    /// rows of no tenant on PostgreSQL unless run [`crate::row_security::within`] a scope.
    pub fn unscoped_connection(&self) -> DatabaseConnection {
        self.pool.conn.clone()
    }

    /// The pool with its sessions limited to what `scope` may see (row-level security on PostgreSQL).
    pub(crate) fn scoped(&self, scope: &Scope) -> Scoped<'_> {
        Scoped {
            pool: &self.pool,
            rows: Some(RowScope::of(scope)),
        }
    }

    /// The pool, for tables that are no tenant's (federations, trusted documents): on the request's connection
    /// when it has one, so a request never waits for a second.
    pub(crate) fn public(&self) -> Scoped<'_> {
        Scoped {
            pool: &self.pool,
            rows: None,
        }
    }

    pub fn backend(&self) -> DatabaseBackend {
        self.pool.backend()
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        self.pool.conn.ping().await.is_ok()
    }

    /// Subscribes to the changes committed from the moment this returns, through any replica. On PostgreSQL
    /// the first call opens this process's listening connection and returns once it listens.
    pub async fn changes(&self) -> Result<Changes, RepositoryError> {
        self.changes.subscribe(self.backend()).await
    }

    pub async fn migration_states(&self) -> Result<Vec<MigrationState>, DbErr> {
        let conn = &self.pool.conn;
        let applied: Vec<String> = Migrator::get_applied_migrations_read_only(conn)
            .await?
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        let pending: Vec<String> = Migrator::get_pending_migrations_read_only(conn)
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
        self.with_startup_lock(async { Migrator::up(&self.pool.conn, None).await.map_err(ConnectError::Migrate) })
            .await
    }

    /// Applies the migrations a read-only look finds pending (the runtime role, which may not create tables,
    /// starts on a migrated database), within the start-up lock the caller holds.
    pub(crate) async fn migrate_pending(&self) -> Result<(), ConnectError> {
        let pending = Migrator::get_pending_migrations_read_only(&self.pool.conn)
            .await
            .map_err(ConnectError::Migrate)?;
        if !pending.is_empty() {
            Migrator::up(&self.pool.conn, None)
                .await
                .map_err(ConnectError::Migrate)?;
        }
        Ok(())
    }

    /// Runs `work` while holding PostgreSQL's start-up advisory lock (released when its transaction ends).
    /// SQLite needs none: it is embedded in one process.
    pub(crate) async fn with_startup_lock<T>(
        &self,
        work: impl Future<Output = Result<T, ConnectError>>,
    ) -> Result<T, ConnectError> {
        if self.backend() != DatabaseBackend::Postgres {
            return work.await;
        }
        let lock = self.pool.conn.begin().await.map_err(ConnectError::Open)?;
        lock.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({STARTUP_LOCK})"))
            .await
            .map_err(ConnectError::Open)?;
        let result = work.await;
        lock.commit().await.map_err(ConnectError::Open)?;
        result
    }
}
