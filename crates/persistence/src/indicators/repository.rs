//! The indicators repository.

use pactes_domain::indicators::{
    AggregateFilter, AggregateGroup, AggregateSums, CentreValue, Indicator, IndicatorCode, IndicatorRepository,
};
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{Actor, FederationId, Scope};
use sea_orm::{EntityTrait, QueryOrder};

use super::entity::catalogue::{Column, Entity};
use crate::database::Database;
use crate::error::storage;

impl IndicatorRepository for Database {
    async fn catalogue(&self, scope: &Scope) -> RepositoryResult<Vec<Indicator>> {
        let conn = self.scoped(scope);
        let mut rows = crate::rows::all(&conn, Entity::find().order_by_asc(Column::Position))
            .await
            .map_err(storage)?;
        // A federation's own indicators follow the core; a national caller reads the core, which every
        // federation shares.
        if scope.federation().is_some() {
            use super::entity::own;
            use sea_orm::QueryFilter;
            let select = own::Entity::find()
                .filter(crate::scope::tenant_condition(own::Column::FederationId, scope, None))
                .order_by_asc(own::Column::Position);
            let own = crate::rows::all(&conn, select).await.map_err(storage)?;
            rows.extend(own.into_iter().map(Into::into));
        }
        rows.into_iter().map(super::catalogue::from_row).collect()
    }

    async fn create_indicator(
        &self,
        tenant: FederationId,
        actor: &Actor,
        indicator: Indicator,
    ) -> RepositoryResult<Indicator> {
        super::catalogue::create_own(self, tenant, actor, indicator).await
    }

    async fn import_catalogue(&self, actor: &Actor, indicators: Vec<Indicator>) -> RepositoryResult<usize> {
        super::catalogue::import_core(self, actor, indicators).await
    }

    async fn import_values(
        &self,
        tenant: FederationId,
        actor: &Actor,
        values: Vec<CentreValue>,
    ) -> RepositoryResult<usize> {
        self.import_values_reporting(tenant, actor, values, &|_| {}).await
    }

    async fn import_values_reporting(
        &self,
        tenant: FederationId,
        actor: &Actor,
        values: Vec<CentreValue>,
        progress: &(dyn Fn(usize) + Sync),
    ) -> RepositoryResult<usize> {
        let catalogue = self.catalogue(&Scope::Federation(tenant)).await?;
        super::values::import_values(self, tenant, actor, &catalogue, values, progress).await
    }

