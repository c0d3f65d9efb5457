use pactes_domain::audit::{AuditAction, AuditEntry};
use pactes_domain::directory::{Federation, FederationData, FederationPatch, FederationRepository};
use pactes_domain::lifecycle::{Lifecycle, RecordEvent};
use pactes_domain::record::RecordMeta;
use pactes_domain::repository::{RepositoryResult, check_version};
use pactes_domain::{Actor, FederationId, RepositoryError};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};

use super::entity::{Column, Entity, to_domain, to_row};
use crate::constraints::map_write_error;
use crate::database::Database;
use crate::error::storage;
use crate::row_security::RowScope;
use crate::write::Write;

/// A write holding the federation `id` locked, if the caller read its current version.
async fn locked(db: &Database, id: FederationId, expected_version: i64) -> RepositoryResult<(Write, Federation)> {
    let tx = db.write(RowScope::All).await?;
    let row = Entity::find_by_id(id.as_uuid())
        .lock_exclusive()
        .one(&*tx)
        .await
        .map_err(storage)?
        .ok_or(RepositoryError::NotFound)?;
    let current = to_domain(row)?;
    check_version(expected_version, current.meta.version)?;
    Ok((tx, current))
}

pub(crate) async fn count_federations(db: &Database) -> RepositoryResult<u64> {
    Entity::find().count(&db.public()).await.map_err(storage)
}

impl FederationRepository for Database {
    async fn list_federations_public(&self) -> RepositoryResult<Vec<Federation>> {
        let all = self.all_federations(false).await?;
        Ok(all
            .iter()
            .filter(|f| f.meta.archived_at.is_none())
            .map(|f| Federation::clone(f))
            .collect())
    }

    async fn federations_by_ids_public(&self, ids: &[FederationId]) -> RepositoryResult<Vec<Federation>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let all = self
            .find_federations(|all| ids.iter().all(|id| all.iter().any(|f| f.id == *id)))
            .await?;
        Ok(all
            .iter()
            .filter(|f| ids.contains(&f.id))
            .map(|f| Federation::clone(f))
            .collect())
    }

    async fn federation_by_slug_public(&self, slug: &str) -> RepositoryResult<Option<Federation>> {
        let all = self
            .find_federations(|all| all.iter().any(|f| f.data.slug.as_str() == slug))
            .await?;
        Ok(all
            .iter()
            .find(|f| f.data.slug.as_str() == slug)
            .map(|f| Federation::clone(f)))
    }

    async fn create_federation(&self, actor: &Actor, data: FederationData) -> RepositoryResult<Federation> {
        let tx = self.write(RowScope::All).await?;
        let federation = insert_federation_in(&tx, actor, data).await?;
        tx.commit().await?;
        self.federations_changed();
        Ok(federation)
    }

    async fn update_federation(
        &self,
        actor: &Actor,
        id: FederationId,
        expected_version: i64,
        patch: FederationPatch,
    ) -> RepositoryResult<Federation> {
        let (tx, current) = locked(self, id, expected_version).await?;
        current
            .meta
            .state()
            .ensure_editable("an update")
            .map_err(|e| e.on(&["id"]))?;
        let now = pactes_domain::record::now();
        let updated = Federation {
            data: patch.apply(&current.data)?,
            meta: current.meta.touched(now),
            ..current.clone()
        };
        Entity::update_many()
            .set(to_row(&updated))
            .filter(Column::Id.eq(id.as_uuid()))
            .exec(&*tx)
            .await
            .map_err(storage)?;
        let entry = AuditEntry::record(
            Some(id),
            actor,
            AuditAction::Update,
            id.as_uuid(),
            Some(&current.data),
            &updated.data,
            now,
        );
        tx.audit(&entry).await?;
        tx.commit().await?;
        self.federations_changed();
        Ok(updated)
    }

    async fn archive_federation(
        &self,
        actor: &Actor,
        id: FederationId,
        expected_version: i64,
    ) -> RepositoryResult<Federation> {
        let (tx, current) = locked(self, id, expected_version).await?;
        current
            .meta
            .state()
            .apply(RecordEvent::Archive)
            .map_err(|e| e.on(&["id"]))?;
        let now = pactes_domain::record::now();
        let archived = Federation {
            meta: current.meta.archived(now),
            ..current
        };
        Entity::update_many()
            .set(to_row(&archived))
            .filter(Column::Id.eq(id.as_uuid()))
            .exec(&*tx)
            .await
            .map_err(storage)?;
        tx.audit(&AuditEntry::archive::<FederationData>(
            Some(id),
            actor,
            id.as_uuid(),
            now,
        ))
        .await?;
        tx.commit().await?;
        self.federations_changed();
        Ok(archived)
    }
}

/// Inserts a federation and its CREATE audit entry inside a write the caller commits.
pub(crate) async fn insert_federation_in(
    tx: &Write,
    actor: &Actor,
    data: FederationData,
) -> RepositoryResult<Federation> {
    let now = pactes_domain::record::now();
    let federation = Federation {
        id: FederationId::generate(),
        data,
        meta: RecordMeta::new(now),
    };
    Entity::insert(to_row(&federation))
        .exec_without_returning(&**tx)
        .await
        .map_err(map_write_error)?;
    let entry = AuditEntry::record(
        Some(federation.id),
        actor,
        AuditAction::Create,
        federation.id.as_uuid(),
        None,
        &federation.data,
        now,
    );
    tx.audit(&entry).await?;
    Ok(federation)
}
