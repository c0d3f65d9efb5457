//! What a body, a meeting or a decision points at must be rows of its own federation: a body's pact, parent
//! body, members' centres and partners and the body whose validations its competence follows; a meeting's body;
//! what a decision concerns. These checks name the field; references unchanged since the previous content are
//! not looked up again.

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
    let mut errors = Vec::new();
    let content = &data.content;
    if previous.is_none() && !exists::<BodyTable>(db, tenant, content.body_id.as_uuid()).await? {
        errors.push(missing(&["bodyId"], "body"));
    }
    if let Some(first) = content.second_convocation_of
        && previous.is_none_or(|p| p.content.second_convocation_of != Some(first))
        && !exists::<MeetingTable>(db, tenant, first.as_uuid()).await?
    {
        errors.push(missing(&["secondConvocationOf"], "meeting"));
    }
    outcome(errors)
}

pub(crate) async fn check_decision(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    data: &DecisionData,
) -> RepositoryResult<()> {
    let mut errors = Vec::new();
    for (i, concern) in data.content.concerns.iter().enumerate() {
        let at = i.to_string();
        let found = match concern {
            Concern::ActionSheet(id) => exists::<crate::pacts::ActionSheetTable>(db, tenant, id.as_uuid()).await?,
            Concern::Convention(id) => exists::<crate::conventions::ConventionTable>(db, tenant, id.as_uuid()).await?,
            Concern::Pact(id) => exists::<crate::pacts::PactTable>(db, tenant, id.as_uuid()).await?,
            Concern::Meeting(id) => exists::<MeetingTable>(db, tenant, id.as_uuid()).await?,
        };
        if !found {
            errors.push(missing(&["concerns", &at], "object"));
        }
    }
    outcome(errors)
}
