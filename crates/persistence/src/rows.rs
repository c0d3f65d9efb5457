//! Rows read by position. sea-orm's derived decoding looks every column up by its name and, for every NULL,
//! formats an error message that it then discards: on a page of centres, a fifth of a request's instructions
//! went there. A model lists its fields once (`by_position!`), in the order sea-orm selects its columns (a test
//! checks the order of every model), and each cell is decoded by sqlx directly, as sea-orm itself would.

use sea_orm::sqlx::{self, Decode, Postgres, Row, Sqlite, Type};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryResult, QueryTrait, RuntimeErr, Select};

/// A model read cell by cell, in the order of `COLUMNS`.
pub(crate) trait ByPosition: Sized {
    /// The model's columns, in the order `decode` reads them.
    #[cfg(test)]
    const COLUMNS: &'static [&'static str];

    fn decode(cells: &mut Cells<'_>) -> Result<Self, DbErr>;
}

/// A value both databases decode the same way: what a model's field may be.
pub(crate) trait Cell:
    for<'r> Decode<'r, Postgres> + Type<Postgres> + for<'r> Decode<'r, Sqlite> + Type<Sqlite>
{
}

impl<T> Cell for T where T: for<'r> Decode<'r, Postgres> + Type<Postgres> + for<'r> Decode<'r, Sqlite> + Type<Sqlite> {}

/// The cells of one row, read left to right.
pub(crate) struct Cells<'a> {
    row: &'a QueryResult,
    next: usize,
}

fn decode_error(error: sqlx::Error) -> DbErr {
    DbErr::Query(RuntimeErr::SqlxError(error.into()))
}

impl Cells<'_> {
    pub(crate) fn next<T: Cell>(&mut self) -> Result<T, DbErr> {
        let index = self.next;
        self.next += 1;
        if let Some(row) = self.row.try_as_pg_row() {
            // Without sqlx's check that the column's type suits `T` (a copy of the type's description and a
            // comparison per cell): the columns are the migrations' own, and every model is read back from
            // PostgreSQL by the persistence tests, which would fail on a model out of step with its table.
            // SQLite keeps the check: its cells carry the type each value was stored with.
            return row.try_get_unchecked::<T, usize>(index).map_err(decode_error);
        }
        if let Some(row) = self.row.try_as_sqlite_row() {
            return row.try_get::<T, usize>(index).map_err(decode_error);
        }
        Err(DbErr::Type("a row from a driver Pactes does not use".to_owned()))
    }
}

/// The cells of `row` from its first, for a read of some columns only.
pub(crate) fn cells(row: &QueryResult) -> Cells<'_> {
    Cells { row, next: 0 }
}

/// Reads one row as `M`.
pub(crate) fn decode<M: ByPosition>(row: &QueryResult) -> Result<M, DbErr> {
    M::decode(&mut Cells { row, next: 0 })
}

/// Reads the cells of a row from `first` on as `M`: the second model of a join.
pub(crate) fn decode_from<M: ByPosition>(row: &QueryResult, first: usize) -> Result<M, DbErr> {
    M::decode(&mut Cells { row, next: first })
}

/// Every row `select` finds, as models: what sea-orm's `.all(db)` returns, read by position.
pub(crate) async fn all<E: EntityTrait>(db: &impl ConnectionTrait, select: Select<E>) -> Result<Vec<E::Model>, DbErr>
where
    E::Model: ByPosition,
{
    let statement = select.build(db.get_database_backend());
    let rows = db.query_all_raw(statement).await?;
    rows.iter().map(decode::<E::Model>).collect()
}

/// Implements [`ByPosition`] for a model: its fields, in the order of the struct (which is the order of its
/// `Column` enum, the order sea-orm selects). A field left out does not compile; one out of order fails the
/// test the macro adds to the model's module.
macro_rules! by_position {
    ($model:ident { $($field:ident),* $(,)? }) => {
        impl $crate::rows::ByPosition for $model {
            #[cfg(test)]
            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),*];

            fn decode(cells: &mut $crate::rows::Cells<'_>) -> Result<Self, sea_orm::DbErr> {
                Ok($model { $($field: cells.next()?),* })
            }
        }

        #[cfg(test)]
        #[test]
        fn columns_are_read_in_the_order_sea_orm_selects_them() {
            $crate::rows::check_order::<Entity>();
        }
    };
}

pub(crate) use by_position;

/// Fails when a model's `by_position!` list is not the order in which sea-orm selects the entity's columns.
#[cfg(test)]
pub(crate) fn check_order<E: EntityTrait>()
where
    E::Model: ByPosition,
{
    use sea_orm::{IdenStatic, Iterable};
    let selected: Vec<&str> = E::Column::iter().map(|c| c.as_str()).collect();
    assert_eq!(
        <E::Model as ByPosition>::COLUMNS,
        selected.as_slice(),
        "{}",
        std::any::type_name::<E>()
    );
}
