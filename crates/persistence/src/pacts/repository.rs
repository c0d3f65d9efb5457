//! The pacts repository: scoped lists and look-ups, and the writes — content edits before signature, lifecycle
//! steps, amendments after — each one transaction with its audit entry, through the tenant-record machinery.

use chrono::NaiveDate;
use pactes_domain::audit::AuditAction;
use pactes_domain::pacts::{
    AmendmentDraft, EffectiveStatus, Pact, PactContent, PactData, PactDraft, PactFilter, PactOrder, PactOrderField,
    PactRepository, PactStatus,
};
use pactes_domain::page::{Page, PageRequest};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{Actor, FederationId, PactId, Scope};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, Condition};

use super::entity::Column;
use super::parts::signatories;
use crate::database::Database;
use crate::tenant::{Readable, count, find_by_ids, insert, list_page, step, update_as};

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

fn filtered(scope: &Scope, filter: &PactFilter, today: NaiveDate) -> Readable<PactData> {
    let mut select = Readable::rows(scope, filter.federation, filter.include_archived);
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
        let edit = |current: &PactData| Ok(current.edit(id, content)?);
        update_as(
            self,
            tenant,
            actor,
            AuditAction::Update,
            id.as_uuid(),
            expected_version,
            edit,
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
        let transition = |current: &PactData| Ok(current.transition(to, reason.as_deref())?);
        step(self, tenant, actor, id.as_uuid(), expected_version, transition).await
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
        let amend = |current: &PactData| Ok(current.amend(id, amendment, content)?);
        update_as(
            self,
            tenant,
            actor,
            AuditAction::Amend,
            id.as_uuid(),
            expected_version,
            amend,
        )
        .await
    }
}
