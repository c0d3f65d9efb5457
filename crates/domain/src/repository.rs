//! The contract every repository honours, whatever the database.

use crate::caller::Scope;
use crate::lifecycle::RecordState;
use crate::record::{Record, RecordData};
use crate::validation::ValidationErrors;

#[derive(Debug, thiserror::Error)]
pub enum RepositoryError {
    /// Absent, or in another federation: the two are deliberately indistinguishable.
    #[error("not found")]
    NotFound,
    /// The object changed since the caller read it; nothing was written.
    #[error("stale version {expected}: the current version is {current}")]
    Conflict { expected: i64, current: i64 },
    /// The change breaks a rule; nothing was written.
    #[error("invalid input: {0}")]
    Invalid(#[from] ValidationErrors),
    /// The database failed. The cause is for the log, never for the client.
    #[error("storage failure: {0}")]
    Storage(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The database cannot be reached right now (down, restarting, out of connections): nothing was written and
    /// the same request may succeed when retried.
    #[error("storage unavailable: {0}")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
}

pub type RepositoryResult<T> = Result<T, RepositoryError>;

/// Refuses a write based on a stale read.
pub fn check_version(expected: i64, current: i64) -> RepositoryResult<()> {
    if expected == current {
        Ok(())
    } else {
        Err(RepositoryError::Conflict { expected, current })
    }
}

/// Reads every tenant record kind supports, so loaders and `node(id:)` need nothing per kind: the records among
/// `ids` that the scope can see (absent or another tenant's ids are simply missing).
pub trait RecordsById<D: RecordData> {
    /// The records, whole: with their parts (the lists kept in child tables).
    fn records_by_ids(
        &self,
        scope: &Scope,
        ids: &[D::Id],
    ) -> impl std::future::Future<Output = RepositoryResult<Vec<Record<D::Id, D>>>> + Send;

    /// The records without their parts: their lists are empty and must not be read. What a response needs
    /// unless it selects a list field, which is then read with [`RecordsById::records_by_ids`].
    fn roots_by_ids(
        &self,
        scope: &Scope,
        ids: &[D::Id],
    ) -> impl std::future::Future<Output = RepositoryResult<Vec<Record<D::Id, D>>>> + Send;

    /// Whether each of `ids` the scope can see is active or archived, without reading the records: what a
    /// reference check or a token's partner check needs.
    fn record_states(
        &self,
        scope: &Scope,
        ids: &[D::Id],
    ) -> impl std::future::Future<Output = RepositoryResult<Vec<(D::Id, RecordState)>>> + Send;
}
