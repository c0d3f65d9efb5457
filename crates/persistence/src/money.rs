//! Amounts in storage: BIGINT cents on both databases, summed in SQL as integers. PostgreSQL's `SUM(bigint)` is
//! NUMERIC, so it is cast back to BIGINT (an overflow is an error, never a rounding); SQLite's SUM of integers
//! is an integer and fails on overflow.

use pactes_domain::Money;
use pactes_domain::repository::RepositoryResult;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QuerySelect, Select};

use crate::error::storage;

/// The SQL expression of the exact sum of a cents column (0 when no row matches).
pub fn sum_cents_expr(backend: DatabaseBackend, column: impl ColumnTrait) -> Expr {
    sum_cents_of(backend, Expr::col(column))
}

/// The exact sum of any cents expression (a column of a joined table, a sum per line): 0 when no row matches.
pub fn sum_cents_of(backend: DatabaseBackend, cents: Expr) -> Expr {
    let sum = Expr::expr(Func::coalesce([Func::sum(cents).into(), Expr::val(0i64)]));
    match backend {
        DatabaseBackend::Postgres => sum.cast_as("BIGINT"),
        _ => sum,
    }
}

/// The exact sum of `column` (cents) over the rows `select` finds.
pub async fn sum_cents<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    column: E::Column,
) -> RepositoryResult<Money> {
    let total: Option<i64> = select
        .select_only()
        .column_as(sum_cents_expr(db.get_database_backend(), column), "total")
        .into_tuple()
        .one(db)
        .await
        .map_err(storage)?;
    Ok(Money::from_cents(total.unwrap_or(0)))
}
