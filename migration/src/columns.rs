//! Column shapes shared by the migrations, so every table spells ids, timestamps and sort keys the same way.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

pub fn uuid_pk(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).uuid().not_null().primary_key().take()
}

pub fn uuid_ref(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).uuid().not_null().take()
}

pub fn uuid_ref_null(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).uuid().null().take()
}

pub fn text(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).text().not_null().take()
}

pub fn text_null(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).text().null().take()
}

pub fn int(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).integer().not_null().take()
}

pub fn date(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).date().not_null().take()
}

pub fn date_null(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).date().null().take()
}

pub fn timestamp(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).timestamp_with_time_zone().not_null().take()
}

pub fn timestamp_null(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).timestamp_with_time_zone().null().take()
}

pub fn version(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).big_integer().not_null().default(1).take()
}

/// A folded (lower-case, accent-free) key used for search and ordering. PostgreSQL would otherwise order it by
/// the cluster's locale, which ignores punctuation and differs from SQLite's byte order: "C" makes both databases
/// order pages identically, so a cursor means the same thing on either.
pub fn sort_key(backend: DatabaseBackend, name: impl IntoIden) -> ColumnDef {
    let mut column = ColumnDef::new(name).text().not_null().take();
    if backend == DatabaseBackend::Postgres {
        column.extra("COLLATE \"C\"");
    }
    column
}

/// An amount of money in cents.
pub fn cents(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).big_integer().not_null().take()
}

/// A yes-or-no that is no unless said.
pub fn flag(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).boolean().not_null().default(false).take()
}

pub fn cents_null(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).big_integer().null().take()
}
