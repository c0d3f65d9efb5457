//! One write: a transaction of the right kind for the database, and the steps every mutation composes —
//! lock a root, put rows, append the audit entry — ending in one commit. Dropped without `commit`, it rolls
//! back, so an error at any step leaves nothing behind (root, parts or audit).

use std::ops::Deref;
use std::sync::Arc;

use pactes_domain::audit::AuditEntry;
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{FederationId, RepositoryError};
use sea_orm::{
    ColumnTrait, DatabaseBackend, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use uuid::Uuid;

use crate::changes::ChangeFeed;
use crate::database::Database;
use crate::error::storage;
use crate::row_security::{self, RowScope};
use crate::scope::tenant_rows;
use crate::tenant::{TenantRecord, TenantTable};

pub(crate) struct Write {
    tx: DatabaseTransaction,
    /// Where the entries this write appends are announced once it commits; `None` where the database
    /// announces them itself (PostgreSQL's trigger).
    announce: Option<Arc<ChangeFeed>>,
    appended: std::sync::Mutex<Vec<AuditEntry>>,
}

impl Database {
    /// Opens a write. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), so a read-then-write cannot
    /// fail half-way because another writer got in between; on PostgreSQL, [`Write::lock`] takes row locks.
    /// `rows` limits the transaction's session (row-level security on PostgreSQL): the tenant written, or all
    /// of them for national work.
    pub(crate) async fn write(&self, rows: RowScope) -> RepositoryResult<Write> {
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        };
        // Never hold two connections: the request's reading connection goes back first.
        if let Some(stats) = crate::request_stats::current() {
            stats.session.release().await;
        }
        let tx = self
            .pool
            .parked
            .waiting_for_pool(row_security::within(rows, self.pool.conn.begin_with_options(options)))
            .await
            .map_err(storage)?;
        let announce = (self.backend() != DatabaseBackend::Postgres).then(|| self.changes.clone());
        Ok(Write {
            tx,
            announce,
            appended: Default::default(),
        })
    }
}

impl Write {
    /// The record `id` of `tenant` with its parts, locked until the write ends (`FOR UPDATE` on PostgreSQL;
    /// SQLite's write transaction already excludes other writers). Another tenant's record is not found.
    pub(crate) async fn lock<D: TenantRecord>(
        &self,
        tenant: FederationId,
        id: Uuid,
    ) -> RepositoryResult<Record<D::Id, D>> {
        let row = self.lock_row::<D>(tenant, id).await?;
        let mut parts = D::load_parts(&self.tx, &pactes_domain::Scope::Federation(tenant), &[id]).await?;
        D::from_row(row, &mut parts)
    }

    /// [`Write::lock`] for a status step: the root and only the parts the kind's steps read
    /// ([`TenantRecord::load_step_parts`]), one statement each.
    pub(crate) async fn lock_for_step<D: TenantRecord>(
        &self,
        tenant: FederationId,
        id: Uuid,
    ) -> RepositoryResult<Record<D::Id, D>> {
        let row = self.lock_row::<D>(tenant, id).await?;
        let mut parts = D::load_step_parts(&self.tx, tenant, id).await?;
        D::from_row(row, &mut parts)
    }

    async fn lock_row<D: TenantRecord>(
        &self,
        tenant: FederationId,
        id: Uuid,
    ) -> RepositoryResult<<D::Table as EntityTrait>::Model> {
        D::Table::find()
            .filter(D::Table::id_column().eq(id))
            .filter(tenant_rows(D::Table::federation_column(), tenant))
            .lock_exclusive()
            .one(&self.tx)
            .await
            .map_err(storage)?
            .ok_or(RepositoryError::NotFound)
    }

    /// Inserts a new record and its parts.
    pub(crate) async fn insert<D: TenantRecord>(&self, record: &Record<D::Id, D>) -> RepositoryResult<()> {
        D::Table::insert(D::to_row(record))
            .exec_without_returning(&self.tx)
            .await
            .map_err(D::write_error)?;
        D::write_parts(&self.tx, None, record).await
    }

    /// Overwrites a locked record's row and writes the parts that differ from `previous`.
    pub(crate) async fn put<D: TenantRecord>(&self, previous: &D, record: &Record<D::Id, D>) -> RepositoryResult<()> {
        self.put_root(record).await?;
        D::write_parts(&self.tx, Some(previous), record).await
    }

    /// Overwrites a locked record's row only (its metadata changed, its parts did not).
    pub(crate) async fn put_root<D: TenantRecord>(&self, record: &Record<D::Id, D>) -> RepositoryResult<()> {
        D::Table::update_many()
            .set(D::to_row(record))
            .filter(D::Table::id_column().eq(pactes_domain::EntityId::as_uuid(&record.id)))
            .filter(tenant_rows(D::Table::federation_column(), record.federation_id))
            .exec(&self.tx)
            .await
            .map_err(D::write_error)?;
        Ok(())
    }

    /// Appends the write's audit entry.
    pub(crate) async fn audit(&self, entry: &AuditEntry) -> RepositoryResult<()> {
        crate::audit::append(&self.tx, entry).await?;
        if self.announce.is_some()
            && let Ok(mut appended) = self.appended.lock()
        {
            appended.push(entry.clone());
        }
        Ok(())
    }

    pub(crate) async fn commit(self) -> RepositoryResult<()> {
        self.tx.commit().await.map_err(storage)?;
        if let (Some(feed), Ok(appended)) = (self.announce, self.appended.into_inner()) {
            feed.committed(&appended);
        }
        Ok(())
    }
}

/// For steps of an area's own (an ad-hoc check, a statement no helper covers), inside the same transaction.
impl Deref for Write {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.tx
    }
}
