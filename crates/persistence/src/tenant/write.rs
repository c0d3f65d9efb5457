//! Create, update and archive for any tenant record, aggregates included: one transaction each, the root
//! locked and version-checked, parts rewritten with it, one audit entry, all or nothing.

use pactes_domain::audit::{AuditAction, AuditEntry};
use pactes_domain::lifecycle::{Lifecycle, RecordEvent};
use pactes_domain::record::{Record, now};
use pactes_domain::repository::{RepositoryResult, check_version};
use pactes_domain::{Actor, EntityId, FederationId};
use uuid::Uuid;

use super::TenantRecord;
use crate::database::Database;
use crate::row_security::RowScope;
use crate::write::Write;

/// A write holding the record `id` locked, if the caller read its current version.
async fn locked<D: TenantRecord>(
    db: &Database,
    tenant: FederationId,
    id: Uuid,
    expected_version: i64,
) -> RepositoryResult<(Write, Record<D::Id, D>)> {
    let write = db.write(RowScope::tenant(tenant)).await?;
    let current = write.lock::<D>(tenant, id).await?;
    check_version(expected_version, current.meta.version)?;
    Ok((write, current))
}

/// Inserts a new record (version 1) with its parts and its CREATE audit entry.
pub(crate) async fn insert<D: TenantRecord>(
    db: &Database,
    actor: &Actor,
    record: Record<D::Id, D>,
) -> RepositoryResult<Record<D::Id, D>> {
    let write = db.write(RowScope::tenant(record.federation_id)).await?;
    let record = insert_in(&write, actor, record).await?;
    write.commit().await?;
    Ok(record)
}

/// The steps of [`insert`] inside a write the caller commits (with others: an import, the demo data).
pub(crate) async fn insert_in<D: TenantRecord>(
    write: &Write,
    actor: &Actor,
    record: Record<D::Id, D>,
) -> RepositoryResult<Record<D::Id, D>> {
    let tenant = record.federation_id;
    D::check_references(&**write, tenant, record.id.as_uuid(), None, &record.data).await?;
    write.insert(&record).await?;
    let id = record.id.as_uuid();
    let at = record.meta.created_at;
    write
        .audit(&AuditEntry::record(
            Some(tenant),
            actor,
            AuditAction::Create,
            id,
            None,
            &record.data,
            at,
        ))
        .await?;
    Ok(record)
}

/// Applies `change` to the current content if the caller read `expected_version` and the record is not
/// archived (INVALID_STATE), and records the difference.
pub(crate) async fn update<D: TenantRecord>(
    db: &Database,
    tenant: FederationId,
    actor: &Actor,
    id: Uuid,
    expected_version: i64,
    change: impl FnOnce(&D) -> RepositoryResult<D>,
) -> RepositoryResult<Record<D::Id, D>> {
    update_as(db, tenant, actor, AuditAction::Update, id, expected_version, change).await
}

/// [`update`], recorded in the audit log as `action`: a lifecycle step (`TRANSITION`), an amendment (`AMEND`).
pub(crate) async fn update_as<D: TenantRecord>(
    db: &Database,
    tenant: FederationId,
    actor: &Actor,
    action: AuditAction,
    id: Uuid,
    expected_version: i64,
    change: impl FnOnce(&D) -> RepositoryResult<D>,
) -> RepositoryResult<Record<D::Id, D>> {
    let (write, current) = locked::<D>(db, tenant, id, expected_version).await?;
    apply(write, tenant, actor, action, current, change).await
}

/// The steps of an update once the record is locked: `change`, its references, the row and parts, the audit
/// entry, the commit.
async fn apply<D: TenantRecord>(
    write: Write,
    tenant: FederationId,
    actor: &Actor,
    action: AuditAction,
    current: Record<D::Id, D>,
    change: impl FnOnce(&D) -> RepositoryResult<D>,
) -> RepositoryResult<Record<D::Id, D>> {
    let id = current.id.as_uuid();
    current
        .meta
        .state()
        .ensure_editable("an update")
        .map_err(|e| e.on(&["id"]))?;
    let data = change(&current.data)?;
    if data == current.data {
        // A retried request (a payment whose idempotency key is already recorded) or an edit to what is there
        // already: the write is dropped, rolled back, so the version stays and the log holds no empty entry.
        return Ok(current);
    }
    D::check_references(&*write, tenant, id, Some(&current.data), &data).await?;
    let at = now();
    let entry = AuditEntry::record(Some(tenant), actor, action, id, Some(&current.data), &data, at);
    let meta = current.meta.touched(at);
    let same_parts = D::same_parts(&current.data, &data);
    let updated = current.with(data, meta);
    if same_parts {
        write.put_root(&updated).await?;
    } else {
        write.put(&updated).await?;
    }
    write.audit(&entry).await?;
    write.commit().await?;
    Ok(updated)
}

/// [`update_as`] on whatever version is current, for changes that commute (appending payments): the record is
/// locked, so `change` sees the latest state and nothing is lost.
pub(crate) async fn update_latest<D: TenantRecord>(
    db: &Database,
    tenant: FederationId,
    actor: &Actor,
    action: AuditAction,
    id: Uuid,
    change: impl FnOnce(&D) -> RepositoryResult<D>,
) -> RepositoryResult<Record<D::Id, D>> {
    let write = db.write(RowScope::tenant(tenant)).await?;
    let current = write.lock::<D>(tenant, id).await?;
    apply(write, tenant, actor, action, current, change).await
}

/// Archives the record if the caller read `expected_version`: it leaves the lists and keeps its content.
/// Archiving an archived record is refused (INVALID_TRANSITION).
pub(crate) async fn archive<D: TenantRecord>(
    db: &Database,
    tenant: FederationId,
    actor: &Actor,
    id: Uuid,
    expected_version: i64,
) -> RepositoryResult<Record<D::Id, D>> {
    let (write, current) = locked::<D>(db, tenant, id, expected_version).await?;
    current
        .meta
        .state()
        .apply(RecordEvent::Archive)
        .map_err(|e| e.on(&["id"]))?;
    let at = now();
    let meta = current.meta.archived(at);
    let archived = current.with_meta(meta);
    write.put_root(&archived).await?;
    write
        .audit(&AuditEntry::archive::<D>(Some(tenant), actor, id, at))
        .await?;
    write.commit().await?;
    Ok(archived)
}
