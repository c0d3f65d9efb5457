//! What the tenant-owned, versioned tables share: scoped look-ups by id, and the one write path — insert,
//! update and archive, each locked, version-checked and audited in a single transaction.

use std::future::Future;

use pactes_domain::audit::{AuditAction, AuditEntry, Audited};
use pactes_domain::page::{Direction, Page, PageRequest};
use pactes_domain::record::{RecordMeta, now};
use pactes_domain::repository::{RepositoryResult, check_version};
use pactes_domain::{Actor, FederationId, RepositoryError, Scope};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Select};
use uuid::Uuid;

use crate::audit::append;
use crate::database::Database;
use crate::error::storage;
use crate::keyset::paginate;
use crate::scope::tenant_condition;

pub(crate) trait TenantTable: EntityTrait {
    fn id_column() -> Self::Column;
    fn federation_column() -> Self::Column;
}

/// A domain object stored in one row of a tenant table.
pub(crate) trait StoredRecord: Sized + Send + Sync {
    type Table: TenantTable;
    type Data: Audited + Send + Sync;

    fn from_row(row: <Self::Table as EntityTrait>::Model) -> RepositoryResult<Self>;
    fn to_row(&self) -> <Self::Table as EntityTrait>::ActiveModel;
    fn id(&self) -> Uuid;
    fn data(&self) -> &Self::Data;
    fn meta(&self) -> &RecordMeta;
    /// The same record with new content and metadata.
    fn with(self, data: Self::Data, meta: RecordMeta) -> Self;
    /// The same record and content with new metadata.
    fn with_meta(self, meta: RecordMeta) -> Self;

    /// Checks the data's references to other rows (which only the database can see), inside the write's
    /// transaction; `previous` is the content before an update, so unchanged references need no look-up.
    fn check_references(
        _db: &impl ConnectionTrait,
        _tenant: FederationId,
        _previous: Option<&Self::Data>,
        _data: &Self::Data,
    ) -> impl Future<Output = RepositoryResult<()>> + Send {
        async { Ok(()) }
    }

    /// Maps a failed write (a unique constraint, say) to what the caller should fix.
    fn write_error(error: DbErr) -> RepositoryError {
        storage(error)
    }
}

/// The rows among `ids` that the scope can see: one statement, whatever the number of ids.
pub(crate) async fn find_by_ids<R: StoredRecord>(
    db: &impl ConnectionTrait,
    scope: &Scope,
    ids: impl IntoIterator<Item = Uuid>,
) -> RepositoryResult<Vec<R>> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = R::Table::find()
        .filter(tenant_condition(R::Table::federation_column(), scope, None))
        .filter(R::Table::id_column().is_in(ids))
        .all(db)
        .await
        .map_err(storage)?;
    rows.into_iter().map(R::from_row).collect()
}

/// One page of the rows `select` finds (already scoped and filtered), ordered by (`key`, id).
pub(crate) async fn list_page<R: StoredRecord>(
    db: &impl ConnectionTrait,
    select: Select<R::Table>,
    key: Option<<R::Table as EntityTrait>::Column>,
    direction: Direction,
    page: &PageRequest,
) -> RepositoryResult<Page<R>> {
    let rows = paginate(select, key, R::Table::id_column(), direction, page)
        .all(db)
        .await
        .map_err(storage)?;
    let items = rows
        .into_iter()
        .map(R::from_row)
        .collect::<RepositoryResult<Vec<_>>>()?;
    Ok(Page::from_scan(items, page))
}

/// The row to change, locked until the transaction ends (`FOR UPDATE` on PostgreSQL; SQLite's write
/// transaction already excludes other writers). Another tenant's row is not found.
async fn find_for_update<R: StoredRecord>(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    id: Uuid,
) -> RepositoryResult<R> {
    let row = R::Table::find()
        .filter(R::Table::id_column().eq(id))
        .filter(R::Table::federation_column().eq(tenant.as_uuid()))
        .lock_exclusive()
        .one(db)
        .await
        .map_err(storage)?
        .ok_or(RepositoryError::NotFound)?;
    R::from_row(row)
}

async fn overwrite<R: StoredRecord>(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    record: &R,
) -> RepositoryResult<()> {
    R::Table::update_many()
        .set(record.to_row())
        .filter(R::Table::id_column().eq(record.id()))
        .filter(R::Table::federation_column().eq(tenant.as_uuid()))
        .exec(db)
        .await
        .map_err(R::write_error)?;
    Ok(())
}

/// Inserts a new record (version 1) and its CREATE audit entry.
pub(crate) async fn insert<R: StoredRecord>(
    db: &Database,
    tenant: FederationId,
    actor: &Actor,
    record: R,
) -> RepositoryResult<R> {
    let tx = db.begin_write().await?;
    R::check_references(&tx, tenant, None, record.data()).await?;
    R::Table::insert(record.to_row())
        .exec_without_returning(&tx)
        .await
        .map_err(R::write_error)?;
    let entry = AuditEntry::record(
        Some(tenant),
        actor,
        AuditAction::Create,
        record.id(),
        None,
        record.data(),
        record.meta().created_at,
    );
    append(&tx, &entry).await?;
    tx.commit().await.map_err(storage)?;
    Ok(record)
}

/// Applies `change` to the current content if the caller read `expected_version`, and records the difference.
pub(crate) async fn update<R: StoredRecord>(
    db: &Database,
    tenant: FederationId,
    actor: &Actor,
    id: Uuid,
    expected_version: i64,
    change: impl FnOnce(&R::Data) -> RepositoryResult<R::Data>,
) -> RepositoryResult<R> {
    let tx = db.begin_write().await?;
    let current: R = find_for_update(&tx, tenant, id).await?;
    check_version(expected_version, current.meta().version)?;
    let data = change(current.data())?;
    R::check_references(&tx, tenant, Some(current.data()), &data).await?;
    let at = now();
    let entry = AuditEntry::record(
        Some(tenant),
        actor,
        AuditAction::Update,
        id,
        Some(current.data()),
        &data,
        at,
    );
    let meta = current.meta().touched(at);
    let updated = current.with(data, meta);
    overwrite(&tx, tenant, &updated).await?;
    append(&tx, &entry).await?;
    tx.commit().await.map_err(storage)?;
    Ok(updated)
}

/// Archives the record if the caller read `expected_version`: it leaves the lists, keeps its content.
pub(crate) async fn archive<R: StoredRecord>(
    db: &Database,
    tenant: FederationId,
    actor: &Actor,
    id: Uuid,
    expected_version: i64,
) -> RepositoryResult<R> {
    let tx = db.begin_write().await?;
    let current: R = find_for_update(&tx, tenant, id).await?;
    check_version(expected_version, current.meta().version)?;
    let at = now();
    let meta = current.meta().archived(at);
    let archived = current.with_meta(meta);
    overwrite(&tx, tenant, &archived).await?;
    append(&tx, &AuditEntry::archive::<R::Data>(Some(tenant), actor, id, at)).await?;
    tx.commit().await.map_err(storage)?;
    Ok(archived)
}
