use pactes_domain::directory::{
    Territory, TerritoryData, TerritoryFilter, TerritoryOrder, TerritoryOrderField, TerritoryPatch, TerritoryRepository,
};
use pactes_domain::page::{Page, PageRequest};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{Actor, FederationId, Scope, TerritoryId};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Expr;

use super::entity::Column;
use crate::database::Database;
use crate::pattern::contains_pattern;
use crate::tenant::{Readable, archive, count, find_by_ids, insert, list_page, update};

fn filtered(db: &Database, scope: &Scope, filter: &TerritoryFilter) -> Readable<TerritoryData> {
    let mut select = Readable::rows(scope, filter.federation, filter.include_archived);
    if let Some(kind) = filter.kind {
        select = select.filter(Column::Kind.eq(kind.code()));
    }
    if let Some(search) = filter.folded_search() {
        select = select.filter(Column::NameKey.like(contains_pattern(db.backend(), &search)));
    }
    select
}

impl TerritoryRepository for Database {
    async fn territories_by_ids(&self, scope: &Scope, ids: &[TerritoryId]) -> RepositoryResult<Vec<Territory>> {
        find_by_ids::<TerritoryData>(&self.scoped(scope), scope, ids.iter().map(|id| id.as_uuid()), true).await
    }

    async fn list_territories(
        &self,
        scope: &Scope,
        filter: &TerritoryFilter,
        order: TerritoryOrder,
        page: &PageRequest,
    ) -> RepositoryResult<Page<Territory>> {
        let key = match order.field {
            TerritoryOrderField::Name => Some(Expr::col(Column::NameKey)),
            TerritoryOrderField::CreatedAt => None,
        };
        list_page::<TerritoryData>(
            &self.scoped(scope),
            filtered(self, scope, filter),
            key,
            order.direction,
            page,
        )
        .await
    }

    async fn count_territories(&self, scope: &Scope, filter: &TerritoryFilter) -> RepositoryResult<u64> {
        count(&self.scoped(scope), filtered(self, scope, filter)).await
    }

    async fn create_territory(
        &self,
        tenant: FederationId,
        actor: &Actor,
        data: TerritoryData,
    ) -> RepositoryResult<Territory> {
        insert(self, actor, Record::create(tenant, data)).await
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
