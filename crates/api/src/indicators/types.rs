//! An indicator of the catalogue, and one row of aggregates.

use async_graphql::{Context, Object};
use pactes_domain::indicators::{self as domain, AggregateValue, GroupKey};

use super::enums::{AggregationRule, IndicatorCategory, IndicatorKind, IndicatorUnit};
use crate::context::load_record;
use crate::directory::Territory;
use crate::federation::{Federation, federation};

pub struct Indicator(pub domain::Indicator);

#[Object]
impl Indicator {
    /// Stable: `HR_FTE`.
    async fn code(&self) -> &str {
        self.0.code.as_str()
    }
    async fn label_fr(&self) -> &str {
        self.0.label_fr.as_str()
    }
    async fn label_en(&self) -> &str {
        self.0.label_en.as_str()
    }
    async fn category(&self) -> IndicatorCategory {
        self.0.category.into()
    }
    async fn unit(&self) -> IndicatorUnit {
        self.0.unit.into()
    }
    async fn kind(&self) -> IndicatorKind {
        self.0.kind.into()
    }
    async fn rule(&self) -> AggregationRule {
        self.0.rule.into()
    }
    /// A derived indicator's inputs (a ratio's numerator, then its denominator).
    async fn inputs(&self) -> Vec<&str> {
        self.0.inputs.iter().map(|c| c.as_str()).collect()
    }
    /// The lowest valid yearly value of one centre, in the indicator's unit.
    async fn min(&self) -> Option<String> {
        self.0.min.map(|m| m.display(self.0.unit))
    }
    async fn max(&self) -> Option<String> {
        self.0.max.map(|m| m.display(self.0.unit))
    }
    /// Part of the national core.
    async fn core(&self) -> bool {
        self.0.core
    }
}

/// One indicator's aggregate for one group and one year.
pub struct AggregateRow {
    pub key: GroupKey,
    /// Shared by every row of the indicator.
    pub indicator: std::sync::Arc<domain::Indicator>,
    pub year: i32,
    pub value: Option<AggregateValue>,
    pub previous: Option<AggregateValue>,
    pub reporting: u64,
    pub expected: u64,
    pub withheld: bool,
}

#[Object]
impl AggregateRow {
    /// The group's federation, when grouped by federation.
    async fn federation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Federation>> {
        match self.key.federation {
            Some(id) => federation(ctx, id).await,
            None => Ok(None),
        }
    }
    /// The group's territory, when grouped by territory (null too for centres without one).
    async fn territory(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Territory>> {
        match self.key.territory.flatten() {
            Some(id) => Ok(load_record::<pactes_domain::directory::TerritoryData>(ctx, id)
                .await?
                .map(Territory)),
            None => Ok(None),
        }
    }
    async fn departement(&self) -> Option<&str> {
        self.key.departement.as_ref().and_then(|d| d.as_deref())
    }
    async fn centre_kind(&self) -> Option<crate::directory::CentreKindEnum> {
        self.key.centre_kind.map(Into::into)
    }
    async fn management(&self) -> Option<crate::directory::ManagementEnum> {
        self.key.management.flatten().map(Into::into)
    }
    async fn code(&self) -> &str {
        self.indicator.code.as_str()
    }
    async fn year(&self) -> i32 {
        self.year
    }
    /// By the indicator's rule, a decimal string (`"28.57"`; percent for ratios and shares); null when no
    /// centre reported.
    async fn value(&self) -> Option<String> {
        self.value.map(|v| v.display(&self.indicator))
    }
    /// Centres that reported (every component of a derived indicator).
    async fn reporting(&self) -> u64 {
        self.reporting
    }
    /// Centres of the group in use: coverage is `reporting / expected`.
    async fn expected(&self) -> u64 {
        self.expected
    }
    /// Whether the value is withheld from you, a partner: fewer centres reported than a partner may read of one
    /// group (`PACTES_PARTNER_MIN_GROUP`, 3 unless configured), or the group would give such a group away by
    /// subtraction from a total. Its `value` and `change` are then null; `reporting` and `expected` stay.
    async fn withheld(&self) -> bool {
        self.withheld
    }
    /// The change from the previous year's value, in the same unit; null when either is missing.
    async fn change(&self) -> Option<String> {
        let (now, before) = (self.value?, self.previous?);
        Some(domain::format_hundredths(now.change_from(before).0))
    }
}
