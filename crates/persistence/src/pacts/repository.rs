//! The pacts repository: scoped lists and look-ups, and the writes — content edits before signature, lifecycle
//! steps, amendments after — each one transaction with its audit entry, through the tenant-record machinery.

use chrono::NaiveDate;
use pactes_domain::agreement::termination_reason;
use pactes_domain::audit::AuditAction;
use pactes_domain::lifecycle::{Lifecycle, StateError};
use pactes_domain::pacts::{
    AmendmentDraft, EffectiveStatus, Pact, PactContent, PactData, PactDraft, PactEvent, PactFilter, PactOrder,
    PactOrderField, PactRepository, PactStatus,
};
use pactes_domain::page::{Page, PageRequest};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{Actor, FederationId, PactId, Scope};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, Select};

use super::entity::{Column, Entity};
use super::parts::signatories;
use crate::database::Database;
use crate::scope::tenant_condition;
use crate::tenant::{TenantRecord, count, find_by_ids, insert, list_page, update_as};

/// The rows whose pact (`pact`) the partner signed: what a partner's scope sees of pacts and their sheets.
pub(crate) fn signed_by_partner(pact: impl ColumnTrait, partner: pactes_domain::PartnerId) -> Condition {
    signed_by(
        pact,
        Condition::all().add(signatories::Column::PartnerId.eq(partner.as_uuid())),
    )
}

/// The rows whose pact (`pact`, a column holding a pact's id) has a signatory matching `condition`.
pub(super) fn signed_by(pact: impl ColumnTrait, condition: Condition) -> Condition {
    Condition::all().add(
        pact.in_subquery(
            Query::select()
                .column(signatories::Column::PactId)
                .from(signatories::Entity)
                .cond_where(condition)
                .to_owned(),
        ),
    )
}

fn status_condition(status: EffectiveStatus, today: NaiveDate) -> Condition {
    let stored = |s: PactStatus| Column::Status.eq(s.code());
    let signed = Condition::all().add(stored(PactStatus::Signed));
    match status {
        EffectiveStatus::Draft => Condition::all().add(stored(PactStatus::Draft)),
        EffectiveStatus::Consultation => Condition::all().add(stored(PactStatus::Consultation)),
        EffectiveStatus::Terminated => Condition::all().add(stored(PactStatus::Terminated)),
        EffectiveStatus::Signed => signed.add(Column::StartDate.gt(today)),
        EffectiveStatus::Active => signed.add(Column::StartDate.lte(today)).add(Column::EndDate.gte(today)),
        EffectiveStatus::Expired => signed.add(Column::EndDate.lt(today)),
    }
}

fn filtered(scope: &Scope, filter: &PactFilter, today: NaiveDate) -> Select<Entity> {
    let mut select = Entity::find().filter(tenant_condition(Column::FederationId, scope, filter.federation));
    if let Some(visible) = PactData::visible_to(scope) {
        select = select.filter(visible);
    }
    if !filter.include_archived {
        select = select.filter(Column::ArchivedAt.is_null());
    }
    if let Some(kind) = filter.kind {
        select = select.filter(Column::Kind.eq(kind.code()));
    }
    if let Some(status) = filter.status {
        select = select.filter(status_condition(status, today));
    }
    if let Some(territory) = filter.territory {
        select = select.filter(Column::TerritoryId.eq(territory.as_uuid()));
    }
    if let Some(centre) = filter.centre_signatory {
        select = select.filter(signed_by(
            Column::Id,
            Condition::all().add(signatories::Column::CentreId.eq(centre.as_uuid())),
        ));
    }
    if let Some(partner) = filter.partner_signatory {
        select = select.filter(signed_by_partner(Column::Id, partner));
    }
    if let Some(day) = filter.in_force_on {
        select = select.filter(status_condition(EffectiveStatus::Active, day));
    }
    if let Some(year) = filter.overlapping_year {
        let (first, last) = (
            NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
            NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX),
        );
        select = select
            .filter(Column::StartDate.lte(last))
            .filter(Column::EndDate.gte(first));
    }
    select
}

