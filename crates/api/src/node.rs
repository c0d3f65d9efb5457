//! The Relay Node interface: any object by its global id. Another federation's object is `null`, exactly like
//! a missing one. The kinds are declared in `node_kind.rs`; here, each kind's GraphQL type.

use async_graphql::{Context, ID, Interface, Object};
use uuid::Uuid;

use crate::centre::Centre;
use crate::context::authorize;
use crate::conventions::Convention;
use crate::directory::{Partner, Territory};
use crate::error::ErrorCode;
use crate::federation::Federation;
use crate::governance::{Body, Decision, Meeting};
use crate::ids::decode;
use crate::indicators::Campaign;
use crate::node_kind::{NodeKind, NodeObject};
use crate::pacts::{ActionSheet, Pact};

pub const MAX_NODES: usize = 100;

// The object of any kind: each kind's GraphQL type, in the order of `NodeKind`.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    Federation(Federation),
    Territory(Territory),
    Centre(Centre),
    Partner(Partner),
    Pact(Pact),
    ActionSheet(ActionSheet),
    Convention(Convention),
    Campaign(Campaign),
    Body(Body),
    Meeting(Meeting),
    Decision(Decision),
}

/// The object `id` of `kind`: every kind has its type here (the match is exhaustive).
async fn load_kind(ctx: &Context<'_>, kind: NodeKind, id: Uuid) -> async_graphql::Result<Option<Node>> {
    Ok(match kind {
        NodeKind::Federation => Federation::load(ctx, id).await?.map(Node::Federation),
        NodeKind::Territory => Territory::load(ctx, id).await?.map(Node::Territory),
        NodeKind::Centre => Centre::load(ctx, id).await?.map(Node::Centre),
        NodeKind::Partner => Partner::load(ctx, id).await?.map(Node::Partner),
        NodeKind::Pact => Pact::load(ctx, id).await?.map(Node::Pact),
        NodeKind::ActionSheet => ActionSheet::load(ctx, id).await?.map(Node::ActionSheet),
        NodeKind::Convention => Convention::load(ctx, id).await?.map(Node::Convention),
        NodeKind::Campaign => Campaign::load(ctx, id).await?.map(Node::Campaign),
        NodeKind::Body => Body::load(ctx, id).await?.map(Node::Body),
        NodeKind::Meeting => Meeting::load(ctx, id).await?.map(Node::Meeting),
        NodeKind::Decision => Decision::load(ctx, id).await?.map(Node::Decision),
    })
}

#[derive(Default)]
pub struct NodeQuery;

/// Loads one node if the caller may read its kind's area; a malformed id or an unknown kind is `null`.
async fn load(ctx: &Context<'_>, id: &ID) -> async_graphql::Result<Option<Node>> {
    let Some((kind, uuid)) = decode(id) else {
        return Ok(None);
    };
    authorize(ctx, pactes_domain::Permission::Read(kind.area()))?;
    load_kind(ctx, kind, uuid).await
}

#[Object]
impl NodeQuery {
    /// Any object by its global id; null if it does not exist in your federation.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST + child_complexity")]
    async fn node(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Node>> {
        crate::context::caller(ctx)?;
        load(ctx, &id).await
    }

    /// Several objects by global id, in the order asked (null where absent); at most 100.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST + ids.len() * child_complexity")]
    async fn nodes(&self, ctx: &Context<'_>, ids: Vec<ID>) -> async_graphql::Result<Vec<Option<Node>>> {
        crate::context::caller(ctx)?;
        if ids.len() > MAX_NODES {
            return Err(ErrorCode::InvalidArgument.error(format!("at most {MAX_NODES} ids at once")));
        }
        let lookups = ids.iter().map(|id| load(ctx, id));
        futures_util::future::try_join_all(lookups).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The audit log names entities by their `Audited::ENTITY`; its `entityId` is a global id of that kind, so
    /// every audited kind must be a node kind, or `node(id:)` would answer null for an entry's object.
    #[test]
    fn every_audited_kind_is_a_node_kind() {
        let domain = concat!(env!("CARGO_MANIFEST_DIR"), "/../domain/src");
        let mut pending = vec![std::path::PathBuf::from(domain)];
        let mut audited = Vec::new();
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let source = std::fs::read_to_string(&path).unwrap();
                for line in source.lines().filter(|l| l.contains("const ENTITY: &'static str = \"")) {
                    let name = line.split('"').nth(1).unwrap_or_default().to_owned();
                    audited.push((name, path.display().to_string()));
                }
            }
        }
        assert!(audited.len() >= 4, "found only {audited:?}");
        for (name, file) in audited {
            assert!(
                NodeKind::from_name(&name).is_some(),
                "{file}: {name} is audited but is not declared in node_kinds!"
            );
        }
    }

    #[test]
    fn kinds_round_trip_by_name() {
        for kind in NodeKind::ALL {
            assert_eq!(NodeKind::from_name(kind.name()), Some(*kind));
        }
    }
}
