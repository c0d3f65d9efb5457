//! What a centre points at must be a row of its own federation, still in use: its territory.

use pactes_domain::lifecycle::RecordState;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{FederationId, FieldError, FieldErrorCode, RepositoryError, TerritoryId, ValidationErrors};
use sea_orm::ConnectionTrait;

use crate::tenant::states;

/// A centre's territory must be one of its own federation's, still in use: another federation's territory is
/// reported as not found, exactly like a missing one; an archived one as INVALID_STATE.
pub(super) async fn ensure_territory(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    territory: Option<TerritoryId>,
) -> RepositoryResult<()> {
    let Some(territory) = territory else { return Ok(()) };
    let found = states::<crate::directory::territory::TerritoryTable>(db, tenant, [territory.as_uuid()]).await?;
    match found.first() {
        None => Err(RepositoryError::Invalid(ValidationErrors::single(FieldError::new(
            &["territoryId"],
            FieldErrorCode::NotFound,
            "no such territory in this federation",
        )))),
        // An archived territory keeps the centres it had but takes no new one.
        Some((_, RecordState::Archived)) => Err(RepositoryError::Invalid(ValidationErrors::single(FieldError::new(
            &["territoryId"],
            FieldErrorCode::InvalidState,
            "this territory is archived: it takes no new centre",
        )))),
        Some(_) => Ok(()),
    }
}
