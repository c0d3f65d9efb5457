use pactes_domain::directory::{
    Partner, PartnerData, PartnerFilter, PartnerOrder, PartnerOrderField, PartnerPatch, PartnerRepository,
};
use pactes_domain::page::{Page, PageRequest};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{Actor, FederationId, PartnerId, Scope};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Expr;

use super::entity::Column;
use crate::database::Database;
use crate::pattern::contains_pattern;
use crate::tenant::{Readable, archive, count, find_by_ids, insert, list_page, update};

fn filtered(db: &Database, scope: &Scope, filter: &PartnerFilter) -> Readable<PartnerData> {
    let mut select = Readable::rows(scope, filter.federation, filter.include_archived);
    if let Some(kind) = filter.kind {
        select = select.filter(Column::Kind.eq(kind.code()));
    }
    if let Some(search) = filter.folded_search() {
        select = select.filter(Column::NameKey.like(contains_pattern(db.backend(), &search)));
    }
    select
}

impl PartnerRepository for Database {
    async fn partners_by_ids(&self, scope: &Scope, ids: &[PartnerId]) -> RepositoryResult<Vec<Partner>> {
        find_by_ids::<PartnerData>(&self.scoped(scope), scope, ids.iter().map(|id| id.as_uuid()), true).await
    }

    async fn list_partners(
        &self,
        scope: &Scope,
        filter: &PartnerFilter,
        order: PartnerOrder,
        page: &PageRequest,
    ) -> RepositoryResult<Page<Partner>> {
        let key = match order.field {
            PartnerOrderField::Name => Some(Expr::col(Column::NameKey)),
            PartnerOrderField::CreatedAt => None,
        };
        list_page::<PartnerData>(
            &self.scoped(scope),
            filtered(self, scope, filter),
            key,
            order.direction,
            page,
        )
        .await
    }

    async fn count_partners(&self, scope: &Scope, filter: &PartnerFilter) -> RepositoryResult<u64> {
        count(&self.scoped(scope), filtered(self, scope, filter)).await
    }

    async fn create_partner(
        &self,
        tenant: FederationId,
        actor: &Actor,
        data: PartnerData,
    ) -> RepositoryResult<Partner> {
        insert(self, actor, Record::create(tenant, data)).await
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