impl PactRepository for Database {
    async fn list_pacts(
        &self,
        scope: &Scope,
        filter: &PactFilter,
        today: NaiveDate,
        order: PactOrder,
        page: &PageRequest,
    ) -> RepositoryResult<Page<Pact>> {
        let key = match order.field {
            PactOrderField::Title => Some(Expr::col(Column::TitleKey)),
            PactOrderField::Start => Some(Expr::col(Column::StartDate)),
            PactOrderField::CreatedAt => None,
        };
        list_page::<PactData>(
            &self.scoped(scope),
            filtered(scope, filter, today),
            key,
            order.direction,
            page,
        )
        .await
    }

    async fn count_pacts(&self, scope: &Scope, filter: &PactFilter, today: NaiveDate) -> RepositoryResult<u64> {
        count(&self.scoped(scope), filtered(scope, filter, today)).await
    }

    async fn pacts_by_ids(&self, scope: &Scope, ids: &[PactId]) -> RepositoryResult<Vec<Pact>> {
        find_by_ids::<PactData>(&self.scoped(scope), scope, ids.iter().map(|id| id.as_uuid()), true).await
    }

    async fn create_pact(&self, tenant: FederationId, actor: &Actor, content: PactContent) -> RepositoryResult<Pact> {
        insert(self, actor, Record::create(tenant, PactData::draft(content))).await
    }

    async fn update_pact(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: PactId,
        expected_version: i64,
        content: PactDraft,
    ) -> RepositoryResult<Pact> {
        update_as(
            self,
            tenant,
            actor,
            AuditAction::Update,
            id.as_uuid(),
            expected_version,
            |current: &PactData| {
                if !current.status.content_is_open() {
                    return Err(StateError {
                        state: current.status.code(),
                        what: "an edit of the content (a signed pact changes only through an amendment)".to_owned(),
                    }
                    .on(&["id"])
                    .into());
                }
                let content = validated(content, &current.content, id)?;
                Ok(PactData {
                    content,
                    ..current.clone()
                })
            },
        )
        .await
    }

    async fn transition_pact(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: PactId,
        expected_version: i64,
        to: EffectiveStatus,
        reason: Option<String>,
    ) -> RepositoryResult<Pact> {
        update_as(
            self,
            tenant,
            actor,
            AuditAction::Transition,
            id.as_uuid(),
            expected_version,
            |current: &PactData| {
                let from = current.status;
                let event = from.event_towards(to).map_err(|e| e.on(&["to"]))?;
                let status = match event {
                    PactEvent::Sign => from.sign(&current.content.signatories),
                    other => from.apply(other),
                }
                .map_err(|e| e.on(&["to"]))?;
                let termination_reason = termination_reason(
                    event == PactEvent::Terminate,
                    reason.as_deref(),
                    current.termination_reason.as_ref(),
                    "pact",
                )?;
                Ok(PactData {
                    status,
                    termination_reason,
                    ..current.clone()
                })
            },
        )
        .await
    }

    async fn amend_pact(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: PactId,
        expected_version: i64,
        amendment: AmendmentDraft,
        content: PactDraft,
    ) -> RepositoryResult<Pact> {
        update_as(
            self,
            tenant,
            actor,
            AuditAction::Amend,
            id.as_uuid(),
            expected_version,
            |current: &PactData| {
                let content = validated(content, &current.content, id)?;
                let changes = PactContent::changes(Some(&current.content), &content);
                let amendment = amendment
                    .validate(current.status, &current.amendments, changes)
                    .map_err(|e| e.under("amendment"))?;
                let mut amendments = current.amendments.clone();
                amendments.push(amendment);
                Ok(PactData {
                    content,
                    amendments,
                    ..current.clone()
                })
            },
        )
        .await
    }
}

/// The new content of `current`, which may not follow itself.
fn validated(draft: PactDraft, current: &PactContent, id: PactId) -> RepositoryResult<PactContent> {
    if draft.predecessor_id == Some(id) {
        return Err(pactes_domain::ValidationErrors::single(pactes_domain::FieldError::new(
            &["content", "predecessorId"],
            pactes_domain::FieldErrorCode::Invalid,
            "a pact does not follow itself",
        ))
        .into());
    }
    draft.validate_against(current).map_err(|e| e.under("content").into())
}
