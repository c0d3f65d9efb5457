//! What a sheet points at must be its federation's: its pact (locked for the write, so a concurrent edit of the
//! pact cannot remove the objective being checked), the pact's objective it serves, and its actors' centres and
//! partners. Conversely, a pact edit may not remove an objective a sheet serves.

use std::collections::HashSet;

use pactes_domain::pacts::{ActionSheetData, PactContent, Party};
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{FederationId, FieldError, FieldErrorCode, PactId, RepositoryError, ValidationErrors};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::entity::{Column as SheetColumn, Entity as SheetTable};
use crate::error::storage;
use crate::pacts::entity::{Column as PactColumn, Entity as PactTable};
use crate::pacts::parts::objectives;
use crate::references::missing_parties;
use crate::scope::tenant_rows;

fn error(field: &[&str], code: FieldErrorCode, message: impl Into<String>) -> FieldError {
    FieldError::new(field, code, message)
}

pub(crate) async fn check(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    previous: Option<&ActionSheetData>,
    data: &ActionSheetData,
) -> RepositoryResult<()> {
    let pact = PactTable::find()
        .select_only()
        .column(PactColumn::ArchivedAt)
        .filter(PactColumn::Id.eq(data.pact_id.as_uuid()))
        .filter(tenant_rows(PactColumn::FederationId, tenant))
        .lock_exclusive()
        .into_tuple::<Option<chrono::DateTime<chrono::Utc>>>()
        .one(db)
        .await
        .map_err(storage)?;
    let mut errors = Vec::new();
    match pact {
        None => errors.push(error(
            &["pactId"],
            FieldErrorCode::NotFound,
            "no such pact in this federation",
        )),
        Some(Some(_)) if previous.is_none() => errors.push(error(
            &["pactId"],
            FieldErrorCode::InvalidState,
            "this pact is archived",
        )),
        Some(_) => {}
    }
    if let Some(objective) = data.objective_id
        && previous.is_none_or(|p| p.objective_id != Some(objective))
        && pact.is_some()
    {
        let found = objectives::Entity::find()
            .filter(tenant_rows(objectives::Column::FederationId, tenant))
            .filter(objectives::Column::PactId.eq(data.pact_id.as_uuid()))
            .filter(objectives::Column::Id.eq(objective.as_uuid()))
            .count(db)
            .await
            .map_err(storage)?;
        if found == 0 {
            errors.push(error(
                &["objectiveId"],
                FieldErrorCode::NotFound,
                "no such objective in this pact",
            ));
        }
    }
    let known = |party: Party| previous.is_some_and(|p| p.involves(party));
    let mut named: Vec<(Vec<String>, Party)> = Vec::new();
    if let Some(lead) = data.lead {
        named.push((vec!["lead".to_owned()], lead));
    }
    let at = |list: &str, i: usize| vec![list.to_owned(), i.to_string(), "actor".to_owned()];
    named.extend(data.roles.iter().enumerate().map(|(i, r)| (at("roles", i), r.actor)));
    named.extend(data.means.iter().enumerate().map(|(i, m)| (at("means", i), m.actor)));
    errors.extend(missing_parties(db, tenant, &named, known).await?);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(RepositoryError::Invalid(ValidationErrors::from_errors(errors)))
    }
}

/// Refuses a new content of the pact `pact` that drops an objective one of its sheets serves.
pub(crate) async fn objectives_kept(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    pact: PactId,
    previous: &PactContent,
    content: &PactContent,
) -> RepositoryResult<()> {
    let kept: HashSet<Uuid> = content
        .axes
        .iter()
        .flat_map(|a| &a.objectives)
        .map(|o| o.id.as_uuid())
        .collect();
    let removed: Vec<(Uuid, &str)> = previous
        .axes
        .iter()
        .flat_map(|a| &a.objectives)
        .filter(|o| !kept.contains(&o.id.as_uuid()))
        .map(|o| (o.id.as_uuid(), o.title.as_str()))
        .collect();
    if removed.is_empty() {
        return Ok(());
    }
    let served: Vec<Option<Uuid>> = SheetTable::find()
        .select_only()
        .column(SheetColumn::ObjectiveId)
        .distinct()
        .filter(tenant_rows(SheetColumn::FederationId, tenant))
        .filter(SheetColumn::PactId.eq(pact.as_uuid()))
        .filter(SheetColumn::ArchivedAt.is_null())
        .filter(SheetColumn::ObjectiveId.is_in(removed.iter().map(|(id, _)| *id)))
        .into_tuple()
        .all(db)
        .await
        .map_err(storage)?;
    let errors: Vec<FieldError> = removed
        .iter()
        .filter(|(id, _)| served.contains(&Some(*id)))
        .map(|(_, title)| {
            error(
                &["content", "axes"],
                FieldErrorCode::InvalidState,
                format!("the objective “{title}” is served by action sheets: attach them to another objective first"),
            )
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(RepositoryError::Invalid(ValidationErrors::from_errors(errors)))
    }
}
