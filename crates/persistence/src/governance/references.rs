//! What a body, a meeting or a decision points at must be rows of its own federation: a body's pact, parent
//! body, members' centres and partners and the body whose validations its competence follows; a meeting's body;
//! what a decision concerns. These checks name the field; references unchanged since the previous content are
//! not looked up again.

use std::collections::HashSet;

use pactes_domain::governance::{BodyData, Competence, Concern, DecisionData, MeetingData};
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{FederationId, FieldError, FieldErrorCode, RepositoryError, ValidationErrors};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::bodies::BodyTable;
use super::meetings::MeetingTable;
use crate::references::{missing, missing_parties, path};
use crate::tenant::{TenantTable, states};

async fn exists<T: TenantTable>(db: &impl ConnectionTrait, tenant: FederationId, id: Uuid) -> RepositoryResult<bool> {
    Ok(!states::<T>(db, tenant, [id]).await?.is_empty())
}

fn outcome(errors: Vec<FieldError>) -> RepositoryResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(RepositoryError::Invalid(ValidationErrors::from_errors(errors)))
    }
}

pub(crate) async fn check_body(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    id: Uuid,
    previous: Option<&BodyData>,
    data: &BodyData,
) -> RepositoryResult<()> {
    let mut errors = Vec::new();
    let (before, content) = (previous.map(|p| &p.content), &data.content);
    if let Some(pact) = content.pact_id
        && before.is_none_or(|b| b.pact_id != Some(pact))
        && !exists::<crate::pacts::PactTable>(db, tenant, pact.as_uuid()).await?
    {
        errors.push(missing(&["pactId"], "pact"));
    }
    if let Some(parent) = content.parent_id
        && before.is_none_or(|b| b.parent_id != Some(parent))
    {
        if parent.as_uuid() == id {
            errors.push(FieldError::new(
                &["content", "parentId"],
                FieldErrorCode::Invalid,
                "a body is not its own parent",
            ));
        } else if !exists::<BodyTable>(db, tenant, parent.as_uuid()).await? {
            errors.push(missing(&["parentId"], "body"));
        }
    }
    let known = |party| before.is_some_and(|b| b.members.iter().any(|m| m.represents == party));
    let named: Vec<(Vec<String>, _)> = content
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| (path(&["members", &i.to_string(), "represents"]), m.represents))
        .collect();
    errors.extend(missing_parties(db, tenant, &named, known).await?);
    let adopted = data.rulebooks.iter().skip(previous.map_or(0, |p| p.rulebooks.len()));
    for book in adopted {
        if let Some(Competence::ValidatedActionsOf { validating_body }) = book.rules.competence {
            let field = ["content", "rules", "competence", "validatingBodyId"];
            if validating_body.as_uuid() == id {
                errors.push(FieldError::new(
                    &field,
                    FieldErrorCode::Invalid,
                    "another body than this one",
                ));
            } else if !exists::<BodyTable>(db, tenant, validating_body.as_uuid()).await? {
                errors.push(FieldError::new(
                    &field,
                    FieldErrorCode::NotFound,
                    "no such body in this federation",
                ));
            }
        }
    }
    outcome(errors)
}

pub(crate) async fn check_meeting(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    previous: Option<&MeetingData>,
    data: &MeetingData,
) -> RepositoryResult<()> {
    // Its body was read before it was planned (`plan_meeting`), and a meeting never changes body.
    let mut errors = Vec::new();
    let content = &data.content;
    if let Some(first) = content.second_convocation_of
        && previous.is_none_or(|p| p.content.second_convocation_of != Some(first))
        && !exists::<MeetingTable>(db, tenant, first.as_uuid()).await?
    {
        errors.push(missing(&["secondConvocationOf"], "meeting"));
    }
    outcome(errors)
}

/// What a decision concerns exists in the federation: one statement per kind of object it names, however many.
pub(crate) async fn check_decision(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    data: &DecisionData,
) -> RepositoryResult<()> {
    let concerns = &data.content.concerns;
    let ids = |pick: fn(&Concern) -> Option<Uuid>| -> Vec<Uuid> { concerns.iter().filter_map(pick).collect() };
    let mut found: HashSet<Uuid> = HashSet::new();
    let sheets = ids(|c| match c {
        Concern::ActionSheet(id) => Some(id.as_uuid()),
        _ => None,
    });
    let conventions = ids(|c| match c {
        Concern::Convention(id) => Some(id.as_uuid()),
        _ => None,
    });
    let pacts = ids(|c| match c {
        Concern::Pact(id) => Some(id.as_uuid()),
        _ => None,
    });
    let meetings = ids(|c| match c {
        Concern::Meeting(id) => Some(id.as_uuid()),
        _ => None,
    });
    found.extend(
        states::<crate::pacts::ActionSheetTable>(db, tenant, sheets)
            .await?
            .into_iter()
            .map(|(id, _)| id),
    );
    found.extend(
        states::<crate::conventions::ConventionTable>(db, tenant, conventions)
            .await?
            .into_iter()
            .map(|(id, _)| id),
    );
    found.extend(
        states::<crate::pacts::PactTable>(db, tenant, pacts)
            .await?
            .into_iter()
            .map(|(id, _)| id),
    );
    found.extend(
        states::<MeetingTable>(db, tenant, meetings)
            .await?
            .into_iter()
            .map(|(id, _)| id),
    );
    let errors = concerns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            let id = match c {
                Concern::ActionSheet(id) => id.as_uuid(),
                Concern::Convention(id) => id.as_uuid(),
                Concern::Pact(id) => id.as_uuid(),
                Concern::Meeting(id) => id.as_uuid(),
            };
            !found.contains(&id)
        })
        .map(|(i, _)| missing(&["concerns", &i.to_string()], "object"))
        .collect();
    outcome(errors)
}
