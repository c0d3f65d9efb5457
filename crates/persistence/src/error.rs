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

/// A database failure: `Unavailable` when the database cannot be reached or is shutting down (the request may
/// be retried), `Storage` otherwise.
pub(crate) fn storage(error: DbErr) -> RepositoryError {
    if is_outage(&error) {
        RepositoryError::Unavailable(Box::new(error))
    } else {
        RepositoryError::Storage(Box::new(error))
    }
}

fn is_outage(error: &DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::{ConnAcquireErr, RuntimeErr};
    let runtime = match error {
        // No connection could be had or opened: whatever the database said, it is not serving us now.
        DbErr::ConnectionAcquire(ConnAcquireErr::Timeout | ConnAcquireErr::ConnectionClosed) | DbErr::Conn(_) => {
            return true;
        }
        DbErr::Exec(runtime) | DbErr::Query(runtime) => runtime,
        _ => return false,
    };
    let RuntimeErr::SqlxError(sqlx) = runtime else {
        return false;
    };
    match sqlx.as_ref() {
        Sqlx::Io(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::WorkerCrashed => true,
        // PostgreSQL's connection exceptions (08…), shutdowns and "cannot connect now" (57P0…), too many
        // connections (53300).
        Sqlx::Database(e) => e
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P0") || code == "53300"),
        _ => false,
    }
}

pub(crate) fn corrupt(what: impl std::fmt::Display) -> RepositoryError {
    RepositoryError::Storage(format!("stored data is invalid: {what}").into())
}

/// A stored code read back into its enumeration; an unknown code is reported, not served.
pub(crate) fn decode_code<T: Coded>(column: &str, code: &str) -> Result<T, RepositoryError> {
    T::from_code(code).ok_or_else(|| corrupt(format!("{column}: unknown code {code}")))
}

/// Whether a statement failed because its connection is gone (the database restarted, the network dropped it):
/// another connection may well serve it.
pub(crate) fn is_lost_connection(error: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    use sea_orm::sqlx::Error as Sqlx;
    let (DbErr::Exec(RuntimeErr::SqlxError(sqlx)) | DbErr::Query(RuntimeErr::SqlxError(sqlx))) = error else {
        return false;
    };
    match sqlx.as_ref() {
        Sqlx::Io(_) => true,
        Sqlx::Database(e) => e
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P0")),
        _ => false,
    }
}
