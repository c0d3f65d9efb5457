//! Scoped reads of tenant records: by ids, by page, and counts. Every read filters on the caller's scope.

use chrono::{DateTime, Utc};
use pactes_domain::lifecycle::RecordState;
use pactes_domain::page::{Along, Direction, Page, PageAlong, PageRequest};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{FederationId, Scope};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, IntoCondition, JoinType, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Iterable, Order, QueryFilter, QueryOrder, QueryResult,
    QuerySelect, QueryTrait, Select,
};
use uuid::Uuid;

use super::{TenantRecord, TenantTable};
use crate::error::storage;
use crate::keyset::paginate;
use crate::rows::{all, decode, decode_from};
use crate::scope::{TENANT_FILTER, tenant_condition, tenant_rows};

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

/// The rows of a record kind a scope may read, and the only way into a page, a count or a batch of them: its
/// federation's rows (narrowed to the one a national caller asks for), those the kind's visibility rule lets the
/// scope see ([`TenantRecord::visible_to`]: a partner's), and the live ones unless archived ones are asked for.
/// An area narrows it with its own filter; it cannot take a wall away.
pub(crate) struct Readable<D: TenantRecord> {
    select: Select<D::Table>,
}

impl<D: TenantRecord> Readable<D> {
    /// The walls as one condition on the kind's table, for an area's own statement that reads it (a total over
    /// a join): the same walls as a page's.
    pub(crate) fn condition(scope: &Scope, federation: Option<FederationId>, include_archived: bool) -> Condition {
        let mut walls = Condition::all().add(tenant_condition(D::Table::federation_column(), scope, federation));
        // The build without the repositories' filters leaves partners, like federations, to PostgreSQL's
        // policies alone (see `crate::scope::TENANT_FILTER`).
        if TENANT_FILTER && let Some(visible) = D::visible_to(scope) {
            walls = walls.add(visible);
        }
        if !include_archived {
            walls = walls.add(D::Table::archived_column().is_null());
        }
        walls
    }

    /// The rows the scope may read, of `federation` when a national caller names one, archived ones included
    /// when asked for.
    pub(crate) fn rows(scope: &Scope, federation: Option<FederationId>, include_archived: bool) -> Self {
        Readable {
            select: D::Table::find().filter(Self::condition(scope, federation, include_archived)),
        }
    }

    /// The live rows the scope may read.
    pub(crate) fn live(scope: &Scope) -> Self {
        Self::rows(scope, None, false)
    }

    /// Those of them that also match `condition`.
    pub(crate) fn filter(self, condition: impl IntoCondition) -> Self {
        Readable {
            select: self.select.filter(condition),
        }
    }

    /// These rows ordered by `column`, then by what is ordered next (for [`find_whole`]; a page has its own
    /// order).
    pub(crate) fn order_by(self, column: <D::Table as EntityTrait>::Column, order: Order) -> Self {
        Readable {
            select: self.select.order_by(column, order),
        }
    }

    /// These rows, reading `columns` only (a summary of each).
    pub(crate) fn only(self, columns: impl IntoIterator<Item = <D::Table as EntityTrait>::Column>) -> Self {
        Readable {
            select: self.select.select_only().columns(columns),
        }
    }

    /// The ids of these rows, for a subquery.
    pub(crate) fn ids(self) -> SelectStatement {
        self.select.select_only().column(D::Table::id_column()).into_query()
    }
}

