//! `totalCount` of the directory's connections: counted only when a client asks for it.

use async_graphql::{Context, Object};
use pactes_domain::Scope;
use pactes_domain::directory::{
    CentreFilter, CentreRepository, PartnerFilter, PartnerRepository, TerritoryFilter, TerritoryRepository,
};

use crate::context::request;
use crate::error::internal;

pub enum Count {
    Territories(Scope, TerritoryFilter),
    Centres(Scope, CentreFilter),
    Partners(Scope, PartnerFilter),
}

pub struct Totals(pub Count);

#[Object]
impl Totals {
    /// How many objects match the filter, across all pages.
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        let db = &request(ctx).db;
        match &self.0 {
            Count::Territories(scope, filter) => db.count_territories(scope, filter).await,
            Count::Centres(scope, filter) => db.count_centres(scope, filter).await,
            Count::Partners(scope, filter) => db.count_partners(scope, filter).await,
        }
        .map_err(internal)
    }
}
