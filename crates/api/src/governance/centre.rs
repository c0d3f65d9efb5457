//! What governance adds to a centre: the bodies it sits on.

use async_graphql::connection::Connection;
use async_graphql::{Context, Object};
use pactes_domain::CentreId;
use pactes_domain::governance::BodyFilter;
use pactes_domain::page::SortKeyKind;

use super::query::bodies_page;
use super::types::Body;
use crate::pagination::{Cursor, OrderDirection, PageArgs, ordering_code, page_cost};

pub struct GovernanceOfCentre(pub CentreId);

#[Object]
impl GovernanceOfCentre {
    /// The governance bodies on which a member sits for this centre, by name. Not offered to a partner's token.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn bodies(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> async_graphql::Result<Connection<Cursor, Body>> {
        let ordering = ordering_code("centreBodies", "NAME", OrderDirection::Asc);
        let page = PageArgs::new(first, after, last, before).request(&ordering, Some(SortKeyKind::Text))?;
        let filter = BodyFilter {
            centre: Some(self.0),
            ..BodyFilter::default()
        };
        bodies_page(ctx, page, &ordering, filter).await
    }
}
