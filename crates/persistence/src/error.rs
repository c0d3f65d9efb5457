//! Mapping database errors to the domain's repository errors, in one place.

use pactes_domain::{FieldError, FieldErrorCode, RepositoryError, ValidationErrors};
use sea_orm::{DbErr, SqlErr};

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot open the database: {0}")]
    Open(#[source] DbErr),
    #[error("cannot create the directory of the SQLite file {path}: {source}")]
    Directory { path: String, source: std::io::Error },
    #[error("cannot migrate the database: {0}")]
    Migrate(#[source] DbErr),
    #[error("cannot load the demo data: {0}")]
    Demo(#[source] RepositoryError),
}

pub(crate) fn storage(error: DbErr) -> RepositoryError {
    RepositoryError::Storage(Box::new(error))
}

pub(crate) fn corrupt(what: impl std::fmt::Display) -> RepositoryError {
    RepositoryError::Storage(format!("stored data is invalid: {what}").into())
}

/// A unique constraint becomes a field error on `field`; anything else is a storage failure.
pub(crate) fn unique_as_field(error: DbErr, field: &str, message: &str) -> RepositoryError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => RepositoryError::Invalid(ValidationErrors::single(
            FieldError::new(&[field], FieldErrorCode::AlreadyExists, message),
        )),
        _ => storage(error),
    }
}
