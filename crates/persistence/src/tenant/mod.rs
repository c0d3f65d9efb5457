//! The machinery every tenant-owned, versioned record shares, whatever its area: scoped reads by id and by page,
//! and the one write path (insert, update, archive), each locked, version-checked and audited in one
//! transaction. A record may own parts in child tables (a territory's communes, a pact's axes): they are read
//! with their roots in one statement per child table, and rewritten with the root, under the root's version.
//!
//! Adding an entity costs its table, its row mapping and a [`TenantRecord`] impl; lists, look-ups by id, writes,
//! locking, versions and the audit entry come from here.

mod children;
mod read;
mod write;

use std::collections::HashMap;
use std::future::Future;

use pactes_domain::audit::Audited;
use pactes_domain::lifecycle::RecordState;
use pactes_domain::record::{Record, RecordData};
use pactes_domain::repository::RecordsById;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{EntityId, FederationId, RepositoryError, Scope};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};
use uuid::Uuid;

pub(crate) use children::{
    ChildTable, child_table, delete_children, insert_children, load_children, parts_in_child_table, replace_children,
};
pub(crate) use read::{
    Items, PageOf, Readable, by_ids, count, count_rows, find_by_ids, find_whole, join_pointed, list_along, list_page,
    list_page_along, pointed, record_states, states,
};
pub(crate) use write::{archive, insert, insert_in, lock_in, step, update, update_as, update_in, update_latest};

/// A table whose rows belong to one federation.
pub(crate) trait TenantTable: EntityTrait<Model: crate::rows::ByPosition> {
    fn id_column() -> Self::Column;
    fn federation_column() -> Self::Column;
    fn archived_column() -> Self::Column;
}

/// [`TenantTable`] for the module's `Entity`, whose columns are the usual `id`, `federation_id` and
/// `archived_at`: `crate::tenant::tenant_table!();` beside the model.
macro_rules! tenant_table {
    () => {
        impl $crate::tenant::TenantTable for Entity {
            fn id_column() -> Column {
                Column::Id
            }
            fn federation_column() -> Column {
                Column::FederationId
            }
            fn archived_column() -> Column {
                Column::ArchivedAt
            }
        }
    };
}

pub(crate) use tenant_table;

/// The content of a tenant record, and how it is stored: one row of `Table` plus, for an aggregate, its parts.
pub(crate) trait TenantRecord: Audited + RecordData + Sized {
    type Table: TenantTable;
    /// The parts of a page of records, by record id, read from the child tables (`()` without parts).
    type Parts: Default + Send + Sync;

    /// The record of a row and its parts (taken out of `parts`).
    fn from_row(
        row: <Self::Table as EntityTrait>::Model,
        parts: &mut Self::Parts,
    ) -> RepositoryResult<Record<Self::Id, Self>>;

    fn to_row(record: &Record<Self::Id, Self>) -> <Self::Table as EntityTrait>::ActiveModel;

    fn row_id(row: &<Self::Table as EntityTrait>::Model) -> Uuid;

    /// The parts of the records `ids`, within `scope`: one statement per child table.
    fn load_parts(
        _db: &impl ConnectionTrait,
        _scope: &Scope,
        _ids: &[Uuid],
    ) -> impl Future<Output = RepositoryResult<Self::Parts>> + Send {
        async { Ok(Self::Parts::default()) }
    }

    /// Writes the record's parts, inside the write's transaction: all of them for a new record (`previous` is
    /// `None`); for an update, only the child tables whose content differs from `previous`, and only the new
    /// rows of a table that is only ever appended to (amendments, payments).
    fn write_parts(
        _db: &impl ConnectionTrait,
        _previous: Option<&Self>,
        _record: &Record<Self::Id, Self>,
    ) -> impl Future<Output = RepositoryResult<()>> + Send {
        async { Ok(()) }
    }

    /// The parts a status step reads besides the root, within the write's transaction (signing a pact checks
    /// its signatories): none unless the kind says so. A step reads and writes nothing else.
    fn load_step_parts(
        _db: &impl ConnectionTrait,
        _tenant: FederationId,
        _id: Uuid,
    ) -> impl Future<Output = RepositoryResult<Self::Parts>> + Send {
        async { Ok(Self::Parts::default()) }
    }

    /// Whether `next` keeps every part of `previous`: a status step must (it writes the root row only).
    fn same_parts(_previous: &Self, _next: &Self) -> bool {
        false
    }

    /// Checks the content's references to other rows (which only the database can see), inside the write's
    /// transaction; `previous` is the content of the record `id` before an update, so unchanged references need
    /// no look-up.
    fn check_references(
        _db: &impl ConnectionTrait,
        _tenant: FederationId,
        _id: Uuid,
        _previous: Option<&Self>,
        _data: &Self,
    ) -> impl Future<Output = RepositoryResult<()>> + Send {
        async { Ok(()) }
    }

    /// What a scope sees of this kind beyond its federation's rows: `None` when every scope of the federation
    /// sees them all (the directory); a partner's scope may see only what concerns its partner (the pacts it
    /// signed). Applied to every read by id and every page. No default: each kind says, so a new kind cannot
    /// forget its partners.
    fn visible_to(scope: &Scope) -> Option<sea_orm::Condition>;

    /// Maps a failed write to what the caller should fix: a unique constraint, by its name, becomes a field
    /// error (see [`crate::constraints`]); anything else is a storage failure.
    fn write_error(error: DbErr) -> RepositoryError {
        crate::constraints::map_write_error(error)
    }
}

/// Look-ups by id, for every tenant record: what the API's loaders and `node(id:)` use.
impl<D: TenantRecord> RecordsById<D> for crate::database::Database {
    async fn records_by_ids(&self, scope: &Scope, ids: &[D::Id]) -> RepositoryResult<Vec<Record<D::Id, D>>> {
        find_by_ids::<D>(&self.scoped(scope), scope, ids.iter().map(EntityId::as_uuid), true).await
    }

    async fn roots_by_ids(&self, scope: &Scope, ids: &[D::Id]) -> RepositoryResult<Vec<Record<D::Id, D>>> {
        find_by_ids::<D>(&self.scoped(scope), scope, ids.iter().map(EntityId::as_uuid), false).await
    }

    async fn record_states(&self, scope: &Scope, ids: &[D::Id]) -> RepositoryResult<Vec<(D::Id, RecordState)>> {
        let found = record_states::<D>(&self.scoped(scope), scope, ids.iter().map(EntityId::as_uuid)).await?;
        Ok(found
            .into_iter()
            .map(|(id, state)| (D::Id::from_uuid(id), state))
            .collect())
    }
}

/// Parts grouped by their record's id, as [`TenantRecord::Parts`] of records with one child table.
pub(crate) type PartsById<T> = HashMap<Uuid, Vec<T>>;

pub(crate) fn take_parts<T>(parts: &mut PartsById<T>, id: Uuid) -> Vec<T> {
    parts.remove(&id).unwrap_or_default()
}

/// The metadata of a stored row, from the four columns every versioned table has.
pub(crate) fn stored_meta(
    version: i64,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
    archived_at: Option<chrono::DateTime<chrono::Utc>>,
) -> pactes_domain::record::RecordMeta {
    pactes_domain::record::RecordMeta {
        version,
        created_at,
        updated_at,
        archived_at,
    }
}
