//! A federation's own indicators, beside the national core: defined by its staff, read by it only, collected
//! in its campaigns and aggregated by the same rules.

use async_graphql::{Context, InputObject, Object, SimpleObject};
use pactes_domain::indicators::{self as domain, IndicatorDraft, IndicatorRepository};
use pactes_domain::{Area, Permission};

use super::enums::{AggregationRule, IndicatorCategory, IndicatorKind, IndicatorUnit};
use super::types::Indicator;
use crate::context::{authorize, request};
use crate::error::UserError;
use crate::mutation::{tenant, with_valid};

#[derive(InputObject)]
pub struct CreateIndicatorInput {
    /// Capitals, digits and underscores, no core indicator's: `NORD_FOOD_AID`.
    pub code: String,
    pub label_fr: String,
    pub label_en: String,
    pub category: IndicatorCategory,
    pub unit: IndicatorUnit,
    pub kind: IndicatorKind,
    pub rule: AggregationRule,
    /// A derived indicator's inputs (a ratio's numerator, then its denominator), codes of the catalogue.
    #[graphql(default)]
    pub inputs: Vec<String>,
    /// The lowest valid yearly value of one centre, in the indicator's unit.
    pub min: Option<String>,
    pub max: Option<String>,
}

#[derive(SimpleObject)]
pub struct CreateIndicatorPayload {
    pub indicator: Option<Indicator>,
    pub user_errors: Vec<UserError>,
}

#[derive(Default)]
pub struct IndicatorDefinitionsMutation;

#[Object]
impl IndicatorDefinitionsMutation {
    /// An indicator of your federation's own, read by it alone, after the national core in `indicators`; a
    /// campaign may collect it. Staff only.
    async fn create_indicator(
        &self,
        ctx: &Context<'_>,
        input: CreateIndicatorInput,
    ) -> async_graphql::Result<CreateIndicatorPayload> {
        let caller = authorize(ctx, Permission::Write(Area::Indicators))?;
        let (tenant, actor) = (tenant(caller)?, caller.actor());
        let draft = IndicatorDraft {
            code: input.code,
            label_fr: input.label_fr,
            label_en: input.label_en,
            category: domain::Category::from(input.category).code().to_owned(),
            unit: domain::Unit::from(input.unit).code().to_owned(),
            kind: domain::IndicatorKind::from(input.kind).code().to_owned(),
            rule: domain::Rule::from(input.rule).code().to_owned(),
            inputs: input.inputs,
            min: input.min,
            max: input.max,
            core: false,
        };
        let db = &request(ctx).db;
        let (indicator, user_errors) = with_valid(
            draft.validate(),
            |indicator| db.create_indicator(tenant, &actor, indicator),
            Indicator,
        )
        .await?;
        Ok(CreateIndicatorPayload { indicator, user_errors })
    }
}
