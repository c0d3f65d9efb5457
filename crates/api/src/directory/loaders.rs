//! Batch loaders: however many objects a response mentions, each kind is read in one statement. Tenant rows
//! are loaded within the scope the loader was built with — one loader per request, never shared.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::Context;
use async_graphql::dataloader::Loader;
use pactes_domain::directory::{
    Centre, CentreRepository, Federation, FederationRepository, Partner, PartnerRepository, Territory,
    TerritoryRepository,
};
use pactes_domain::{CentreId, FederationId, PartnerId, RepositoryError, Scope, TerritoryId};
use pactes_persistence::Database;

pub struct FederationLoader {
    pub db: Database,
}

impl Loader<FederationId> for FederationLoader {
    type Value = Federation;
    type Error = Arc<RepositoryError>;

    async fn load(&self, keys: &[FederationId]) -> Result<HashMap<FederationId, Federation>, Self::Error> {
        let found = self.db.federations_by_ids_public(keys).await?;
        Ok(found.into_iter().map(|f| (f.id, f)).collect())
    }
}

pub struct TerritoryLoader {
    pub db: Database,
    pub scope: Scope,
}

impl Loader<TerritoryId> for TerritoryLoader {
    type Value = Territory;
    type Error = Arc<RepositoryError>;

    async fn load(&self, keys: &[TerritoryId]) -> Result<HashMap<TerritoryId, Territory>, Self::Error> {
        let found = self.db.territories_by_ids(&self.scope, keys).await?;
        Ok(found.into_iter().map(|t| (t.id, t)).collect())
    }
}

pub struct CentreLoader {
    pub db: Database,
    pub scope: Scope,
}

impl Loader<CentreId> for CentreLoader {
    type Value = Centre;
    type Error = Arc<RepositoryError>;

    async fn load(&self, keys: &[CentreId]) -> Result<HashMap<CentreId, Centre>, Self::Error> {
        let found = self.db.centres_by_ids(&self.scope, keys).await?;
        Ok(found.into_iter().map(|c| (c.id, c)).collect())
    }
}

pub struct PartnerLoader {
    pub db: Database,
    pub scope: Scope,
}

impl Loader<PartnerId> for PartnerLoader {
    type Value = Partner;
    type Error = Arc<RepositoryError>;

    async fn load(&self, keys: &[PartnerId]) -> Result<HashMap<PartnerId, Partner>, Self::Error> {
        let found = self.db.partners_by_ids(&self.scope, keys).await?;
        Ok(found.into_iter().map(|p| (p.id, p)).collect())
    }
}

/// Loads, in one statement each, the territories and federations that a page of objects will be asked for,
/// so that their resolvers read them from the request's cache. Without this, DataLoader's time-window
/// batching still bounds the statements, but may split a batch in two when the machine is busy.
pub(crate) async fn prefetch(
    ctx: &Context<'_>,
    territories: impl IntoIterator<Item = TerritoryId>,
    federations: impl IntoIterator<Item = FederationId>,
) -> async_graphql::Result<()> {
    let node = ctx.look_ahead().field("edges").field("node");
    if node.field("territory").exists() {
        let loaders = crate::context::scoped_loaders(ctx)?;
        loaders
            .territories
            .load_many(territories)
            .await
            .map_err(crate::error::internal)?;
    }
    if node.field("federation").exists() {
        let loader = &crate::context::request(ctx).federations;
        loader.load_many(federations).await.map_err(crate::error::internal)?;
    }
    Ok(())
}
