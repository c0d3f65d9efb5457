//! The Relay Node interface: any object by its global id. Another federation's object is `null`, exactly like
//! a missing one.

use async_graphql::{Context, ID, Interface, Object};
use pactes_domain::{CentreId, FederationId, PartnerId, TerritoryId};

use crate::context::{read_scope, request, scoped_loaders};
use crate::directory::types::{Centre, Federation, Partner, Territory};
use crate::error::{ErrorCode, internal};
use crate::ids::{NodeKind, decode};

pub const MAX_NODES: usize = 100;

#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    Federation(Federation),
    Territory(Territory),
    Centre(Centre),
    Partner(Partner),
}

#[derive(Default)]
pub struct NodeQuery;

/// Loads one node; all lookups of one kind in a request share one batched statement.
async fn load(ctx: &Context<'_>, id: &ID) -> async_graphql::Result<Option<Node>> {
    let Some((kind, uuid)) = decode(id) else {
        return Ok(None);
    };
    let found = match kind {
        NodeKind::Federation => {
            let loaded = request(ctx).federations.load_one(FederationId::from_uuid(uuid)).await;
            loaded.map_err(internal)?.map(|f| Node::Federation(Federation(f)))
        }
        NodeKind::Territory => {
            let loaded = scoped_loaders(ctx)?
                .territories
                .load_one(TerritoryId::from_uuid(uuid))
                .await;
            loaded.map_err(internal)?.map(|t| Node::Territory(Territory(t)))
        }
        NodeKind::Centre => {
            let loaded = scoped_loaders(ctx)?.centres.load_one(CentreId::from_uuid(uuid)).await;
            loaded.map_err(internal)?.map(|c| Node::Centre(Centre(c)))
        }
        NodeKind::Partner => {
            let loaded = scoped_loaders(ctx)?.partners.load_one(PartnerId::from_uuid(uuid)).await;
            loaded.map_err(internal)?.map(|p| Node::Partner(Partner(p)))
        }
    };
    Ok(found)
}

#[Object]
impl NodeQuery {
    /// Any object by its global id; null if it does not exist in your federation.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Node>> {
        read_scope(ctx)?;
        load(ctx, &id).await
    }

    /// Several objects by global id, in the order asked (null where absent); at most 100.
    #[graphql(complexity = "ids.len() * child_complexity")]
    async fn nodes(&self, ctx: &Context<'_>, ids: Vec<ID>) -> async_graphql::Result<Vec<Option<Node>>> {
        read_scope(ctx)?;
        if ids.len() > MAX_NODES {
            return Err(ErrorCode::InvalidArgument.error(format!("at most {MAX_NODES} ids at once")));
        }
        let lookups = ids.iter().map(|id| load(ctx, id));
        futures_util::future::try_join_all(lookups).await
    }
}
