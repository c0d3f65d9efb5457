//! Scoped reads of tenant records: by ids, by page, and counts. Every read filters on the caller's scope.

use chrono::{DateTime, Utc};
use pactes_domain::Scope;
use pactes_domain::lifecycle::RecordState;
use pactes_domain::page::{Along, Direction, Page, PageAlong, PageRequest};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Iterable, QueryFilter, QueryResult, QuerySelect, QueryTrait,
    Select,
};
use uuid::Uuid;

use super::{TenantRecord, TenantTable};
use crate::error::storage;
use crate::keyset::paginate;
use crate::rows::{all, decode, decode_from};
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

/// Joins to `select` the row of `R` each of its rows points to by its column `points_to` — of the row's own
/// federation only —, its columns after the row's own: read back with [`pointed`].
pub(crate) fn join_pointed<D: TenantRecord, R: TenantRecord>(
    select: &mut Select<D::Table>,
    points_to: <D::Table as EntityTrait>::Column,
) {
    let related = Alias::new("related");
    let query = QueryTrait::query(select);
    query.join_as(
        JoinType::LeftJoin,
        R::Table::default(),
        related.clone(),
        Condition::all()
            .add(Expr::col((related.clone(), R::Table::id_column())).equals((D::Table::default(), points_to)))
            .add(
                Expr::col((related.clone(), R::Table::federation_column()))
                    .equals((D::Table::default(), D::Table::federation_column())),
            ),
    );
    for column in <R::Table as EntityTrait>::Column::iter() {
        query.expr(Expr::col((related.clone(), column)));
    }
}

/// The record of `R` a row read with [`join_pointed`] points to, if it points to one the scope sees, and its
/// id, without its parts.
pub(crate) fn pointed<D: TenantRecord, R: TenantRecord>(
    row: &QueryResult,
) -> RepositoryResult<Option<Record<R::Id, R>>> {
    pointed_at::<R>(row, <D::Table as EntityTrait>::Column::iter().count())
}

/// [`pointed`], the related row's columns starting at `first`.
fn pointed_at<R: TenantRecord>(row: &QueryResult, first: usize) -> RepositoryResult<Option<Record<R::Id, R>>> {
    if pointed_id(row, first)?.is_none() {
        return Ok(None);
    }
    let related_row = decode_from(row, first).map_err(storage)?;
    R::from_row(related_row, &mut R::Parts::default()).map(Some)
}

/// The id of the row a row read with [`join_pointed`] points to (its first column, at `first`), if it points
/// to one the scope sees: read alone, so that a page whose items share a few related rows decodes each of them
/// once.
fn pointed_id(row: &QueryResult, first: usize) -> RepositoryResult<Option<Uuid>> {
    row.try_get_by_index(first).map_err(storage)
}

/// `SELECT COUNT(*) … WHERE …` of the rows `select` finds, not a count over a subquery that selects every
/// column (sea-orm's `PaginatorTrait::count`).
fn counting<E: EntityTrait>(select: Select<E>) -> Select<E> {
    select.select_only().expr_as(Expr::cust("COUNT(*)"), "n")
}

/// [`list_page`] with, in the same statement, what `along` asks for: the row of `R` each item points to by
/// its column `points_to` ([`join_pointed`]) and the count of every row `count` finds (a scalar subquery, read
/// from the first row). One statement, plus a count of its own when the page is empty and the total was asked.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn list_page_along<D: TenantRecord, R: TenantRecord>(
    db: &impl ConnectionTrait,
    select: Select<D::Table>,
    count: Select<D::Table>,
    points_to: <D::Table as EntityTrait>::Column,
    key: Option<Expr>,
    direction: Direction,
    page: &PageRequest,
    along: Along,
) -> RepositoryResult<PageAlong<Record<D::Id, D>, Record<R::Id, R>>>
where
    <D::Table as EntityTrait>::Model: Sync,
{
    let mut none = D::Parts::default();
    let items = Items {
        columns: <D::Table as EntityTrait>::Column::iter().count(),
        read: |row: &QueryResult| D::from_row(decode(row).map_err(storage)?, &mut none),
    };
    list_along::<D, R, _>(db, select, count, points_to, key, direction, page, along, items).await
}

/// How the items of a page are read: `select` selects `columns` columns, first in the row, and `read` reads
/// one item from them.
pub(crate) struct Items<F> {
    pub(crate) columns: usize,
    pub(crate) read: F,
}

/// [`list_page_along`] reading items as `items` says: the whole record, or fewer columns of it.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn list_along<D: TenantRecord, R: TenantRecord, T>(
    db: &impl ConnectionTrait,
    select: Select<D::Table>,
    count: Select<D::Table>,
    points_to: <D::Table as EntityTrait>::Column,
    key: Option<Expr>,
    direction: Direction,
    page: &PageRequest,
    along: Along,
    mut items: Items<impl FnMut(&QueryResult) -> RepositoryResult<T>>,
) -> RepositoryResult<PageAlong<T, Record<R::Id, R>>>
where
    <D::Table as EntityTrait>::Model: Sync,
{
    let mut select = paginate(select, key, D::Table::id_column(), direction, page);
    if along.related {
        join_pointed::<D, R>(&mut select, points_to);
    }
    if along.total {
        let counted = counting(count.clone()).into_query();
        QueryTrait::query(&mut select).expr(Expr::SubQuery(None, Box::new(counted.into())));
    }
    let rows = db
        .query_all_raw(select.build(db.get_database_backend()))
        .await
        .map_err(storage)?;
    let first_related = items.columns;
    let mut total = None;
    if along.total {
        total = Some(match rows.first() {
            // The count is the row's last column.
            Some(row) => {
                let last = first_related
                    + if along.related {
                        <R::Table as EntityTrait>::Column::iter().count()
                    } else {
                        0
                    };
                let counted: i64 = row.try_get_by_index(last).map_err(storage)?;
                u64::try_from(counted).unwrap_or(0)
            }
            // An empty page has no row to carry the count.
            None => self::count(db, count).await?,
        });
    }
    let mut found = Vec::with_capacity(rows.len());
    let mut seen = std::collections::HashSet::new();
    let mut related = Vec::new();
    // The row read beyond the page (to learn whether another follows) brings no related row along.
    let in_page = page.limit() as usize;
    for (index, row) in rows.iter().enumerate() {
        found.push((items.read)(row)?);
        if along.related
            && index < in_page
            && let Some(id) = pointed_id(row, first_related)?
            && seen.insert(id)
            && let Some(record) = pointed_at::<R>(row, first_related)?
        {
            related.push(record);
        }
    }
    Ok(PageAlong {
        page: Page::from_scan(found, page),
        related,
        total,
    })
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

/// How many rows `select` finds, without reading them ([`counting`]).
pub(crate) async fn count<E: EntityTrait>(db: &impl ConnectionTrait, select: Select<E>) -> RepositoryResult<u64>
where
    E::Model: Sync,
{
    let counted: Option<i64> = counting(select).into_tuple().one(db).await.map_err(storage)?;
    Ok(counted.map_or(0, |n| u64::try_from(n).unwrap_or(0)))
}
