use pactes_domain::audit::{AuditAction, AuditEntry};
use pactes_domain::directory::{
    Territory, TerritoryData, TerritoryFilter, TerritoryOrder, TerritoryOrderField, TerritoryPatch, TerritoryRepository,
};
use pactes_domain::page::{Page, PageRequest};
use pactes_domain::record::RecordMeta;
use pactes_domain::repository::{RepositoryResult, check_version};
use pactes_domain::{Actor, FederationId, Scope, TerritoryId};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Select};

use super::entity::{Column, Entity, to_domain, to_row};
use crate::audit::append;
use crate::database::Database;
use crate::directory::tenant_table::{find_by_ids, find_for_update, overwrite};
use crate::error::{storage, unique_as_field};
use crate::keyset::paginate;
use crate::scope::tenant_condition;

const DUPLICATE_NAME: &str = "this federation already has a territory with this name";

fn filtered(scope: &Scope, filter: &TerritoryFilter) -> Select<Entity> {
    let mut select = Entity::find().filter(tenant_condition(Column::FederationId, scope, filter.federation));
    if !filter.include_archived {
        select = select.filter(Column::ArchivedAt.is_null());
    }
    if let Some(kind) = filter.kind {
        select = select.filter(Column::Kind.eq(kind.code()));
    }
    if let Some(search) = filter.folded_search() {
        select = select.filter(Column::NameKey.like(crate::directory::contains_pattern(&search)));
    }
    select
}

async fn insert_audited(db: &Database, actor: &Actor, territory: Territory) -> RepositoryResult<Territory> {
    let tx = db.begin_write().await?;
    Entity::insert(to_row(&territory))
        .exec_without_returning(&tx)
        .await
        .map_err(|e| unique_as_field(e, "name", DUPLICATE_NAME))?;
    let entry = AuditEntry::record(
        Some(territory.federation_id),
        actor,
        AuditAction::Create,
        territory.id.as_uuid(),
        None,
        &territory.data,
        territory.meta.created_at,
    );
    append(&tx, &entry).await?;
    tx.commit().await.map_err(storage)?;
    Ok(territory)
}

impl TerritoryRepository for Database {
    async fn territories_by_ids(&self, scope: &Scope, ids: &[TerritoryId]) -> RepositoryResult<Vec<Territory>> {
        let rows = find_by_ids::<Entity>(&self.conn, scope, ids.iter().map(|id| id.as_uuid())).await?;
        rows.into_iter().map(to_domain).collect()
    }

    async fn list_territories(
        &self,
        scope: &Scope,
        filter: &TerritoryFilter,
        order: TerritoryOrder,
        page: &PageRequest,
    ) -> RepositoryResult<Page<Territory>> {
        let key = match order.field {
            TerritoryOrderField::Name => Some(Column::NameKey),
            TerritoryOrderField::CreatedAt => None,
        };
        let rows = paginate(filtered(scope, filter), key, Column::Id, order.direction, page)
            .all(&self.conn)
            .await
            .map_err(storage)?;
        let items = rows.into_iter().map(to_domain).collect::<RepositoryResult<Vec<_>>>()?;
        Ok(Page::from_scan(items, page))
    }

    async fn count_territories(&self, scope: &Scope, filter: &TerritoryFilter) -> RepositoryResult<u64> {
        filtered(scope, filter).count(&self.conn).await.map_err(storage)
    }

    async fn create_territory(
        &self,
        tenant: FederationId,
        actor: &Actor,
        data: TerritoryData,
    ) -> RepositoryResult<Territory> {
        let territory = Territory {
            id: TerritoryId::generate(),
            federation_id: tenant,
            data,
            meta: RecordMeta::new(pactes_domain::record::now()),
        };
        insert_audited(self, actor, territory).await
    }

    async fn update_territory(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: TerritoryId,
        expected_version: i64,
        patch: TerritoryPatch,
    ) -> RepositoryResult<Territory> {
        let tx = self.begin_write().await?;
        let current = to_domain(find_for_update::<Entity>(&tx, tenant, id.as_uuid()).await?)?;
        check_version(expected_version, current.meta.version)?;
        let now = pactes_domain::record::now();
        let updated = Territory {
            data: patch.apply(&current.data)?,
            meta: current.meta.touched(now),
            ..current.clone()
        };
        overwrite::<Entity>(&tx, tenant, id.as_uuid(), to_row(&updated))
            .await
            .map_err(|e| unique_as_field(e, "name", DUPLICATE_NAME))?;
        let entry = AuditEntry::record(
            Some(tenant),
            actor,
            AuditAction::Update,
            id.as_uuid(),
            Some(&current.data),
            &updated.data,
            now,
        );
        append(&tx, &entry).await?;
        tx.commit().await.map_err(storage)?;
        Ok(updated)
    }

    async fn archive_territory(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: TerritoryId,
        expected_version: i64,
    ) -> RepositoryResult<Territory> {
        let tx = self.begin_write().await?;
        let current = to_domain(find_for_update::<Entity>(&tx, tenant, id.as_uuid()).await?)?;
        check_version(expected_version, current.meta.version)?;
        let now = pactes_domain::record::now();
        let archived = Territory {
            meta: current.meta.archived(now),
            ..current
        };
        overwrite::<Entity>(&tx, tenant, id.as_uuid(), to_row(&archived))
            .await
            .map_err(storage)?;
        let entry = AuditEntry::archive::<TerritoryData>(Some(tenant), actor, id.as_uuid(), now);
        append(&tx, &entry).await?;
        tx.commit().await.map_err(storage)?;
        Ok(archived)
    }
}
