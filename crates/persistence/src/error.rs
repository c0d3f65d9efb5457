//! Mapping database errors to the domain's repository errors, in one place.

use pactes_domain::{Coded, RepositoryError};
use sea_orm::DbErr;

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

/// A stored code read back into its enumeration; an unknown code is reported, not served.
pub(crate) fn decode_code<T: Coded>(column: &str, code: &str) -> Result<T, RepositoryError> {
    T::from_code(code).ok_or_else(|| corrupt(format!("{column}: unknown code {code}")))
}
