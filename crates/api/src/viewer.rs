//! `viewer`: who the token says the caller is, so a client can adapt its screens.

use async_graphql::{Context, ID, Object, SimpleObject};

use crate::context::caller;
use crate::federation::{Federation, federation};
use crate::ids::encode;
use crate::node_kind::NodeKind;

#[derive(Default)]
pub struct ViewerQuery;

#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Viewer {
    pub subject: String,
    pub roles: Vec<String>,
    /// True for national callers, who read every federation.
    pub national: bool,
    /// The partner this token acts for, if any.
    pub partner_id: Option<ID>,
    /// The centres a centre manager may update.
    pub centre_ids: Vec<ID>,
    #[graphql(skip)]
    federation_id: Option<pactes_domain::FederationId>,
}

#[async_graphql::ComplexObject]
impl Viewer {
    /// The caller's federation; null for national callers.
    async fn federation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Federation>> {
        match self.federation_id {
            Some(id) => federation(ctx, id).await,
            None => Ok(None),
        }
    }
}

#[Object]
impl ViewerQuery {
    async fn viewer(&self, ctx: &Context<'_>) -> async_graphql::Result<Viewer> {
        let caller = caller(ctx)?;
        Ok(Viewer {
            subject: caller.subject().to_owned(),
            roles: caller.roles().map(|r| r.as_claim().to_owned()).collect(),
            national: caller.tenant().is_none(),
            partner_id: caller.partner().map(|p| encode(NodeKind::Partner, p.as_uuid())),
            centre_ids: caller
                .centres()
                .iter()
                .map(|c| encode(NodeKind::Centre, c.as_uuid()))
                .collect(),
            federation_id: caller.tenant(),
        })
    }
}
