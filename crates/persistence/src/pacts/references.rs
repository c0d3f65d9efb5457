//! What a pact's content points at must be rows of its own federation: its territory (still in use, for a new
//! reference), the pact it follows, and its signatories' centres and partners. The composite foreign keys would
//! refuse a stranger too, but only as a storage failure; these checks name the field. References unchanged since
//! the previous content are not looked up again.

use pactes_domain::lifecycle::RecordState;
use pactes_domain::pacts::{PactContent, Party};
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{FederationId, FieldError, FieldErrorCode, RepositoryError, Scope, ValidationErrors};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::entity::Entity as PactTable;
use crate::directory::centre::CentreTable;
use crate::directory::partner::PartnerTable;
use crate::directory::territory::TerritoryTable;
use crate::tenant::{TenantTable, states};

pub(crate) async fn check(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    previous: Option<&PactContent>,
    content: &PactContent,
) -> RepositoryResult<()> {
    let mut errors = Vec::new();
    let scope = Scope::Federation(tenant);
    if let Some(territory) = content.territory_id
        && previous.is_none_or(|p| p.territory_id != Some(territory))
    {
        match states::<TerritoryTable>(db, &scope, [territory.as_uuid()])
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
        && states::<PactTable>(db, &scope, [predecessor.as_uuid()])
            .await?
            .is_empty()
    {
        errors.push(missing(&["predecessorId"], "pact"));
    }
    let known = |party: Party| previous.is_some_and(|p| p.signatories.iter().any(|s| s.party == party));
    let (mut centres, mut partners) = (Vec::new(), Vec::new());
    for (i, s) in content.signatories.iter().enumerate() {
        match s.party {
            Party::Centre(id) if !known(s.party) => centres.push((i, id.as_uuid())),
            Party::Partner(id) if !known(s.party) => partners.push((i, id.as_uuid())),
            _ => {}
        }
    }
    absent::<CentreTable>(db, &scope, &centres, "centre", &mut errors).await?;
    absent::<PartnerTable>(db, &scope, &partners, "partner", &mut errors).await?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(RepositoryError::Invalid(ValidationErrors::from_errors(errors)))
    }
}

/// Under `content`, as the repository's callers name the content they pass.
fn missing(field: &[&str], what: &str) -> FieldError {
    let path: Vec<&str> = std::iter::once("content").chain(field.iter().copied()).collect();
    FieldError::new(
        &path,
        FieldErrorCode::NotFound,
        format!("no such {what} in this federation"),
    )
}

/// Adds an error for each signatory whose `(index, id)` is not a row of `T` in the scope: one statement.
async fn absent<T: TenantTable>(
    db: &impl ConnectionTrait,
    scope: &Scope,
    wanted: &[(usize, Uuid)],
    what: &str,
    errors: &mut Vec<FieldError>,
) -> RepositoryResult<()> {
    if wanted.is_empty() {
        return Ok(());
    }
    let found = states::<T>(db, scope, wanted.iter().map(|(_, id)| *id)).await?;
    for (i, id) in wanted {
        if !found.iter().any(|(f, _)| f == id) {
            errors.push(missing(&["signatories", &i.to_string(), "party"], what));
        }
    }
    Ok(())
}
