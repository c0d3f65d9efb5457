//! Create, update and archive for any tenant record, aggregates included: one transaction each, the root
//! locked and version-checked, parts rewritten with it, one audit entry, all or nothing.

use pactes_domain::audit::{AuditAction, AuditEntry};
use pactes_domain::lifecycle::{Lifecycle, RecordEvent};
use pactes_domain::record::{Record, now};
use pactes_domain::repository::{RepositoryResult, check_version};
use pactes_domain::{Actor, EntityId, FederationId, RepositoryError};
use uuid::Uuid;

use super::TenantRecord;
use crate::database::Database;
use crate::row_security::RowScope;
use crate::write::Write;

/// What an update reads of the record and writes back.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// The whole record; the root and the parts that changed are written.
    Whole,
    /// A status step: the root and the parts the kind's steps read ([`TenantRecord::load_step_parts`]); the
    /// root only is written.
    Step,
}

/// A write holding the record `id` locked, read as far as `reach`, if the caller read its current version
/// (`None`: whatever version is current).
async fn locked<D: TenantRecord>(
    db: &Database,
    tenant: FederationId,
    id: Uuid,
    expected_version: Option<i64>,
    reach: Reach,
) -> RepositoryResult<(Write, Record<D::Id, D>)> {
    let write = db.write(RowScope::tenant(tenant)).await?;
    let current = match reach {
        Reach::Whole => write.lock::<D>(tenant, id).await?,
        Reach::Step => write.lock_for_step::<D>(tenant, id).await?,
    };
    if let Some(expected) = expected_version {
        check_version(expected, current.meta.version)?;
    }
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
    let (write, current) = locked::<D>(db, tenant, id, Some(expected_version), Reach::Whole).await?;
    apply(write, tenant, actor, action, current, Reach::Whole, change).await
}

/// The steps of an update once the record is locked, then the commit.
async fn apply<D: TenantRecord>(
    write: Write,
    tenant: FederationId,
    actor: &Actor,
    action: AuditAction,
    current: Record<D::Id, D>,
    reach: Reach,
    change: impl FnOnce(&D) -> RepositoryResult<D>,
) -> RepositoryResult<Record<D::Id, D>> {
    let unchanged = current.meta.version;
    let updated = apply_in(&write, tenant, actor, action, current, reach, change).await?;
    if updated.meta.version != unchanged {
        write.commit().await?;
    }
    Ok(updated)
}

/// The record `id` locked within `write`, if the caller read `expected_version`: for a write that reads or
/// changes other records beside it (a meeting convened from its body's members).
pub(crate) async fn lock_in<D: TenantRecord>(
    write: &Write,
    tenant: FederationId,
    id: Uuid,
    expected_version: Option<i64>,
) -> RepositoryResult<Record<D::Id, D>> {
    let current = write.lock::<D>(tenant, id).await?;
    if let Some(expected) = expected_version {
        check_version(expected, current.meta.version)?;
    }
    Ok(current)
}

/// [`update_as`] of a record locked by [`lock_in`], inside a write the caller commits.
pub(crate) async fn update_in<D: TenantRecord>(
    write: &Write,
    tenant: FederationId,
    actor: &Actor,
    action: AuditAction,
    current: Record<D::Id, D>,
    change: impl FnOnce(&D) -> RepositoryResult<D>,
) -> RepositoryResult<Record<D::Id, D>> {
    apply_in(write, tenant, actor, action, current, Reach::Whole, change).await
}

/// The steps of an update once the record is locked: `change`, its references, the row and what changed of
/// its parts, the audit entry. An unchanged record is returned as it was, nothing written.
async fn apply_in<D: TenantRecord>(
    write: &Write,
    tenant: FederationId,
    actor: &Actor,
    action: AuditAction,
    current: Record<D::Id, D>,
    reach: Reach,
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
    match reach {
        Reach::Whole => D::check_references(&**write, tenant, id, Some(&current.data), &data).await?,
        // Parts this write did not read would be written from a partial copy: refused, whatever the step.
        Reach::Step if !D::same_parts(&current.data, &data) => {
            return Err(RepositoryError::Storage(
                "a status step changed a record's parts".into(),
            ));
        }
        Reach::Step => {}
    }
    let at = now();
    let entry = AuditEntry::record(Some(tenant), actor, action, id, Some(&current.data), &data, at);
    let meta = current.meta.touched(at);
    let updated = Record {
        id: current.id,
        federation_id: current.federation_id,
        data,
        meta,
    };
    match reach {
        Reach::Whole => write.put(&current.data, &updated).await?,
        Reach::Step => write.put_root(&updated).await?,
    }
    write.audit(&entry).await?;
    Ok(updated)
}

/// A status step (a transition, a termination): `step` changes the root's columns only, from the root and the
/// parts the kind's steps read ([`TenantRecord::load_step_parts`]), so the write reads and writes nothing else —
/// the lock, the root's row, the audit entry. The record returned carries those parts only, as a page's items
/// carry none: a caller shows its other parts by reading it whole.
pub(crate) async fn step<D: TenantRecord>(
    db: &Database,
    tenant: FederationId,
    actor: &Actor,
    id: Uuid,
    expected_version: i64,
    step: impl FnOnce(&D) -> RepositoryResult<D>,
) -> RepositoryResult<Record<D::Id, D>> {
    let (write, current) = locked::<D>(db, tenant, id, Some(expected_version), Reach::Step).await?;
    apply(
        write,
        tenant,
        actor,
        AuditAction::Transition,
        current,
        Reach::Step,
        step,
    )
    .await
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
    let (write, current) = locked::<D>(db, tenant, id, None, Reach::Whole).await?;
    apply(write, tenant, actor, action, current, Reach::Whole, change).await
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
    // Archiving changes the metadata only: the root is locked and read without its parts.
    let (write, current) = locked::<D>(db, tenant, id, Some(expected_version), Reach::Step).await?;
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
