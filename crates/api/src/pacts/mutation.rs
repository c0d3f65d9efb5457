//! Pacts mutations: create a draft, edit it before signature, take lifecycle steps, amend it once signed.

use async_graphql::{Context, Object};
use pactes_domain::pacts::PactRepository;
use pactes_domain::{Area, PactId, Permission};

use super::inputs::{AmendPactInput, CreatePactInput, TransitionPactInput, UpdatePactInput};
use super::payloads::PactPayload;
use super::types::Pact;
use crate::error::UserError;
use crate::mutation::{Writer, on_object, with_valid, writer};
use crate::node_kind::NodeKind;

const WRITE: Permission = Permission::Write(Area::Pacts);

#[derive(Default)]
pub struct PactsMutation;

fn payload((pact, user_errors): (Option<Pact>, Vec<UserError>)) -> PactPayload {
    PactPayload { pact, user_errors }
}

#[Object]
impl PactsMutation {
    /// A new pact, charter or protocol, as a draft.
    async fn create_pact(&self, ctx: &Context<'_>, input: CreatePactInput) -> async_graphql::Result<PactPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let draft = match input.content.into_draft(&["input", "content"]) {
            Ok(draft) => draft,
            Err(errors) => return Ok(payload((None, errors))),
        };
        let content = draft.validate().map_err(|e| e.under("content"));
        Ok(payload(
            with_valid(content, |content| db.create_pact(tenant, &actor, content), Pact).await?,
        ))
    }

    /// Replaces the content of a pact not signed yet (a signed pact changes through `amendPact`:
    /// `INVALID_STATE`). Axes and objectives given with their ids keep them.
    async fn update_pact(&self, ctx: &Context<'_>, input: UpdatePactInput) -> async_graphql::Result<PactPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (id, version) = (input.id.clone(), input.version);
        let draft = match input.content.into_draft(&["input", "content"]) {
            Ok(draft) => draft,
            Err(errors) => return Ok(payload((None, errors))),
        };
        let write = |uuid| db.update_pact(tenant, &actor, PactId::from_uuid(uuid), version, draft);
        Ok(payload(on_object(&id, NodeKind::Pact, write, Pact).await?))
    }

    /// One step of the lifecycle: `DRAFT → CONSULTATION → SIGNED` (once every signatory has signed), back to
    /// `DRAFT` from consultation, `TERMINATED` with a reason. A step the pact's status does not allow is refused
    /// with `INVALID_TRANSITION`.
    async fn transition_pact(
        &self,
        ctx: &Context<'_>,
        input: TransitionPactInput,
    ) -> async_graphql::Result<PactPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (to, reason) = (input.to.into(), input.reason);
        let write = |uuid| db.transition_pact(tenant, &actor, PactId::from_uuid(uuid), input.version, to, reason);
        Ok(payload(on_object(&input.id, NodeKind::Pact, write, Pact).await?))
    }

    /// An amendment (avenant) to a signed pact: numbered, dated, described, recording what it changes.
    async fn amend_pact(&self, ctx: &Context<'_>, input: AmendPactInput) -> async_graphql::Result<PactPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (id, version, amendment) = (input.id.clone(), input.version, input.amendment());
        let draft = match input.content.into_draft(&["input", "content"]) {
            Ok(draft) => draft,
            Err(errors) => return Ok(payload((None, errors))),
        };
        let write = |uuid| db.amend_pact(tenant, &actor, PactId::from_uuid(uuid), version, amendment, draft);
        Ok(payload(on_object(&id, NodeKind::Pact, write, Pact).await?))
    }
}
