use pactes_domain::directory::{
    Territory, TerritoryData, TerritoryFilter, TerritoryOrder, TerritoryOrderField, TerritoryPatch, TerritoryRepository,
};
use pactes_domain::page::{Page, PageRequest};
use pactes_domain::record::{RecordMeta, now};
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{Actor, FederationId, Scope, TerritoryId};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Select};

use super::entity::{Column, Entity};
use crate::database::Database;
use crate::directory::contains_pattern;
use crate::directory::tenant_table::{archive, find_by_ids, insert, list_page, update};
use crate::error::storage;
use crate::scope::tenant_condition;

fn filtered(scope: &Scope, filter: &TerritoryFilter) -> Select<Entity> {
    let mut select = Entity::find().filter(tenant_condition(Column::FederationId, scope, filter.federation));
    if !filter.include_archived {
        select = select.filter(Column::ArchivedAt.is_null());
    }
    if let Some(kind) = filter.kind {
        select = select.filter(Column::Kind.eq(kind.code()));
    }
    if let Some(search) = filter.folded_search() {
        select = select.filter(Column::NameKey.like(contains_pattern(&search)));
    }
    select
}

impl TerritoryRepository for Database {
    async fn territories_by_ids(&self, scope: &Scope, ids: &[TerritoryId]) -> RepositoryResult<Vec<Territory>> {
        find_by_ids(&self.conn, scope, ids.iter().map(|id| id.as_uuid())).await
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
        list_page(&self.conn, filtered(scope, filter), key, order.direction, page).await
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
            meta: RecordMeta::new(now()),
        };
        insert(self, tenant, actor, territory).await
    }

    async fn update_territory(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: TerritoryId,
        expected_version: i64,
        patch: TerritoryPatch,
    ) -> RepositoryResult<Territory> {
        update(self, tenant, actor, id.as_uuid(), expected_version, |current| {
            Ok(patch.apply(current)?)
        })
        .await
    }

    async fn archive_territory(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: TerritoryId,
        expected_version: i64,
    ) -> RepositoryResult<Territory> {
        archive(self, tenant, actor, id.as_uuid(), expected_version).await
    }
}
