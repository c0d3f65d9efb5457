//! Conventions mutations, on the pact's pattern: create a draft, edit it before signature, take lifecycle steps,
//! amend it once signed; and record payments against its funding lines.

use async_graphql::{Context, Object, SimpleObject};
use pactes_domain::conventions::ConventionRepository;
use pactes_domain::{Area, ConventionId, Permission};

use super::inputs::{
    AmendConventionInput, CreateConventionInput, RecordPaymentsInput, TransitionConventionInput, UpdateConventionInput,
};
use super::types::Convention;
use crate::error::UserError;
use crate::mutation::{Writer, on_object, with_valid, writer};
use crate::node_kind::NodeKind;

const WRITE: Permission = Permission::Write(Area::Conventions);

#[derive(SimpleObject)]
pub struct ConventionPayload {
    pub convention: Option<Convention>,
    pub user_errors: Vec<UserError>,
}

fn payload((convention, user_errors): (Option<Convention>, Vec<UserError>)) -> ConventionPayload {
    ConventionPayload {
        convention,
        user_errors,
    }
}

#[derive(Default)]
pub struct ConventionsMutation;

#[Object]
impl ConventionsMutation {
    /// A new convention, as a draft.
    async fn create_convention(
        &self,
        ctx: &Context<'_>,
        input: CreateConventionInput,
    ) -> async_graphql::Result<ConventionPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let draft = match input.content.into_draft(&["input", "content"]) {
            Ok(draft) => draft,
            Err(errors) => return Ok(payload((None, errors))),
        };
        let content = draft.validate().map_err(|e| e.under("content"));
        Ok(payload(
            with_valid(
                content,
                |content| db.create_convention(tenant, &actor, content),
                Convention,
            )
            .await?,
        ))
    }

    /// Replaces the content of a convention not signed yet (a signed one changes through
    /// `amendConvention`: `INVALID_STATE`). Lines given with their ids keep them and their payments.
    async fn update_convention(
        &self,
        ctx: &Context<'_>,
        input: UpdateConventionInput,
    ) -> async_graphql::Result<ConventionPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (id, version) = (input.id.clone(), input.version);
        let draft = match input.content.into_draft(&["input", "content"]) {
            Ok(draft) => draft,
            Err(errors) => return Ok(payload((None, errors))),
        };
        let write = |uuid| db.update_convention(tenant, &actor, ConventionId::from_uuid(uuid), version, draft);
        Ok(payload(on_object(&id, NodeKind::Convention, write, Convention).await?))
    }

    /// One step of the lifecycle: `DRAFT → NEGOTIATION → SIGNED`, back to `DRAFT` from negotiation,
    /// `TERMINATED` with a reason; another is refused with `INVALID_TRANSITION`.
    async fn transition_convention(
        &self,
        ctx: &Context<'_>,
        input: TransitionConventionInput,
    ) -> async_graphql::Result<ConventionPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (to, reason) = (input.to.into(), input.reason);
        let write =
            |uuid| db.transition_convention(tenant, &actor, ConventionId::from_uuid(uuid), input.version, to, reason);
        Ok(payload(
            on_object(&input.id, NodeKind::Convention, write, Convention).await?,
        ))
    }

    /// An amendment (avenant) to a signed convention: numbered, dated, described, recording what it changes.
    async fn amend_convention(
        &self,
        ctx: &Context<'_>,
        input: AmendConventionInput,
    ) -> async_graphql::Result<ConventionPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (id, version, amendment) = (input.id.clone(), input.version, input.amendment());
        let draft = match input.content.into_draft(&["input", "content"]) {
            Ok(draft) => draft,
            Err(errors) => return Ok(payload((None, errors))),
        };
        let write =
            |uuid| db.amend_convention(tenant, &actor, ConventionId::from_uuid(uuid), version, amendment, draft);
        Ok(payload(on_object(&id, NodeKind::Convention, write, Convention).await?))
    }

    /// Payments against the convention's funding lines: all or none; a payment whose idempotency key is
    /// recorded already counts once; a line is never paid above its commitment unless it allows over-payment.
    async fn record_payments(
        &self,
        ctx: &Context<'_>,
        input: RecordPaymentsInput,
    ) -> async_graphql::Result<ConventionPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let drafts = match input.drafts() {
            Ok(drafts) => drafts,
            Err(errors) => return Ok(payload((None, errors))),
        };
        let write = |uuid| db.record_payments(tenant, &actor, ConventionId::from_uuid(uuid), input.version, drafts);
        let outcome = match crate::inputs::object_id(&input.convention_id, NodeKind::Convention, "conventionId") {
            Ok(uuid) => crate::mutation::outcome(write(uuid).await, Convention)?,
            Err(errors) => (None, errors),
        };
        Ok(payload(outcome))
    }
}
