//! What pacts add to a centre: the pacts it signs and the action sheets it takes part in.

use async_graphql::connection::Connection;
use async_graphql::{Context, Object};
use pactes_domain::CentreId;

use super::actions::{ActionSheet, actions_of_centre};
use super::query::pacts_of_centre;
use super::types::Pact;
use crate::pagination::{Cursor, PageArgs, Totals, page_cost};

pub struct PactsOfCentre(pub CentreId);

#[Object]
impl PactsOfCentre {
    /// The pacts it signs, by title (for a partner token: those its partner signs too).
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn pacts(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> async_graphql::Result<Connection<Cursor, Pact, Totals>> {
        let args = PageArgs::new(first, after, last, before);
        pacts_of_centre(ctx, self.0, args).await
    }
    /// The action sheets it takes part in (it leads them, has a role in them, or provides or is asked for a
    /// means), by title.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn actions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> async_graphql::Result<Connection<Cursor, ActionSheet, Totals>> {
        let args = PageArgs::new(first, after, last, before);
        actions_of_centre(ctx, self.0, args).await
    }
}
