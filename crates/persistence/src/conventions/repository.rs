//! The conventions repository: scoped lists and counts, and the writes — content edits before signature,
//! lifecycle steps, amendments after, payments appended — each one transaction with its audit entry, through
//! the tenant-record machinery.

use chrono::NaiveDate;
use pactes_domain::agreement::AmendmentDraft;
use pactes_domain::audit::AuditAction;
use pactes_domain::conventions::{
    Convention, ConventionContent, ConventionData, ConventionDraft, ConventionFilter, ConventionOrder,
    ConventionOrderField, ConventionState, PaymentDraft,
};
use pactes_domain::page::{Page, PageRequest};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{Actor, ConventionId, FederationId, Scope};
use sea_orm::sea_query::Expr;

use super::entity::Column;
use super::filters::filtered;
use crate::database::Database;
use crate::tenant::{count, insert, list_page, step, update_as, update_latest};

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
        let edit = |current: &ConventionData| Ok(current.edit(id, draft)?);
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

    async fn transition_convention(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: ConventionId,
        expected_version: i64,
        to: ConventionState,
        reason: Option<String>,
    ) -> RepositoryResult<Convention> {
        let transition = |current: &ConventionData| Ok(current.transition(to, reason.as_deref())?);
        step(self, tenant, actor, id.as_uuid(), expected_version, transition).await
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
        let amend = |current: &ConventionData| Ok(current.amend(id, amendment, draft)?);
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

    async fn record_payments(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: ConventionId,
        expected_version: Option<i64>,
        payments: Vec<PaymentDraft>,
    ) -> RepositoryResult<Convention> {
        let record = |current: &ConventionData| Ok(current.record_payments(payments)?.0);
        match expected_version {
            Some(version) => update_as(self, tenant, actor, AuditAction::Update, id.as_uuid(), version, record).await,
            None => update_latest(self, tenant, actor, AuditAction::Update, id.as_uuid(), record).await,
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
