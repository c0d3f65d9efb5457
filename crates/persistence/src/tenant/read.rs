//! Scoped reads of tenant records: by ids, by page, and counts. Every read filters on the caller's scope.

use chrono::{DateTime, Utc};
use pactes_domain::Scope;
use pactes_domain::lifecycle::RecordState;
use pactes_domain::page::{Direction, Page, PageRequest};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Select};
use uuid::Uuid;

use super::{TenantRecord, TenantTable};
use crate::error::storage;
use crate::keyset::paginate;
use crate::rows::all;
use crate::scope::tenant_condition;

/// Records and their parts from rows already read: one more statement per child table.
async fn with_parts<D: TenantRecord>(
    db: &impl ConnectionTrait,
    scope: &Scope,
    rows: Vec<<D::Table as EntityTrait>::Model>,
) -> RepositoryResult<Vec<Record<D::Id, D>>> {
    let ids: Vec<Uuid> = rows.iter().map(D::row_id).collect();
    let mut parts = if ids.is_empty() {
        D::Parts::default()
    } else {
        D::load_parts(db, scope, &ids).await?
    };
    rows.into_iter().map(|row| D::from_row(row, &mut parts)).collect()
}

/// The rows among `ids` that the scope can see: its federations', and among them those it may read.
pub(crate) fn by_ids<D: TenantRecord>(scope: &Scope, ids: impl IntoIterator<Item = Uuid>) -> Select<D::Table> {
    let select = D::Table::find()
        .filter(tenant_condition(D::Table::federation_column(), scope, None))
        .filter(D::Table::id_column().is_in(ids));
    match D::visible_to(scope) {
        Some(visible) => select.filter(visible),
        None => select,
    }
}

/// The records among `ids` that the scope can see, with their parts when `whole`: one statement per table,
/// whatever the number of ids.
pub(crate) async fn find_by_ids<D: TenantRecord>(
    db: &impl ConnectionTrait,
    scope: &Scope,
    ids: impl IntoIterator<Item = Uuid>,
    whole: bool,
) -> RepositoryResult<Vec<Record<D::Id, D>>> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = all(db, by_ids::<D>(scope, ids)).await.map_err(storage)?;
    if whole {
        with_parts::<D>(db, scope, rows).await
    } else {
        roots::<D>(rows)
    }
}

/// Every record `select` finds (already scoped and filtered, at most a bounded number), whole: one statement
/// per table.
pub(crate) async fn find_whole<D: TenantRecord>(
    db: &impl ConnectionTrait,
    scope: &Scope,
    select: Select<D::Table>,
) -> RepositoryResult<Vec<Record<D::Id, D>>> {
    let rows = all(db, select).await.map_err(storage)?;
    with_parts::<D>(db, scope, rows).await
}

/// Records without their parts (empty lists), from rows already read.
fn roots<D: TenantRecord>(rows: Vec<<D::Table as EntityTrait>::Model>) -> RepositoryResult<Vec<Record<D::Id, D>>> {
    let mut none = D::Parts::default();
    rows.into_iter().map(|row| D::from_row(row, &mut none)).collect()
}

/// One page of the rows `select` finds (already scoped and filtered), ordered by (`key`, id), without their
/// parts: a list field of a page's items is read for the items that show it, by id.
pub(crate) async fn list_page<D: TenantRecord>(
    db: &impl ConnectionTrait,
    select: Select<D::Table>,
    key: Option<Expr>,
    direction: Direction,
    page: &PageRequest,
) -> RepositoryResult<Page<Record<D::Id, D>>> {
    let rows = all(db, paginate(select, key, D::Table::id_column(), direction, page))
        .await
        .map_err(storage)?;
    let items = roots::<D>(rows)?;
    Ok(Page::from_scan(items, page))
}

/// Whether each row among `ids` that the scope can see is active or archived: one statement reading two
/// columns, no content and no parts.
pub(crate) async fn states<T: TenantTable>(
    db: &impl ConnectionTrait,
    scope: &Scope,
    ids: impl IntoIterator<Item = Uuid>,
) -> RepositoryResult<Vec<(Uuid, RecordState)>> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(Uuid, Option<DateTime<Utc>>)> = T::find()
        .select_only()
        .column(T::id_column())
        .column(T::archived_column())
        .filter(tenant_condition(T::federation_column(), scope, None))
        .filter(T::id_column().is_in(ids))
        .into_tuple()
        .all(db)
        .await
        .map_err(storage)?;
    Ok(rows
        .into_iter()
        .map(|(id, archived)| {
            let state = if archived.is_some() {
                RecordState::Archived
            } else {
                RecordState::Active
            };
            (id, state)
        })
        .collect())
}

/// How many rows `select` finds, without reading them: `SELECT COUNT(*) … WHERE …`, not a count over a subquery
/// that selects every column (sea-orm's `PaginatorTrait::count`).
pub(crate) async fn count<E: EntityTrait>(db: &impl ConnectionTrait, select: Select<E>) -> RepositoryResult<u64>
where
    E::Model: Sync,
{
    let counted: Option<i64> = select
        .select_only()
        .expr_as(Expr::cust("COUNT(*)"), "n")
        .into_tuple()
        .one(db)
        .await
        .map_err(storage)?;
    Ok(counted.map_or(0, |n| u64::try_from(n).unwrap_or(0)))
}
