use pactes_domain::directory::{
    Partner, PartnerData, PartnerFilter, PartnerOrder, PartnerOrderField, PartnerPatch, PartnerRepository,
};
use pactes_domain::page::{Page, PageRequest};
use pactes_domain::record::{RecordMeta, now};
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{Actor, FederationId, PartnerId, Scope};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Select};

use super::entity::{Column, Entity};
use crate::database::Database;
use crate::directory::contains_pattern;
use crate::directory::tenant_table::{archive, find_by_ids, insert, list_page, update};
use crate::error::storage;
use crate::scope::tenant_condition;

fn filtered(scope: &Scope, filter: &PartnerFilter) -> Select<Entity> {
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

impl PartnerRepository for Database {
    async fn partners_by_ids(&self, scope: &Scope, ids: &[PartnerId]) -> RepositoryResult<Vec<Partner>> {
        find_by_ids(&self.conn, scope, ids.iter().map(|id| id.as_uuid())).await
    }

    async fn list_partners(
        &self,
        scope: &Scope,
        filter: &PartnerFilter,
        order: PartnerOrder,
        page: &PageRequest,
    ) -> RepositoryResult<Page<Partner>> {
        let key = match order.field {
            PartnerOrderField::Name => Some(Column::NameKey),
            PartnerOrderField::CreatedAt => None,
        };
        list_page(&self.conn, filtered(scope, filter), key, order.direction, page).await
    }

    async fn count_partners(&self, scope: &Scope, filter: &PartnerFilter) -> RepositoryResult<u64> {
        filtered(scope, filter).count(&self.conn).await.map_err(storage)
    }

    async fn create_partner(
        &self,
        tenant: FederationId,
        actor: &Actor,
        data: PartnerData,
    ) -> RepositoryResult<Partner> {
        let partner = Partner {
            id: PartnerId::generate(),
            federation_id: tenant,
            data,
            meta: RecordMeta::new(now()),
        };
        insert(self, tenant, actor, partner).await
    }

    async fn update_partner(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: PartnerId,
        expected_version: i64,
        patch: PartnerPatch,
    ) -> RepositoryResult<Partner> {
        update(self, tenant, actor, id.as_uuid(), expected_version, |current| {
            Ok(patch.apply(current)?)
        })
        .await
    }

    async fn archive_partner(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: PartnerId,
        expected_version: i64,
    ) -> RepositoryResult<Partner> {
        archive(self, tenant, actor, id.as_uuid(), expected_version).await
    }
}
