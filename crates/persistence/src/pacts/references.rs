//! What a pact's content points at must be rows of its own federation: its territory (still in use, for a new
//! reference), the pact it follows, and its signatories' centres and partners. The composite foreign keys would
//! refuse a stranger too, but only as a storage failure; these checks name the field. References unchanged since
//! the previous content are not looked up again.

use pactes_domain::lifecycle::RecordState;
use pactes_domain::pacts::{PactContent, Party};
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{FederationId, FieldError, FieldErrorCode, RepositoryError, ValidationErrors};
use sea_orm::ConnectionTrait;

use super::entity::Entity as PactTable;
use crate::directory::territory::TerritoryTable;
use crate::references::{missing, missing_parties, path};
use crate::tenant::states;

pub(crate) async fn check(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    previous: Option<&PactContent>,
    content: &PactContent,
) -> RepositoryResult<()> {
    let mut errors = Vec::new();
    if let Some(territory) = content.territory_id
        && previous.is_none_or(|p| p.territory_id != Some(territory))
    {
        match states::<TerritoryTable>(db, tenant, [territory.as_uuid()])
            .await?
            .first()
        {
            None => errors.push(missing(&["territoryId"], "territory")),
            Some((_, RecordState::Archived)) => errors.push(FieldError::new(
                &["content", "territoryId"],
                FieldErrorCode::InvalidState,
                "this territory is archived",
            )),
            Some(_) => {}
        }
    }
    if let Some(predecessor) = content.predecessor_id
        && previous.is_none_or(|p| p.predecessor_id != Some(predecessor))
        && states::<PactTable>(db, tenant, [predecessor.as_uuid()])
            .await?
            .is_empty()
    {
        errors.push(missing(&["predecessorId"], "pact"));
    }
    let known = |party: Party| previous.is_some_and(|p| p.signatories.iter().any(|s| s.party == party));
    let named: Vec<(Vec<String>, Party)> = content
        .signatories
        .iter()
        .enumerate()
        .map(|(i, s)| (path(&["signatories", &i.to_string(), "party"]), s.party))
        .collect();
    errors.extend(missing_parties(db, tenant, &named, known).await?);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(RepositoryError::Invalid(ValidationErrors::from_errors(errors)))
    }
}
