use pactes_domain::directory::{Centre, Territory, TerritoryData};
use pactes_domain::directory::{
    CentreData, CentreFilter, CentreOrder, CentreOrderField, CentrePatch, CentreRepository, CentreSummary,
    NO_ACCREDITATION_END,
};
use pactes_domain::page::{Along, Page, PageAlong, PageRequest};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{Actor, CentreId, FederationId, Scope};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, QueryTrait};

use super::entity::{Column, Entity};
use super::record::{SUMMARY_COLUMNS, summary};
use crate::database::Database;
use crate::error::storage;
use crate::pattern::contains_pattern;
use crate::rows::decode;
use crate::tenant::{
    Items, PageOf, Readable, TenantRecord, archive, by_ids, count, find_by_ids, insert, join_pointed, list_along,
    list_page, list_page_along, pointed, update,
};

fn filtered(db: &Database, scope: &Scope, filter: &CentreFilter) -> Readable<CentreData> {
    let mut select = Readable::rows(scope, filter.federation, filter.include_archived);
    if let Some(territory) = filter.territory {
        select = select.filter(Column::TerritoryId.eq(territory.as_uuid()));
    }
    if let Some(commune) = filter.folded_commune() {
        select = select.filter(Column::CommuneKey.eq(commune));
    }
    if let Some(kind) = filter.kind {
        select = select.filter(Column::Kind.eq(kind.code()));
    }
    if let Some(management) = filter.management {
        select = select.filter(Column::Management.eq(management.code()));
    }
    if let Some(search) = filter.folded_search() {
        let pattern = contains_pattern(db.backend(), &search);
        select = select.filter(
            Condition::any()
                .add(Column::NameKey.like(pattern.clone()))
                .add(Column::CommuneKey.like(pattern)),
        );
    }
    select
}

/// The expression an ordering sorts by, with its table named: a page may join other tables.
fn sort_key(field: CentreOrderField) -> Option<Expr> {
    match field {
        CentreOrderField::Name => Some(Expr::col((Entity, Column::NameKey))),
        CentreOrderField::Commune => Some(Expr::col((Entity, Column::CommuneKey))),
        CentreOrderField::AccreditationEnd => {
            Some(Expr::col((Entity, Column::AccreditationEnd)).if_null(NO_ACCREDITATION_END))
        }
        CentreOrderField::CreatedAt => None,
    }
}

impl CentreRepository for Database {
    async fn centres_by_ids(&self, scope: &Scope, ids: &[CentreId]) -> RepositoryResult<Vec<Centre>> {
        find_by_ids::<CentreData>(&self.scoped(scope), scope, ids.iter().map(|id| id.as_uuid()), true).await
    }

    async fn centre_with_territory(
        &self,
        scope: &Scope,
        id: CentreId,
    ) -> RepositoryResult<Option<(Centre, Option<Territory>)>> {
        let mut select = by_ids::<CentreData>(scope, [id.as_uuid()]);
        // The territory's row after the centre's, in the same statement.
        join_pointed::<CentreData, TerritoryData>(&mut select, Column::TerritoryId);
        let conn = self.scoped(scope);
        let Some(row) = conn
            .query_one_raw(select.build(conn.get_database_backend()))
            .await
            .map_err(storage)?
        else {
            return Ok(None);
        };
        let centre = CentreData::from_row(decode(&row).map_err(storage)?, &mut Default::default())?;
        let territory = pointed::<CentreData, TerritoryData>(&row)?;
        Ok(Some((centre, territory)))
    }

    async fn list_centres(
        &self,
        scope: &Scope,
        filter: &CentreFilter,
        order: CentreOrder,
        page: &PageRequest,
    ) -> RepositoryResult<Page<Centre>> {
        let key = sort_key(order.field);
        list_page::<CentreData>(
            &self.scoped(scope),
            filtered(self, scope, filter),
            key,
            order.direction,
            page,
        )
        .await
    }

    async fn list_centres_along(
        &self,
        scope: &Scope,
        filter: &CentreFilter,
        order: CentreOrder,
        page: &PageRequest,
        along: Along,
    ) -> RepositoryResult<PageAlong<Centre, Territory>> {
        let of = PageOf {
            rows: filtered(self, scope, filter),
            count: filtered(self, scope, filter),
            points_to: Column::TerritoryId,
            key: sort_key(order.field),
            direction: order.direction,
        };
        list_page_along::<CentreData, TerritoryData>(&self.scoped(scope), of, page, along).await
    }

    async fn list_centre_summaries_along(
        &self,
        scope: &Scope,
        filter: &CentreFilter,
        order: CentreOrder,
        page: &PageRequest,
        along: Along,
    ) -> RepositoryResult<PageAlong<CentreSummary, Territory>> {
        let of = PageOf {
            rows: filtered(self, scope, filter).only(SUMMARY_COLUMNS),
            count: filtered(self, scope, filter),
            points_to: Column::TerritoryId,
            key: sort_key(order.field),
            direction: order.direction,
        };
        let items = Items {
            columns: SUMMARY_COLUMNS.len(),
            read: summary,
        };
        list_along::<CentreData, TerritoryData, _>(&self.scoped(scope), of, page, along, items).await
    }

    async fn count_centres(&self, scope: &Scope, filter: &CentreFilter) -> RepositoryResult<u64> {
        count(&self.scoped(scope), filtered(self, scope, filter)).await
    }

    async fn create_centre(&self, tenant: FederationId, actor: &Actor, data: CentreData) -> RepositoryResult<Centre> {
        insert(self, actor, Record::create(tenant, data)).await
    }

    async fn update_centre(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: CentreId,
        expected_version: i64,
        patch: CentrePatch,
    ) -> RepositoryResult<Centre> {
        update(self, tenant, actor, id.as_uuid(), expected_version, |current| {
            Ok(patch.apply(current)?)
        })
        .await
    }

    async fn archive_centre(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: CentreId,
        expected_version: i64,
    ) -> RepositoryResult<Centre> {
        archive(self, tenant, actor, id.as_uuid(), expected_version).await
    }
}
