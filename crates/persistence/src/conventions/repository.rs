//! The conventions repository: scoped lists and counts, and the writes — content edits before signature,
//! lifecycle steps, amendments after, payments appended — each one transaction with its audit entry, through
//! the tenant-record machinery.

use chrono::{Days, NaiveDate};
use pactes_domain::agreement::{AmendmentDraft, Party, termination_reason};
use pactes_domain::audit::AuditAction;
use pactes_domain::conventions::{
    Convention, ConventionContent, ConventionData, ConventionDraft, ConventionFilter, ConventionOrder,
    ConventionOrderField, ConventionState, ConventionStatus, PaymentDraft, validate_payments,
};
use pactes_domain::lifecycle::StateError;
use pactes_domain::page::{Page, PageRequest};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{Actor, ConventionId, FederationId, FieldError, FieldErrorCode, Scope, ValidationErrors};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, Select};

use super::entity::{Column, Entity};
use super::parts::{lines, parties};
use super::record::bound_to;
use crate::database::Database;
use crate::scope::tenant_condition;
use crate::tenant::{TenantRecord, count, insert, list_page, update_as, update_latest};

/// The rows of a party's two columns.
pub(crate) fn party_is(centre: impl ColumnTrait, partner: impl ColumnTrait, party: Party) -> Condition {
    match party {
        Party::Centre(id) => Condition::all().add(centre.eq(id.as_uuid())),
        Party::Partner(id) => Condition::all().add(partner.eq(id.as_uuid())),
        Party::Federation => Condition::all().add(centre.is_null()).add(partner.is_null()),
    }
}

/// The conventions with a funding line matching `condition`.
fn with_line(condition: Condition) -> Condition {
    Condition::all().add(
        Column::Id.in_subquery(
            Query::select()
                .column(lines::Column::ConventionId)
                .from(lines::Entity)
                .cond_where(condition)
                .to_owned(),
        ),
    )
}

pub(crate) fn state_condition(state: ConventionState, today: NaiveDate) -> Condition {
    let stored = |s: ConventionStatus| Column::Status.eq(s.code());
    let signed = Condition::all().add(stored(ConventionStatus::Signed));
    match state {
        ConventionState::Draft => Condition::all().add(stored(ConventionStatus::Draft)),
        ConventionState::Negotiation => Condition::all().add(stored(ConventionStatus::Negotiation)),
        ConventionState::Terminated => Condition::all().add(stored(ConventionStatus::Terminated)),
        ConventionState::Signed => signed.add(Column::StartDate.gt(today)),
        ConventionState::Active => signed.add(Column::StartDate.lte(today)).add(Column::EndDate.gte(today)),
        ConventionState::Expired => signed.add(Column::EndDate.lt(today)),
    }
}

/// Not renewed: no signed convention in use names it as the one it renews (a renewal still in negotiation leaves
/// the gap open). A partner counts only the renewals it is party to: one it cannot read is no renewal to it, and
/// its existence is not its to learn.
pub(crate) fn not_renewed(scope: &Scope) -> Condition {
    let mut renewing = Condition::all()
        .add(Column::RenewsId.is_not_null())
        .add(Column::ArchivedAt.is_null())
        .add(Column::Status.eq(ConventionStatus::Signed.code()));
    if let Some(visible) = ConventionData::visible_to(scope) {
        renewing = renewing.add(visible);
    }
    Condition::all().add(
        Column::Id.not_in_subquery(
            Query::select()
                .column(Column::RenewsId)
                .from(Entity)
                .cond_where(renewing)
                .to_owned(),
        ),
    )
}