    async fn centre_values(
        &self,
        scope: &Scope,
        codes: &[IndicatorCode],
        years: &[i32],
    ) -> RepositoryResult<Vec<CentreValue>> {
        use super::entity::values;
        if scope.partner().is_some() {
            // A partner reads published aggregates, never a centre's own figures.
            return Ok(Vec::new());
        }
        use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QuerySelect, QueryTrait};
        // The four columns a value is made of: a federation's ten years are tens of thousands of rows, and
        // decoding who entered each and when would be most of the work.
        let mut select = values::Entity::find()
            .select_only()
            .columns([
                values::Column::CentreId,
                values::Column::Code,
                values::Column::Year,
                values::Column::Value,
            ])
            .filter(crate::scope::tenant_condition(
                values::Column::FederationId,
                scope,
                None,
            ))
            .order_by_asc(values::Column::CentreId)
            .order_by_asc(values::Column::Code)
            .order_by_asc(values::Column::Year);
        if !codes.is_empty() {
            select = select.filter(values::Column::Code.is_in(codes.iter().map(|c| c.as_str().to_owned())));
        }
        if !years.is_empty() {
            select = select.filter(values::Column::Year.is_in(years.iter().copied()));
        }
        let conn = self.scoped(scope);
        let rows = conn
            .query_all_raw(select.build(conn.get_database_backend()))
            .await
            .map_err(storage)?;
        rows.iter()
            .map(|r| {
                Ok(CentreValue {
                    centre: pactes_domain::CentreId::from_uuid(r.try_get_by_index(0).map_err(storage)?),
                    code: IndicatorCode::from_stored(r.try_get_by_index(1).map_err(storage)?),
                    year: r.try_get_by_index(2).map_err(storage)?,
                    value: pactes_domain::indicators::Quantity::from_hundredths(
                        r.try_get_by_index(3).map_err(storage)?,
                    ),
                })
            })
            .collect()
    }

    async fn aggregate_sums(
        &self,
        scope: &Scope,
        catalogue: &[Indicator],
        indicators: &[IndicatorCode],
        years: &[i32],
        group_by: &[AggregateGroup],
        filter: &AggregateFilter,
    ) -> RepositoryResult<Vec<AggregateSums>> {
        if scope.partner().is_none() {
            return super::aggregates::aggregate_sums(self, scope, catalogue, indicators, years, group_by, filter)
                .await;
        }
        // A partner's filter on a territory or a kind of centre is a grouping in disguise (the federation less
        // the filtered groups is their complement): the whole table is summed and protected, then cut.
        let mut groups = group_by.to_vec();
        for (filtered, group) in [
            (filter.territory.is_some(), AggregateGroup::Territory),
            (filter.centre_kind.is_some(), AggregateGroup::CentreKind),
        ] {
            if filtered && !groups.contains(&group) {
                groups.push(group);
            }
        }
        let whole = AggregateFilter {
            territory: None,
            centre_kind: None,
            ..filter.clone()
        };
        let mut rows =
            super::aggregates::aggregate_sums(self, scope, catalogue, indicators, years, &groups, &whole).await?;
        pactes_domain::indicators::withhold_small_groups(&mut rows, &groups, self.partner_min_group);
        // The filtered groups, shown as the filter's (not grouped by what was only filtered on).
        let added = |group: AggregateGroup| groups.contains(&group) && !group_by.contains(&group);
        let (territory_added, kind_added) = (added(AggregateGroup::Territory), added(AggregateGroup::CentreKind));
        rows.retain_mut(|row| {
            let kept = filter.territory.is_none_or(|t| row.key.territory == Some(Some(t)))
                && filter.centre_kind.is_none_or(|k| row.key.centre_kind == Some(k));
            if territory_added {
                row.key.territory = None;
            }
            if kind_added {
                row.key.centre_kind = None;
            }
            kept
        });
        Ok(rows)
    }

    async fn campaigns(
        &self,
        scope: &Scope,
        year: Option<i32>,
    ) -> RepositoryResult<Vec<pactes_domain::indicators::Campaign>> {
        super::campaigns::campaigns_of(self, scope, year).await
    }

    async fn create_campaign(
        &self,
        tenant: FederationId,
        actor: &Actor,
        content: pactes_domain::indicators::CampaignContent,
    ) -> RepositoryResult<pactes_domain::indicators::Campaign> {
        let catalogue = self.catalogue(&Scope::Federation(tenant)).await?;
        super::campaigns::create(self, tenant, actor, content, &catalogue).await
    }

    async fn transition_campaign(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: pactes_domain::CampaignId,
        expected_version: i64,
        to: pactes_domain::indicators::CampaignStatus,
    ) -> RepositoryResult<pactes_domain::indicators::Campaign> {
        super::campaigns::transition(self, tenant, actor, id, expected_version, to).await
    }

    async fn submissions(
        &self,
        scope: &Scope,
        campaign: pactes_domain::CampaignId,
    ) -> RepositoryResult<Vec<pactes_domain::indicators::Submission>> {
        super::campaigns::submissions_of(self, scope, campaign).await
    }

    async fn transition_submission(
        &self,
        tenant: FederationId,
        actor: &Actor,
        campaign: pactes_domain::CampaignId,
        centre: pactes_domain::CentreId,
        to: pactes_domain::indicators::SubmissionStatus,
        comment: Option<String>,
        can_reopen: bool,
    ) -> RepositoryResult<pactes_domain::indicators::Submission> {
        super::campaigns::transition_submission(self, tenant, actor, campaign, centre, to, comment, can_reopen).await
    }

    async fn completeness(
        &self,
        scope: &Scope,
        campaign: pactes_domain::CampaignId,
    ) -> RepositoryResult<pactes_domain::indicators::Completeness> {
        let catalogue = self.catalogue(scope).await?;
        super::campaigns::completeness(self, scope, campaign, &catalogue).await
    }
}

#[cfg(feature = "test-support")]
impl Database {
    /// How PostgreSQL runs [`IndicatorRepository::aggregate_sums`]'s statement for these arguments, within the
    /// scope (row-level security included): the lines of `EXPLAIN (ANALYZE, BUFFERS)`. The indicators
    /// benchmark prints them.
    pub async fn explain_aggregate_sums(
        &self,
        scope: &Scope,
        catalogue: &[Indicator],
        indicators: &[IndicatorCode],
        years: &[i32],
        group_by: &[AggregateGroup],
        filter: &AggregateFilter,
    ) -> RepositoryResult<Vec<String>> {
        super::aggregates::explain_sums(self, scope, catalogue, indicators, years, group_by, filter).await
    }
}
