use pactes_domain::audit::{AuditAction, AuditEntry, AuditFilter, AuditRepository, FieldChange};
use pactes_domain::page::{Direction, Page, PageRequest};
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{Actor, AuditEntryId, FederationId, Scope};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::{Deserialize, Serialize};

use super::entity::{self, Column, Entity};
use crate::database::Database;
use crate::error::{decode_code, storage};
use crate::keyset::paginate;
use crate::lists::{decode, encode};
use crate::scope::tenant_condition;

#[derive(Serialize, Deserialize)]
struct StoredChange {
    field: String,
    before: Option<String>,
    after: Option<String>,
}

/// Appends an entry; call it with the transaction of the change it records.
pub(crate) async fn append(db: &impl ConnectionTrait, entry: &AuditEntry) -> RepositoryResult<()> {
    let changes: Vec<StoredChange> = entry
        .changes
        .iter()
        .map(|c| StoredChange {
            field: c.field.clone(),
            before: c.before.clone(),
            after: c.after.clone(),
        })
        .collect();
    let row = entity::ActiveModel {
        id: Set(entry.id.as_uuid()),
        federation_id: Set(entry.federation_id.map(|f| f.as_uuid())),
        occurred_at: Set(entry.occurred_at),
        actor_subject: Set(entry.actor.subject.clone()),
        actor_roles: Set(encode(&entry.actor.roles)),
        action: Set(entry.action.code().to_owned()),
        entity_type: Set(entry.entity_type.clone()),
        entity_id: Set(entry.entity_id),
        changes: Set(encode(&changes)),
    };
    Entity::insert(row).exec_without_returning(db).await.map_err(storage)?;
    Ok(())
}

fn to_domain(row: entity::Model) -> RepositoryResult<AuditEntry> {
    let changes: Vec<StoredChange> = decode("audit_log.changes", &row.changes)?;
    Ok(AuditEntry {
        id: AuditEntryId::from_uuid(row.id),
        federation_id: row.federation_id.map(FederationId::from_uuid),
        occurred_at: row.occurred_at,
        actor: Actor {
            subject: row.actor_subject,
            roles: decode("audit_log.actor_roles", &row.actor_roles)?,
        },
        action: decode_code::<AuditAction>("audit_log.action", &row.action)?,
        entity_type: row.entity_type,
        entity_id: row.entity_id,
        changes: changes
            .into_iter()
            .map(|c| FieldChange {
                field: c.field,
                before: c.before,
                after: c.after,
            })
            .collect(),
    })
}

fn filtered(scope: &Scope, filter: &AuditFilter) -> sea_orm::Select<Entity> {
    let mut select = Entity::find().filter(tenant_condition(Column::FederationId, scope, None));
    if let Some(entity_id) = filter.entity_id {
        select = select.filter(Column::EntityId.eq(entity_id));
    }
    select
}

impl AuditRepository for Database {
    async fn list_audit_entries(
        &self,
        scope: &Scope,
        filter: &AuditFilter,
        page: &PageRequest,
    ) -> RepositoryResult<Page<AuditEntry>> {
        // Ids are UUIDv7: descending id is newest first.
        let select = paginate(filtered(scope, filter), None, Column::Id, Direction::Desc, page);
        let rows = crate::rows::all(&self.scoped(scope), select).await.map_err(storage)?;
        let entries = rows.into_iter().map(to_domain).collect::<RepositoryResult<Vec<_>>>()?;
        Ok(Page::from_scan(entries, page))
    }

    async fn count_audit_entries(&self, scope: &Scope, filter: &AuditFilter) -> RepositoryResult<u64> {
        crate::tenant::count_rows(&self.scoped(scope), filtered(scope, filter)).await
    }

    async fn audit_entries_by_ids(&self, scope: &Scope, ids: &[AuditEntryId]) -> RepositoryResult<Vec<AuditEntry>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let select =
            filtered(scope, &AuditFilter::default()).filter(Column::Id.is_in(ids.iter().map(|id| id.as_uuid())));
        let rows = crate::rows::all(&self.scoped(scope), select).await.map_err(storage)?;
        rows.into_iter().map(to_domain).collect()
    }

    async fn audit_entries_after(
        &self,
        scope: &Scope,
        after: Option<AuditEntryId>,
        limit: u64,
    ) -> RepositoryResult<Vec<AuditEntry>> {
        let mut select = filtered(scope, &AuditFilter::default())
            .order_by_asc(Column::Id)
            .limit(limit);
        if let Some(after) = after {
            select = select.filter(Column::Id.gt(after.as_uuid()));
        }
        let rows = crate::rows::all(&self.scoped(scope), select).await.map_err(storage)?;
        rows.into_iter().map(to_domain).collect()
    }
}