/// The conditions of `filter` on the conventions table, within the scope (and a partner's visibility).
pub(crate) fn conditions(scope: &Scope, filter: &ConventionFilter, today: NaiveDate) -> Condition {
    let mut all = Condition::all().add(tenant_condition(Column::FederationId, scope, filter.federation));
    if let Some(visible) = ConventionData::visible_to(scope) {
        all = all.add(visible);
    }
    if !filter.include_archived {
        all = all.add(Column::ArchivedAt.is_null());
    }
    if let Some(kind) = filter.kind {
        all = all.add(Column::Kind.eq(kind.code()));
    }
    if let Some(state) = filter.status {
        all = all.add(state_condition(state, today));
    }
    if let Some(party) = filter.party {
        all = all.add(bound_to(
            Column::Id,
            party_is(parties::Column::CentreId, parties::Column::PartnerId, party),
        ));
    }
    if let Some(funder) = filter.funder {
        all = all.add(with_line(party_is(
            lines::Column::FunderCentreId,
            lines::Column::FunderPartnerId,
            funder,
        )));
    }
    if let Some(beneficiary) = filter.beneficiary {
        all = all.add(with_line(party_is(
            lines::Column::BeneficiaryCentreId,
            lines::Column::BeneficiaryPartnerId,
            beneficiary,
        )));
    }
    if let Some(day) = filter.in_force_on {
        all = all.add(state_condition(ConventionState::Active, day));
    }
    if let Some(year) = filter.year {
        all = all.add(with_line(Condition::all().add(lines::Column::Year.eq(year))));
    }
    if let Some(days) = filter.expiring_within_days {
        let last = today
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(NaiveDate::MAX);
        all = all
            .add(state_condition(ConventionState::Active, today))
            .add(Column::EndDate.lte(last))
            .add(not_renewed(scope));
    }
    all
}

fn filtered(scope: &Scope, filter: &ConventionFilter, today: NaiveDate) -> Select<Entity> {
    Entity::find().filter(conditions(scope, filter, today))
}

impl pactes_domain::conventions::ConventionRepository for Database {
    async fn list_conventions(
        &self,
        scope: &Scope,
        filter: &ConventionFilter,
        today: NaiveDate,
        order: ConventionOrder,
        page: &PageRequest,
    ) -> RepositoryResult<Page<Convention>> {
        let key = match order.field {
            ConventionOrderField::Reference => Some(Expr::col(Column::ReferenceKey)),
            ConventionOrderField::End => Some(Expr::col(Column::EndDate)),
            ConventionOrderField::CreatedAt => None,
        };
        list_page::<ConventionData>(
            &self.scoped(scope),
            filtered(scope, filter, today),
            key,
            order.direction,
            page,
        )
        .await
    }

    async fn count_conventions(
        &self,
        scope: &Scope,
        filter: &ConventionFilter,
        today: NaiveDate,
    ) -> RepositoryResult<u64> {
        count(&self.scoped(scope), filtered(scope, filter, today)).await
    }

    async fn create_convention(
        &self,
        tenant: FederationId,
        actor: &Actor,
        content: ConventionContent,
    ) -> RepositoryResult<Convention> {
        insert(self, actor, Record::create(tenant, ConventionData::draft(content))).await
    }

    async fn update_convention(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: ConventionId,
        expected_version: i64,
        draft: ConventionDraft,
    ) -> RepositoryResult<Convention> {
        update_as(
            self,
            tenant,
            actor,
            AuditAction::Update,
            id.as_uuid(),
            expected_version,
            |current: &ConventionData| {
                if !current.status.content_is_open() {
                    return Err(StateError {
                        state: current.status.code(),
                        what: "an edit of the content (a signed convention changes only through an amendment)"
                            .to_owned(),
                    }
                    .on(&["id"])
                    .into());
                }
                let content = validated(draft, &current.content, id)?;
                Ok(ConventionData {
                    content,
                    ..current.clone()
                })
            },
        )
        .await
    }

