//! What conventions add to a centre: those in force and how long its funding is covered.

use async_graphql::{Context, Object};
use pactes_domain::CentreId;

use super::query::centre_coverage;
use super::types::CentreCoverage;

pub struct ConventionsOfCentre(pub CentreId);

#[Object]
impl ConventionsOfCentre {
    /// Its conventions in force today and the day its funding stops being covered, renewals followed.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST + 20 * child_complexity")]
    async fn conventions(&self, ctx: &Context<'_>) -> async_graphql::Result<CentreCoverage> {
        centre_coverage(ctx, self.0).await
    }
}
