//! Action sheets mutations: create one under a pact, edit it, move its status. Each sheet carries its own
//! version: its follow-up moves while the pact's signed content stays frozen.

use async_graphql::{Context, Object, SimpleObject};
use pactes_domain::pacts::ActionSheetRepository;
use pactes_domain::{ActionSheetId, Area, Permission};

use super::inputs::{CreateActionSheetInput, TransitionActionSheetInput, UpdateActionSheetInput, pact_id};
use super::types::ActionSheet;
use crate::error::UserError;
use crate::mutation::{Writer, on_object, with_valid, writer};
use crate::node_kind::NodeKind;

const WRITE: Permission = Permission::Write(Area::Pacts);

#[derive(SimpleObject)]
pub struct ActionSheetPayload {
    pub action_sheet: Option<ActionSheet>,
    pub user_errors: Vec<UserError>,
}

fn payload((action_sheet, user_errors): (Option<ActionSheet>, Vec<UserError>)) -> ActionSheetPayload {
    ActionSheetPayload {
        action_sheet,
        user_errors,
    }
}

fn refused(user_errors: Vec<UserError>) -> ActionSheetPayload {
    payload((None, user_errors))
}

#[derive(Default)]
pub struct ActionSheetsMutation;

#[Object]
impl ActionSheetsMutation {
    /// A new action sheet (planned) under a pact of your federation, serving one of its objectives or none.
    async fn create_action_sheet(
        &self,
        ctx: &Context<'_>,
        input: CreateActionSheetInput,
    ) -> async_graphql::Result<ActionSheetPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let draft = match pact_id(&input.pact_id).and_then(|pact| input.content.into_draft(pact)) {
            Ok(draft) => draft,
            Err(errors) => return Ok(refused(errors)),
        };
        Ok(payload(
            with_valid(
                draft.validate(),
                |data| db.create_action_sheet(tenant, &actor, data),
                ActionSheet::whole,
            )
            .await?,
        ))
    }

    /// Replaces a sheet's content, whole; its pact and status stay. A done or cancelled sheet is not edited
    /// (`INVALID_STATE`).
    async fn update_action_sheet(
        &self,
        ctx: &Context<'_>,
        input: UpdateActionSheetInput,
    ) -> async_graphql::Result<ActionSheetPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (id, version) = (input.id.clone(), input.version);
        // The pact is the sheet's own, which storage keeps; the draft's is a placeholder.
        let draft = match input
            .content
            .into_draft(pactes_domain::PactId::from_uuid(uuid::Uuid::nil()))
        {
            Ok(draft) => draft,
            Err(errors) => return Ok(refused(errors)),
        };
        let write = |uuid| db.update_action_sheet(tenant, &actor, ActionSheetId::from_uuid(uuid), version, draft);
        Ok(payload(
            on_object(&id, NodeKind::ActionSheet, write, ActionSheet::whole).await?,
        ))
    }

    /// One step of the sheet's status: `PLANNED → IN_PROGRESS → DONE`, or `CANCELLED` before it is done;
    /// another step is refused with `INVALID_TRANSITION`.
    async fn transition_action_sheet(
        &self,
        ctx: &Context<'_>,
        input: TransitionActionSheetInput,
    ) -> async_graphql::Result<ActionSheetPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let to = input.to.into();
        let write =
            |uuid| db.transition_action_sheet(tenant, &actor, ActionSheetId::from_uuid(uuid), input.version, to);
        // A step returns the sheet without its parts: a field that shows them reads it whole.
        Ok(payload(
            on_object(&input.id, NodeKind::ActionSheet, write, ActionSheet::root).await?,
        ))
    }
}
