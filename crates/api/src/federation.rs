//! The federation: the tenant every area's objects belong to, and the one resolver they all use to show it.

use std::sync::Arc;

use async_graphql::{Context, ID, Object};
use pactes_domain::FederationId;
use pactes_domain::directory as domain;

use crate::context::request;
use crate::directory::FederationKind;
use crate::error::internal;
use crate::ids::encode;
use crate::node_kind::{NodeKind, NodeObject};

/// A federation of centres sociaux: one tenant of Pactes. Its public fields are readable without a token.
pub struct Federation(pub Arc<domain::Federation>);

#[Object]
impl Federation {
    pub async fn id(&self) -> ID {
        encode(NodeKind::Federation, self.0.id.as_uuid())
    }
    /// The federation's name in tokens (`fed` claim) and URLs, e.g. `pas-de-calais`.
    async fn slug(&self) -> &str {
        self.0.data.slug.as_str()
    }
    async fn name(&self) -> &str {
        self.0.data.name.as_str()
    }
    async fn kind(&self) -> FederationKind {
        self.0.data.kind.into()
    }
    /// Codes of the départements covered: "59", "2A", "974".
    async fn departements(&self) -> Vec<&str> {
        self.0.data.departements.iter().map(|d| d.as_str()).collect()
    }
    async fn version(&self) -> i64 {
        self.0.meta.version
    }
    /// A retired federation: its tokens are refused and it leaves the list of federations.
    async fn archived(&self) -> bool {
        self.0.meta.archived_at.is_some()
    }
}

impl From<domain::Federation> for Federation {
    fn from(federation: domain::Federation) -> Federation {
        Federation(Arc::new(federation))
    }
}

/// The federation `id`: from the replica's copy of the federations when it is current (every item of a page
/// shows the same one, shared), else batched with every other federation the request shows.
pub(crate) async fn federation(ctx: &Context<'_>, id: FederationId) -> async_graphql::Result<Option<Federation>> {
    let request = request(ctx);
    if let Some(known) = request.db.federation_in_memory(id) {
        return Ok(Some(Federation(known)));
    }
    let loaded = request.loaders.federations.load_one(id).await.map_err(internal)?;
    Ok(loaded.map(Federation::from))
}

impl NodeObject for Federation {
    async fn load(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Option<Self>> {
        federation(ctx, FederationId::from_uuid(id)).await
    }
}