/// The rows among `ids` that the scope can see, archived ones included (a look-up by id shows an archived
/// record as such).
pub(crate) fn by_ids<D: TenantRecord>(scope: &Scope, ids: impl IntoIterator<Item = Uuid>) -> Select<D::Table> {
    Readable::<D>::rows(scope, None, true)
        .filter(D::Table::id_column().is_in(ids))
        .select
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

/// Every record of `rows` (at most a bounded number), whole: one statement per table.
pub(crate) async fn find_whole<D: TenantRecord>(
    db: &impl ConnectionTrait,
    scope: &Scope,
    rows: Readable<D>,
) -> RepositoryResult<Vec<Record<D::Id, D>>> {
    let rows = all(db, rows.select).await.map_err(storage)?;
    with_parts::<D>(db, scope, rows).await
}

/// Records without their parts (empty lists), from rows already read.
fn roots<D: TenantRecord>(rows: Vec<<D::Table as EntityTrait>::Model>) -> RepositoryResult<Vec<Record<D::Id, D>>> {
    let mut none = D::Parts::default();
    rows.into_iter().map(|row| D::from_row(row, &mut none)).collect()
}

/// One page of `rows`, ordered by (`key`, id), without their parts: a list field of a page's items is read for
/// the items that show it, by id.
pub(crate) async fn list_page<D: TenantRecord>(
    db: &impl ConnectionTrait,
    rows: Readable<D>,
    key: Option<Expr>,
    direction: Direction,
    page: &PageRequest,
) -> RepositoryResult<Page<Record<D::Id, D>>> {
    let rows = all(db, paginate(rows.select, key, D::Table::id_column(), direction, page))
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

/// What a page along its related rows reads: `rows`, ordered by (`key`, id) in `direction`, each pointing by
/// its column `points_to` to a row of `R`, and `count` (the same rows, without the columns a page selects)
/// counted when its total is asked for.
pub(crate) struct PageOf<D: TenantRecord> {
    pub(crate) rows: Readable<D>,
    pub(crate) count: Readable<D>,
    pub(crate) points_to: <D::Table as EntityTrait>::Column,
    pub(crate) key: Option<Expr>,
    pub(crate) direction: Direction,
}

/// [`list_page`] with, in the same statement, what `along` asks for: the row of `R` each item points to
/// ([`join_pointed`]) and the count of every row (a scalar subquery, read from the first row). One statement,
/// plus a count of its own when the page is empty and the total was asked.
pub(crate) async fn list_page_along<D: TenantRecord, R: TenantRecord>(
    db: &impl ConnectionTrait,
    of: PageOf<D>,
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
    list_along::<D, R, _>(db, of, page, along, items).await
}

/// How the items of a page are read: the select reads `columns` columns, first in the row, and `read` reads
/// one item from them.
pub(crate) struct Items<F> {
    pub(crate) columns: usize,
    pub(crate) read: F,
}

/// [`list_page_along`] reading items as `items` says: the whole record, or fewer columns of it.
pub(crate) async fn list_along<D: TenantRecord, R: TenantRecord, T>(
    db: &impl ConnectionTrait,
    of: PageOf<D>,
    page: &PageRequest,
    along: Along,
    mut items: Items<impl FnMut(&QueryResult) -> RepositoryResult<T>>,
) -> RepositoryResult<PageAlong<T, Record<R::Id, R>>>
where
    <D::Table as EntityTrait>::Model: Sync,
{
    let PageOf {
        rows,
        count,
        points_to,
        key,
        direction,
    } = of;
    let count = count.select;
    let mut select = paginate(rows.select, key, D::Table::id_column(), direction, page);
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
            None => count_rows(db, count).await?,
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
pub(crate) async fn record_states<D: TenantRecord>(
    db: &impl ConnectionTrait,
    scope: &Scope,
    ids: impl IntoIterator<Item = Uuid>,
) -> RepositoryResult<Vec<(Uuid, RecordState)>> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    states_of(
        db,
        by_ids::<D>(scope, ids),
        D::Table::id_column(),
        D::Table::archived_column(),
    )
    .await
}

/// [`record_states`] for a write's reference checks, by table: the writing federation's rows, all of which it
/// sees.
pub(crate) async fn states<T: TenantTable>(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    ids: impl IntoIterator<Item = Uuid>,
) -> RepositoryResult<Vec<(Uuid, RecordState)>> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let select = T::find()
        .filter(tenant_rows(T::federation_column(), tenant))
        .filter(T::id_column().is_in(ids));
    states_of(db, select, T::id_column(), T::archived_column()).await
}

/// The `id` and archived state of each row `select` finds: one statement reading two columns.
async fn states_of<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    id: E::Column,
    archived: E::Column,
) -> RepositoryResult<Vec<(Uuid, RecordState)>> {
    let rows: Vec<(Uuid, Option<DateTime<Utc>>)> = select
        .select_only()
        .column(id)
        .column(archived)
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

/// How many `rows` there are, without reading them ([`counting`]).
pub(crate) async fn count<D: TenantRecord>(db: &impl ConnectionTrait, rows: Readable<D>) -> RepositoryResult<u64>
where
    <D::Table as EntityTrait>::Model: Sync,
{
    count_rows(db, rows.select).await
}

/// How many rows `select` finds (a table that holds no records: the audit log).
pub(crate) async fn count_rows<E: EntityTrait>(db: &impl ConnectionTrait, select: Select<E>) -> RepositoryResult<u64>
where
    E::Model: Sync,
{
    let counted: Option<i64> = counting(select).into_tuple().one(db).await.map_err(storage)?;
    Ok(counted.map_or(0, |n| u64::try_from(n).unwrap_or(0)))
}
