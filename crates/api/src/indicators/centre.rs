//! What indicators add to a centre: its yearly series, placed among its federation's centres.

use async_graphql::{Context, Object};
use pactes_domain::{CentreId, FederationId};

use super::series::{MAX_POINTS, SeriesPoint, centre_series};

pub struct IndicatorsOfCentre {
    pub centre: CentreId,
    pub federation: FederationId,
}

#[Object]
impl IndicatorsOfCentre {
    /// Its yearly figures of `codes` from `fromYear` to `toYear`, each placed among its federation's centres
    /// (median, quartiles, the quarter it falls in): a dashboard's series. Not offered to a partner's token.
    #[graphql(
        complexity = "crate::pagination::DB_FIELD_COST * 3 + crate::bounds::points(codes.len(), from_year, to_year, MAX_POINTS) * child_complexity"
    )]
    async fn indicator_series(
        &self,
        ctx: &Context<'_>,
        codes: Vec<String>,
        from_year: i32,
        to_year: i32,
    ) -> async_graphql::Result<Vec<SeriesPoint>> {
        centre_series(ctx, self.centre, self.federation, &codes, from_year, to_year).await
    }
}
