use pactes_domain::audit::{AuditAction, AuditEntry};
use pactes_domain::directory::{
    Partner, PartnerData, PartnerFilter, PartnerOrder, PartnerOrderField, PartnerPatch, PartnerRepository,
};
use pactes_domain::page::{Page, PageRequest};
use pactes_domain::record::RecordMeta;
use pactes_domain::repository::{RepositoryResult, check_version};
use pactes_domain::{Actor, FederationId, PartnerId, Scope};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Select};

use super::entity::{Column, Entity, to_domain, to_row};
use crate::audit::append;
use crate::database::Database;
use crate::directory::contains_pattern;
use crate::directory::tenant_table::{find_by_ids, find_for_update, overwrite};
use crate::error::storage;
use crate::keyset::paginate;
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
        let rows = find_by_ids::<Entity>(&self.conn, scope, ids.iter().map(|id| id.as_uuid())).await?;
        rows.into_iter().map(to_domain).collect()
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
        let rows = paginate(filtered(scope, filter), key, Column::Id, order.direction, page)
            .all(&self.conn)
            .await
            .map_err(storage)?;
        let items = rows.into_iter().map(to_domain).collect::<RepositoryResult<Vec<_>>>()?;
        Ok(Page::from_scan(items, page))
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
        let tx = self.begin_write().await?;
        let now = pactes_domain::record::now();
        let partner = Partner {
            id: PartnerId::generate(),
            federation_id: tenant,
            data,
            meta: RecordMeta::new(now),
        };
        Entity::insert(to_row(&partner))
            .exec_without_returning(&tx)
            .await
            .map_err(storage)?;
        let entry = AuditEntry::record(
            Some(tenant),
            actor,
            AuditAction::Create,
            partner.id.as_uuid(),
            None,
            &partner.data,
            now,
        );
        append(&tx, &entry).await?;
        tx.commit().await.map_err(storage)?;
        Ok(partner)
    }

    async fn update_partner(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: PartnerId,
        expected_version: i64,
        patch: PartnerPatch,
    ) -> RepositoryResult<Partner> {
        let tx = self.begin_write().await?;
        let current = to_domain(find_for_update::<Entity>(&tx, tenant, id.as_uuid()).await?)?;
        check_version(expected_version, current.meta.version)?;
        let now = pactes_domain::record::now();
        let updated = Partner {
            data: patch.apply(&current.data)?,
            meta: current.meta.touched(now),
            ..current.clone()
        };
        overwrite::<Entity>(&tx, tenant, id.as_uuid(), to_row(&updated))
            .await
            .map_err(storage)?;
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

    async fn archive_partner(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: PartnerId,
        expected_version: i64,
    ) -> RepositoryResult<Partner> {
        let tx = self.begin_write().await?;
        let current = to_domain(find_for_update::<Entity>(&tx, tenant, id.as_uuid()).await?)?;
        check_version(expected_version, current.meta.version)?;
        let now = pactes_domain::record::now();
        let archived = Partner {
            meta: current.meta.archived(now),
            ..current
        };
        overwrite::<Entity>(&tx, tenant, id.as_uuid(), to_row(&archived))
            .await
            .map_err(storage)?;
        append(
            &tx,
            &AuditEntry::archive::<PartnerData>(Some(tenant), actor, id.as_uuid(), now),
        )
        .await?;
        tx.commit().await.map_err(storage)?;
        Ok(archived)
    }
}
