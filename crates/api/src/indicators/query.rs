//! Indicators queries: the catalogue, and aggregates over any grouping and years with coverage and the change
//! from the year before — computed by the database, to the rule of each indicator.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::{Context, ID, InputObject, Object};
use pactes_domain::indicators::{
    AggregateFilter, AggregateGroup, AggregateValue, CampaignStatus, IndicatorCode, IndicatorRepository,
};
use pactes_domain::{Area, CentreId, FederationId, TerritoryId};

use super::enums::IndicatorGroup;
use super::types::{AggregateRow, Indicator};
use crate::bounds;
use crate::context::{read_scope, request};
use crate::error::{ErrorCode, internal};
use crate::node_kind::NodeKind;
use crate::pagination::filter_id;

const READ: Area = Area::Indicators;
/// At most this many indicators × years in one request: a dashboard's page, not the whole observatory.
const MAX_CELLS: usize = 400;

#[derive(InputObject, Default)]
pub struct IndicatorAggregateFilter {
    /// National callers only: one federation.
    pub federation_id: Option<ID>,
    pub territory_id: Option<ID>,
    pub centre_kind: Option<crate::directory::CentreKindEnum>,
    /// One centre: its own series.
    pub centre_id: Option<ID>,
}

#[derive(Default)]
pub struct IndicatorsQuery;

#[Object]
impl IndicatorsQuery {
    /// The catalogue: the national core, in its order, then your federation's own indicators.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST + 60 * child_complexity")]
    async fn indicators(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Indicator>> {
        let scope = read_scope(ctx, READ)?;
        let catalogue = request(ctx).db.catalogue(&scope).await.map_err(internal)?;
        Ok(catalogue.into_iter().map(Indicator).collect())
    }

    /// Aggregates of `codes` for `years`, one row per group, indicator and year: the value by the indicator's
    /// rule (a share is a ratio of sums; a missing value lowers coverage, never a sum), how many centres
    /// reported and should have, and the change from the previous year. Your federation's centres; every
    /// federation's for a national caller; for a partner's token, the years its federation has published.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST * 2 + codes.len() * years.len() * 5 * child_complexity")]
    async fn indicator_aggregates(
        &self,
        ctx: &Context<'_>,
        codes: Vec<String>,
        years: Vec<i32>,
        #[graphql(default)] group_by: Vec<IndicatorGroup>,
        filter: Option<IndicatorAggregateFilter>,
    ) -> async_graphql::Result<Vec<AggregateRow>> {
        let scope = read_scope(ctx, READ)?;
        bounds::at_most("codes", codes.len(), MAX_CELLS)?;
        bounds::at_most("years", years.len(), MAX_CELLS)?;
        bounds::indicator_cells(codes.len(), years.len(), MAX_CELLS)?;
        for year in &years {
            bounds::indicator_year("years", *year)?;
        }
        bounds::distinct("groupBy", &group_by)?;
        let db = &request(ctx).db;
        let mut years = years;
        if scope.partner().is_some() {
            if filter.as_ref().is_some_and(|f| f.centre_id.is_some()) {
                return Err(ErrorCode::Forbidden.error("a partner reads groups of centres, not a centre's own figures"));
            }
            // Storage reads a partner only the years its federation has published; the years not published are
            // left out of the answer rather than shown as groups where nobody reported.
            let published: Vec<i32> = db
                .campaigns(&scope, None)
                .await
                .map_err(internal)?
                .into_iter()
                .filter(|c| c.data.status == CampaignStatus::Published)
                .map(|c| c.data.content.year)
                .collect();
            years.retain(|y| published.contains(y));
            if years.is_empty() {
                return Ok(Vec::new());
            }
        }
        let catalogue = db.catalogue(&scope).await.map_err(internal)?;
        let mut wanted = Vec::with_capacity(codes.len());
        for raw in &codes {
            let code = IndicatorCode::parse(raw).map_err(|e| ErrorCode::InvalidArgument.error(e))?;
            if !catalogue.iter().any(|i| i.code == code) {
                return Err(ErrorCode::InvalidArgument.error(format!("{raw} is not in the catalogue")));
            }
            wanted.push(code);
        }
        let filter = filter.unwrap_or_default();
        let filter = AggregateFilter {
            federation: filter_id(filter.federation_id, NodeKind::Federation)?.map(FederationId::from_uuid),
            territory: filter_id(filter.territory_id, NodeKind::Territory)?.map(TerritoryId::from_uuid),
            centre_kind: filter.centre_kind.map(Into::into),
            centre: filter_id(filter.centre_id, NodeKind::Centre)?.map(CentreId::from_uuid),
        };
        let groups: Vec<AggregateGroup> = group_by
            .iter()
            .filter_map(|g| match g {
                IndicatorGroup::Federation => Some(AggregateGroup::Federation),
                IndicatorGroup::Territory => Some(AggregateGroup::Territory),
                IndicatorGroup::Departement => Some(AggregateGroup::Departement),
                IndicatorGroup::CentreKind => Some(AggregateGroup::CentreKind),
                IndicatorGroup::Management => Some(AggregateGroup::Management),
                IndicatorGroup::Year => None,
            })
            .collect();
        // The years asked and the ones before them, for the change: one statement all the same.
        let mut all_years: Vec<i32> = years.iter().flat_map(|y| [*y, y - 1]).collect();
        all_years.sort_unstable();
        all_years.dedup();
        let found = db
            .aggregate_sums(&scope, &catalogue, &wanted, &all_years, &groups, &filter)
            .await
            .map_err(internal)?;
        let definitions: HashMap<&IndicatorCode, Arc<pactes_domain::indicators::Indicator>> = catalogue
            .iter()
            .filter(|i| wanted.contains(&i.code))
            .map(|i| (&i.code, Arc::new(i.clone())))
            .collect();
        let values: Vec<Option<AggregateValue>> = found
            .iter()
            .map(|row| {
                // A withheld group's sums are cleared: it has no value, not a zero.
                if row.withheld {
                    return None;
                }
                AggregateValue::of(definitions.get(&row.code)?, &row.sums)
            })
            .collect();
        let by_key: HashMap<(&pactes_domain::indicators::GroupKey, &IndicatorCode, i32), Option<AggregateValue>> =
            found
                .iter()
                .zip(&values)
                .map(|(row, value)| ((&row.key, &row.code, row.year), *value))
                .collect();
        let previous: Vec<Option<AggregateValue>> = found
            .iter()
            .map(|row| by_key.get(&(&row.key, &row.code, row.year - 1)).copied().flatten())
            .collect();
        drop(by_key);
        Ok(found
            .into_iter()
            .zip(values.into_iter().zip(previous))
            .filter(|(row, _)| years.contains(&row.year))
            .filter_map(|(row, (value, previous))| {
                Some(AggregateRow {
                    indicator: definitions.get(&row.code)?.clone(),
                    value,
                    previous,
                    reporting: row.sums.reporting,
                    expected: row.expected,
                    withheld: row.withheld,
                    key: row.key,
                    year: row.year,
                })
            })
            .collect())
    }
}
