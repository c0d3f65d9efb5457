//! What the tenant-owned directory tables share: scoped look-ups by id, and the row lock a write takes.

use pactes_domain::repository::RepositoryResult;
use pactes_domain::{FederationId, RepositoryError, Scope};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::error::storage;
use crate::scope::tenant_condition;

pub(crate) trait TenantTable: EntityTrait {
    fn id_column() -> Self::Column;
    fn federation_column() -> Self::Column;
}

/// The rows among `ids` that the scope can see: one statement, whatever the number of ids.
pub(crate) async fn find_by_ids<E: TenantTable>(
    db: &impl ConnectionTrait,
    scope: &Scope,
    ids: impl IntoIterator<Item = Uuid>,
) -> RepositoryResult<Vec<E::Model>> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    E::find()
        .filter(tenant_condition(E::federation_column(), scope, None))
        .filter(E::id_column().is_in(ids))
        .all(db)
        .await
        .map_err(storage)
}

/// The row to update, locked until the transaction ends (`FOR UPDATE` on PostgreSQL; SQLite's write
/// transaction already excludes other writers). Another tenant's row is not found.
pub(crate) async fn find_for_update<E: TenantTable>(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    id: Uuid,
) -> RepositoryResult<E::Model> {
    E::find()
        .filter(E::id_column().eq(id))
        .filter(E::federation_column().eq(tenant.as_uuid()))
        .lock_exclusive()
        .one(db)
        .await
        .map_err(storage)?
        .ok_or(RepositoryError::NotFound)
}

/// Writes the new state of a row found by [`find_for_update`]. The caller maps constraint errors, which
/// only it can name.
pub(crate) async fn overwrite<E: TenantTable>(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    id: Uuid,
    row: E::ActiveModel,
) -> Result<(), DbErr> {
    E::update_many()
        .set(row)
        .filter(E::id_column().eq(id))
        .filter(E::federation_column().eq(tenant.as_uuid()))
        .exec(db)
        .await?;
    Ok(())
}
