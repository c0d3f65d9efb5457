//! Child tables: the parts of a record (a territory's communes, a partner's contacts, a pact's axes), read in one
//! statement per page of records and rewritten whole with their record, in its transaction.

use pactes_domain::repository::RepositoryResult;
use pactes_domain::{FederationId, Scope};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::PartsById;
use crate::error::storage;
use crate::scope::tenant_condition;

/// A table of parts: each row names its record (`parent_column`) and, like every tenant table, its federation,
/// which its foreign key to the parent includes.
pub(crate) trait ChildTable: EntityTrait<Model: crate::rows::ByPosition> {
    fn parent_column() -> Self::Column;
    fn federation_column() -> Self::Column;
    /// The parts' order within their record.
    fn position_column() -> Self::Column;
    fn parent_of(row: &Self::Model) -> Uuid;
}

/// The parts of the records `parents`, in order, grouped by record.
pub(crate) async fn load_children<C: ChildTable>(
    db: &impl ConnectionTrait,
    scope: &Scope,
    parents: &[Uuid],
) -> RepositoryResult<PartsById<C::Model>> {
    let select = C::find()
        .filter(tenant_condition(C::federation_column(), scope, None))
        .filter(C::parent_column().is_in(parents.iter().copied()))
        .order_by_asc(C::parent_column())
        .order_by_asc(C::position_column());
    let rows = crate::rows::all(db, select).await.map_err(storage)?;
    let mut grouped = PartsById::new();
    for row in rows {
        grouped.entry(C::parent_of(&row)).or_insert_with(Vec::new).push(row);
    }
    Ok(grouped)
}

/// Replaces every part of one record: two statements, inside the caller's transaction.
pub(crate) async fn replace_children<C: ChildTable, A>(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    parent: Uuid,
    rows: Vec<A>,
) -> RepositoryResult<()>
where
    A: ActiveModelTrait<Entity = C> + Send,
    C::Model: IntoActiveModel<A>,
{
    delete_children::<C>(db, tenant, parent).await?;
    insert_children::<C, A>(db, rows).await
}

/// Deletes every part of one record (an aggregate whose child tables refer to each other deletes them all
/// before it inserts any).
pub(crate) async fn delete_children<C: ChildTable>(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    parent: Uuid,
) -> RepositoryResult<()> {
    C::delete_many()
        .filter(crate::scope::tenant_rows(C::federation_column(), tenant))
        .filter(C::parent_column().eq(parent))
        .exec(db)
        .await
        .map_err(storage)?;
    Ok(())
}

/// Inserts parts: one statement, none for no rows.
pub(crate) async fn insert_children<C: ChildTable, A>(db: &impl ConnectionTrait, rows: Vec<A>) -> RepositoryResult<()>
where
    A: ActiveModelTrait<Entity = C> + Send,
    C::Model: IntoActiveModel<A>,
{
    if !rows.is_empty() {
        C::insert_many(rows)
            .exec_without_returning(db)
            .await
            .map_err(crate::constraints::map_write_error)?;
    }
    Ok(())
}

/// The two [`super::TenantRecord`] methods of a record whose parts live in one child table:
/// `parts_in_child_table!(communes::Entity, communes::rows, communes)`, `rows` making a record's child rows from
/// the record's field `communes` (rewritten only when that field changed).
macro_rules! parts_in_child_table {
    ($child:ty, $rows:path, $($held:ident).+) => {
        async fn load_parts(
            db: &impl sea_orm::ConnectionTrait,
            scope: &pactes_domain::Scope,
            ids: &[uuid::Uuid],
        ) -> pactes_domain::repository::RepositoryResult<Self::Parts> {
            $crate::tenant::load_children::<$child>(db, scope, ids).await
        }

        async fn write_parts(
            db: &impl sea_orm::ConnectionTrait,
            previous: Option<&Self>,
            record: &pactes_domain::record::Record<Self::Id, Self>,
        ) -> pactes_domain::repository::RepositoryResult<()> {
            if previous.is_some_and(|previous| previous.$($held).+ == record.data.$($held).+) {
                return Ok(());
            }
            let rows = $rows(record);
            if previous.is_none() {
                // A new record has no parts to delete.
                return $crate::tenant::insert_children::<$child, _>(db, rows).await;
            }
            let parent = pactes_domain::EntityId::as_uuid(&record.id);
            $crate::tenant::replace_children::<$child, _>(db, record.federation_id, parent, rows).await
        }
    };
}

pub(crate) use parts_in_child_table;

/// A child table, declared once: its row (`Model`, its fields in the table's column order, which decoding by
/// position follows), that decoding, and its [`ChildTable`] — grouped by `$parent` (its record's id column),
/// ordered by `$position`. The calling module imports `sea_orm::entity::prelude::*`.
///
/// `child_table!("pact_labels", parent pact_id: PactId, by Position, { federation_id: Uuid, … })`
macro_rules! child_table {
    ($table:literal, parent $parent:ident : $Parent:ident, by $position:ident, {
        $( $(#[$attr:meta])* $field:ident : $ty:ty ),* $(,)?
    }) => {
        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = $table)]
        pub struct Model {
            $( $(#[$attr])* pub $field: $ty, )*
        }

        $crate::rows::by_position!(Model { $($field),* });

        impl $crate::tenant::ChildTable for Entity {
            fn parent_column() -> Column {
                Column::$Parent
            }
            fn federation_column() -> Column {
                Column::FederationId
            }
            fn position_column() -> Column {
                Column::$position
            }
            fn parent_of(row: &Model) -> Uuid {
                row.$parent
            }
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    };
}

pub(crate) use child_table;
