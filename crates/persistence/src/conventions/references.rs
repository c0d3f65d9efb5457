//! What a convention's content points at must be rows of its own federation: the convention it renews, the pact
//! an annex is attached to and that pact's action sheets, and its parties' centres and partners. The composite
//! foreign keys would refuse a stranger too, but only as a storage failure; these checks name the field.
//! References unchanged since the previous content are not looked up again.

use std::collections::HashSet;

use pactes_domain::agreement::Party;
use pactes_domain::conventions::ConventionContent;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{FederationId, FieldError, FieldErrorCode, RepositoryError, ValidationErrors};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::entity::Entity as ConventionTable;
use crate::error::storage;
use crate::references::{missing, missing_parties, path};
use crate::scope::tenant_rows;
use crate::tenant::{TenantTable, states};

async fn exists<T: TenantTable>(db: &impl ConnectionTrait, tenant: FederationId, id: Uuid) -> RepositoryResult<bool> {
    Ok(!states::<T>(db, tenant, [id]).await?.is_empty())
}

pub(crate) async fn check(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    previous: Option<&ConventionContent>,
    content: &ConventionContent,
) -> RepositoryResult<()> {
    let mut errors = Vec::new();
    if let Some(renews) = content.renews
        && previous.is_none_or(|p| p.renews != Some(renews))
        && !exists::<ConventionTable>(db, tenant, renews.as_uuid()).await?
    {
        errors.push(missing(&["renewsId"], "convention"));
    }
    if let Some(pact) = content.pact_id {
        let pact_changed = previous.is_none_or(|p| p.pact_id != Some(pact));
        if pact_changed && !exists::<crate::pacts::PactTable>(db, tenant, pact.as_uuid()).await? {
            errors.push(missing(&["pactId"], "pact"));
        } else if !content.action_sheets.is_empty()
            && (pact_changed || previous.is_none_or(|p| p.action_sheets != content.action_sheets))
        {
            let wanted: Vec<Uuid> = content.action_sheets.iter().map(|s| s.as_uuid()).collect();
            let found: HashSet<Uuid> = crate::pacts::ActionSheetTable::find()
                .select_only()
                .column(crate::pacts::ActionSheetColumn::Id)
                .filter(tenant_rows(crate::pacts::ActionSheetColumn::FederationId, tenant))
                .filter(crate::pacts::ActionSheetColumn::PactId.eq(pact.as_uuid()))
                .filter(crate::pacts::ActionSheetColumn::Id.is_in(wanted.iter().copied()))
                .into_tuple::<Uuid>()
                .all(db)
                .await
                .map_err(storage)?
                .into_iter()
                .collect();
            for (i, id) in wanted.iter().enumerate() {
                if !found.contains(id) {
                    errors.push(FieldError::new(
                        &["content", "actionSheetIds", &i.to_string()],
                        FieldErrorCode::NotFound,
                        "no such action sheet in the pact this annex is attached to",
                    ));
                }
            }
        }
    }
    let known = |party: Party| previous.is_some_and(|p| p.binds(party));
    let named: Vec<(Vec<String>, Party)> = content
        .parties
        .iter()
        .enumerate()
        .map(|(i, p)| (path(&["parties", &i.to_string(), "party"]), p.party))
        .collect();
    errors.extend(missing_parties(db, tenant, &named, known).await?);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(RepositoryError::Invalid(ValidationErrors::from_errors(errors)))
    }
}