    async fn transition_convention(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: ConventionId,
        expected_version: i64,
        to: ConventionState,
        reason: Option<String>,
    ) -> RepositoryResult<Convention> {
        update_as(
            self,
            tenant,
            actor,
            AuditAction::Transition,
            id.as_uuid(),
            expected_version,
            |current: &ConventionData| {
                let status = current.status.step_towards(to).map_err(|e| e.on(&["to"]))?;
                let termination_reason = termination_reason(
                    status == ConventionStatus::Terminated,
                    reason.as_deref(),
                    current.termination_reason.as_ref(),
                    "convention",
                )?;
                Ok(ConventionData {
                    status,
                    termination_reason,
                    ..current.clone()
                })
            },
        )
        .await
    }

    async fn amend_convention(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: ConventionId,
        expected_version: i64,
        amendment: AmendmentDraft,
        draft: ConventionDraft,
    ) -> RepositoryResult<Convention> {
        update_as(
            self,
            tenant,
            actor,
            AuditAction::Amend,
            id.as_uuid(),
            expected_version,
            |current: &ConventionData| {
                let content = validated(draft, &current.content, id)?;
                let changes = ConventionContent::changes(Some(&current.content), &content);
                let amendment = amendment
                    .validate(current.status, &current.amendments, changes)
                    .map_err(|e| e.under("amendment"))?;
                let mut amendments = current.amendments.clone();
                amendments.push(amendment);
                Ok(ConventionData {
                    content,
                    amendments,
                    ..current.clone()
                })
            },
        )
        .await
    }

    async fn record_payments(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: ConventionId,
        expected_version: Option<i64>,
        payments: Vec<PaymentDraft>,
    ) -> RepositoryResult<Convention> {
        let append = |current: &ConventionData| {
            let added = validate_payments(&current.content, &current.payments, payments)?;
            let mut payments = current.payments.clone();
            payments.extend(added);
            Ok(ConventionData {
                payments,
                ..current.clone()
            })
        };
        match expected_version {
            Some(version) => update_as(self, tenant, actor, AuditAction::Update, id.as_uuid(), version, append).await,
            None => update_latest(self, tenant, actor, AuditAction::Update, id.as_uuid(), append).await,
        }
    }

    async fn funding_totals(
        &self,
        scope: &Scope,
        group_by: &[pactes_domain::conventions::FundingGroup],
        filter: &pactes_domain::conventions::FundingFilter,
        today: NaiveDate,
    ) -> RepositoryResult<Vec<pactes_domain::conventions::FundingTotals>> {
        super::totals::funding_totals(self, scope, group_by, filter, today).await
    }

    async fn funding_lines(
        &self,
        scope: &Scope,
        filter: &pactes_domain::conventions::FundingFilter,
        today: NaiveDate,
    ) -> RepositoryResult<Vec<pactes_domain::conventions::FundingLineRow>> {
        super::totals::funding_lines(self, scope, filter, today).await
    }

    async fn import_payments(
        &self,
        tenant: FederationId,
        actor: &Actor,
        rows: Vec<pactes_domain::conventions::PaymentRow>,
        progress: &(dyn Fn(usize) + Sync),
    ) -> RepositoryResult<Result<pactes_domain::conventions::ImportReport, Vec<pactes_domain::conventions::RowError>>>
    {
        super::import::import_payments(self, tenant, actor, rows, progress).await
    }

    async fn centre_coverage(
        &self,
        scope: &Scope,
        centre: pactes_domain::CentreId,
        today: NaiveDate,
    ) -> RepositoryResult<pactes_domain::conventions::CentreCoverage> {
        super::totals::centre_coverage(self, scope, centre, today).await
    }
}

/// The new content of `current`, which may not renew itself.
fn validated(
    draft: ConventionDraft,
    current: &ConventionContent,
    id: ConventionId,
) -> RepositoryResult<ConventionContent> {
    if draft.renews == Some(id) {
        return Err(ValidationErrors::single(FieldError::new(
            &["content", "renewsId"],
            FieldErrorCode::Invalid,
            "a convention does not renew itself",
        ))
        .into());
    }
    draft.validate_against(current).map_err(|e| e.under("content").into())
}
