//! What clients send to write an action sheet. The pact is a global id; the objective is one of the pact's
//! objectives, by the id the pact shows. Actors are parties: a centre, a partner or the federation.

use async_graphql::{ID, InputObject};
use pactes_domain::pacts::{ActionSheetDraft, ActorRoleDraft, MeansDraft};
use pactes_domain::{ObjectiveId, PactId};

use crate::error::UserError;
use crate::inputs::{Ids, PartyInput};
use crate::node_kind::NodeKind;
use crate::pacts::enums::{ActionStatus, MeansKind};
use crate::scalars::{Date, Money};

#[derive(InputObject)]
pub struct ActorRoleInput {
    pub actor: PartyInput,
    /// The role in words ("porteur de l'action").
    pub role: String,
}

#[derive(InputObject)]
pub struct MeansInput {
    pub kind: MeansKind,
    pub description: String,
    /// Who provides it, or is asked for it.
    pub actor: PartyInput,
    pub amount: Option<Money>,
}

/// A sheet's whole content; an update sends it whole too (what is left out is removed).
#[derive(InputObject)]
pub struct ActionSheetContentInput {
    /// One of the pact's objectives (`Objective.id`), if the action serves one.
    pub objective_id: Option<ID>,
    pub title: String,
    pub description: Option<String>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub lead: Option<PartyInput>,
    #[graphql(default)]
    pub roles: Vec<ActorRoleInput>,
    /// The action's own objectives, in words.
    #[graphql(default)]
    pub objectives: Vec<String>,
    #[graphql(default)]
    pub means: Vec<MeansInput>,
}

#[derive(InputObject)]
pub struct CreateActionSheetInput {
    pub pact_id: ID,
    #[graphql(flatten)]
    pub content: ActionSheetContentInput,
}

#[derive(InputObject)]
pub struct UpdateActionSheetInput {
    pub id: ID,
    pub version: i64,
    #[graphql(flatten)]
    pub content: ActionSheetContentInput,
}

#[derive(InputObject)]
pub struct TransitionActionSheetInput {
    pub id: ID,
    pub version: i64,
    /// `IN_PROGRESS` (from planned), `DONE` (from in progress), `CANCELLED` (from either).
    pub to: ActionStatus,
}

impl ActionSheetContentInput {
    /// The draft under `pact`, or the user errors of ids that name nothing (fields under `input`).
    pub fn into_draft(self, pact: PactId) -> Result<ActionSheetDraft, Vec<UserError>> {
        let mut ids = Ids {
            at: &["input"],
            errors: Vec::new(),
        };
        let objective_id = ids.part(self.objective_id.as_ref(), &["objectiveId"], ObjectiveId::from_uuid);
        let lead = self.lead.as_ref().and_then(|l| l.party(&mut ids, &["lead"]));
        let mut roles = Vec::with_capacity(self.roles.len());
        for (i, r) in self.roles.into_iter().enumerate() {
            if let Some(actor) = r.actor.party(&mut ids, &["roles", &i.to_string(), "actor"]) {
                roles.push(ActorRoleDraft { actor, role: r.role });
            }
        }
        let mut means = Vec::with_capacity(self.means.len());
        for (i, m) in self.means.into_iter().enumerate() {
            if let Some(actor) = m.actor.party(&mut ids, &["means", &i.to_string(), "actor"]) {
                means.push(MeansDraft {
                    kind: m.kind.into(),
                    description: m.description,
                    actor,
                    amount: m.amount.map(|a| a.0.to_string()),
                });
            }
        }
        if !ids.errors.is_empty() {
            return Err(ids.errors);
        }
        Ok(ActionSheetDraft {
            pact_id: pact,
            objective_id,
            title: self.title,
            description: self.description,
            start: self.start_date.map(|d| d.0),
            end: self.end_date.map(|d| d.0),
            lead,
            roles,
            objectives: self.objectives,
            means,
        })
    }
}

/// The pact an input's `pactId` names, or the user error saying it names none.
pub fn pact_id(id: &ID) -> Result<PactId, Vec<UserError>> {
    let mut ids = Ids {
        at: &["input"],
        errors: Vec::new(),
    };
    ids.global(Some(id), NodeKind::Pact, &["pactId"], PactId::from_uuid)
        .ok_or(ids.errors)
}
