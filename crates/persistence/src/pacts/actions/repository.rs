//! The action sheets repository: a pact's sheets, a centre's, their totals by kind summed in SQL, and the
//! writes — each one transaction with its audit entry, through the tenant-record machinery.

use std::collections::HashMap;

use pactes_domain::audit::AuditAction;
use pactes_domain::pacts::{
    ActionSheet, ActionSheetData, ActionSheetDraft, ActionSheetRepository, ActionStatus, MeansKind, MeansTotals,
};
use pactes_domain::page::{Direction, Page, PageRequest};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{ActionSheetId, Actor, CentreId, FederationId, Money, PactId, Scope};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, Condition, EntityTrait, Order, QueryFilter, QuerySelect};

use super::entity::Column;
use super::parts::{means, roles};
use crate::database::Database;
use crate::error::{decode_code, storage};
use crate::money::sum_cents_expr;
use crate::scope::tenant_condition;
use crate::tenant::{Readable, count, find_whole, insert, list_page, step, update_as};

/// The sheets `centre` leads, has a role in, or provides or is asked for a means in.
fn involving(scope: &Scope, centre: CentreId) -> Readable<ActionSheetData> {
    let id = centre.as_uuid();
    let in_roles = Query::select()
        .column(roles::Column::ActionId)
        .from(roles::Entity)
        .and_where(roles::Column::CentreId.eq(id))
        .to_owned();
    let in_means = Query::select()
        .column(means::Column::ActionId)
        .from(means::Entity)
        .and_where(means::Column::CentreId.eq(id))
        .to_owned();
    Readable::live(scope).filter(
        Condition::any()
            .add(Column::LeadCentreId.eq(id))
            .add(Column::Id.in_subquery(in_roles))
            .add(Column::Id.in_subquery(in_means)),
    )
}

impl ActionSheetRepository for Database {
    async fn actions_of_pacts(&self, scope: &Scope, pacts: &[PactId]) -> RepositoryResult<Vec<ActionSheet>> {
        if pacts.is_empty() {
            return Ok(Vec::new());
        }
        let select = Readable::live(scope)
            .filter(Column::PactId.is_in(pacts.iter().map(|p| p.as_uuid())))
            .order_by(Column::PactId, Order::Asc)
            .order_by(Column::TitleKey, Order::Asc)
            .order_by(Column::Id, Order::Asc);
        find_whole::<ActionSheetData>(&self.scoped(scope), scope, select).await
    }

    async fn actions_of_centre(
        &self,
        scope: &Scope,
        centre: CentreId,
        page: &PageRequest,
    ) -> RepositoryResult<Page<ActionSheet>> {
        list_page::<ActionSheetData>(
            &self.scoped(scope),
            involving(scope, centre),
            Some(Expr::col(Column::TitleKey)),
            Direction::Asc,
            page,
        )
        .await
    }

    async fn count_actions_of_centre(&self, scope: &Scope, centre: CentreId) -> RepositoryResult<u64> {
        count(&self.scoped(scope), involving(scope, centre)).await
    }

    async fn means_totals(
        &self,
        scope: &Scope,
        ids: &[ActionSheetId],
    ) -> RepositoryResult<Vec<(ActionSheetId, MeansTotals)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let db = self.scoped(scope);
        let sheets = Readable::<ActionSheetData>::live(scope)
            .filter(Column::Id.is_in(ids.iter().map(|id| id.as_uuid())))
            .ids();
        let sums: Vec<(uuid::Uuid, String, i64)> = means::Entity::find()
            .select_only()
            .column(means::Column::ActionId)
            .column(means::Column::Kind)
            .column_as(
                sum_cents_expr(
                    sea_orm::ConnectionTrait::get_database_backend(&db),
                    means::Column::AmountCents,
                ),
                "total",
            )
            .filter(tenant_condition(means::Column::FederationId, scope, None))
            .filter(means::Column::ActionId.in_subquery(sheets))
            .group_by(means::Column::ActionId)
            .group_by(means::Column::Kind)
            .into_tuple()
            .all(&db)
            .await
            .map_err(storage)?;
        let mut totals: HashMap<ActionSheetId, MeansTotals> =
            ids.iter().map(|id| (*id, MeansTotals::default())).collect();
        for (id, kind, cents) in sums {
            let entry = totals.entry(ActionSheetId::from_uuid(id)).or_default();
            let amount = Money::from_cents(cents);
            match decode_code::<MeansKind>("action_means.kind", &kind)? {
                MeansKind::Pooled => entry.pooled = amount,
                MeansKind::Requested => entry.requested = amount,
                MeansKind::Own => entry.own = amount,
            }
        }
        Ok(totals.into_iter().collect())
    }

    async fn create_action_sheet(
        &self,
        tenant: FederationId,
        actor: &Actor,
        data: ActionSheetData,
    ) -> RepositoryResult<ActionSheet> {
        insert(self, actor, Record::create(tenant, data)).await
    }

    async fn update_action_sheet(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: ActionSheetId,
        expected_version: i64,
        draft: ActionSheetDraft,
    ) -> RepositoryResult<ActionSheet> {
        let edit = |current: &ActionSheetData| Ok(current.edit(draft)?);
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

    async fn transition_action_sheet(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: ActionSheetId,
        expected_version: i64,
        to: ActionStatus,
    ) -> RepositoryResult<ActionSheet> {
        let transition = |current: &ActionSheetData| Ok(current.transition(to)?);
        step(self, tenant, actor, id.as_uuid(), expected_version, transition).await
    }
}
