//! What clients send to write a pact. Ids of other objects are global ids (`node(id:)`'s); an axis's or an
//! objective's id is the one the pact shows, given back to keep it.

use async_graphql::{ID, InputObject};
use pactes_domain::pacts::{
    AmendmentDraft, AxisDraft, ConsultationDraft, CriterionDraft, ObjectiveDraft, PactDraft, SignatoryDraft,
};
use pactes_domain::{AxisId, ObjectiveId, PactId, TerritoryId};

use super::enums::{PactKind, PactStatus, SignatoryRole};
use crate::error::UserError;
use crate::inputs::Ids;
use crate::node_kind::NodeKind;
use crate::scalars::Date;

#[derive(InputObject)]
pub struct CriterionInput {
    pub label: String,
    pub target: Option<String>,
}

#[derive(InputObject)]
pub struct ObjectiveInput {
    /// The objective's id, to keep an objective the pact has; left out for a new one.
    pub id: Option<ID>,
    pub title: String,
    pub description: Option<String>,
    #[graphql(default)]
    pub criteria: Vec<CriterionInput>,
}

#[derive(InputObject)]
pub struct AxisInput {
    /// The axis's id, to keep an axis the pact has; left out for a new one.
    pub id: Option<ID>,
    pub title: String,
    pub subtitle: Option<String>,
    #[graphql(default)]
    pub objectives: Vec<ObjectiveInput>,
}

/// One signatory: a centre (`centreId`), a partner (`partnerId`), or the federation (`federation: true`).
#[derive(InputObject)]
pub struct SignatoryInput {
    pub centre_id: Option<ID>,
    pub partner_id: Option<ID>,
    #[graphql(default)]
    pub federation: bool,
    pub role: SignatoryRole,
    pub signer_name: String,
    pub signer_title: Option<String>,
    /// Set once the party has signed.
    pub signed_on: Option<Date>,
}

#[derive(InputObject)]
pub struct ConsultationInput {
    pub group: String,
    pub people: i64,
    pub held_on: Date,
    pub summary: Option<String>,
}

/// A pact's whole content; an update sends it whole too (what is left out is removed).
#[derive(InputObject)]
pub struct PactContentInput {
    pub kind: PactKind,
    pub title: String,
    pub territory_id: Option<ID>,
    pub start_date: Date,
    pub end_date: Date,
    #[graphql(default = 1)]
    pub sequence: i64,
    pub predecessor_id: Option<ID>,
    pub preamble: Option<String>,
    #[graphql(default)]
    pub values: Vec<String>,
    #[graphql(default)]
    pub stakes: Vec<String>,
    #[graphql(default)]
    pub axes: Vec<AxisInput>,
    #[graphql(default)]
    pub signatories: Vec<SignatoryInput>,
    #[graphql(default)]
    pub consultations: Vec<ConsultationInput>,
}

#[derive(InputObject)]
pub struct CreatePactInput {
    pub content: PactContentInput,
}

#[derive(InputObject)]
pub struct UpdatePactInput {
    pub id: ID,
    pub version: i64,
    pub content: PactContentInput,
}

#[derive(InputObject)]
pub struct TransitionPactInput {
    pub id: ID,
    pub version: i64,
    /// `CONSULTATION`, `DRAFT` (back from consultation), `SIGNED` (once every signatory has signed) or
    /// `TERMINATED`; `ACTIVE` and `EXPIRED` follow from the dates and are refused.
    pub to: PactStatus,
    /// Why, for a termination.
    pub reason: Option<String>,
}

#[derive(InputObject)]
pub struct AmendPactInput {
    pub id: ID,
    pub version: i64,
    pub dated: Date,
    pub description: String,
    /// The content as the amendment makes it, whole.
    pub content: PactContentInput,
}

impl AmendPactInput {
    pub fn amendment(&self) -> AmendmentDraft {
        AmendmentDraft {
            dated: self.dated.0,
            description: self.description.clone(),
        }
    }
}

impl PactContentInput {
    /// The draft, or the user errors of ids that name nothing; `at` is the input field holding the content.
    pub fn into_draft(self, at: &[&str]) -> Result<PactDraft, Vec<UserError>> {
        let mut ids = Ids { at, errors: Vec::new() };
        let territory_id = ids.global(
            self.territory_id.as_ref(),
            NodeKind::Territory,
            &["territoryId"],
            TerritoryId::from_uuid,
        );
        let predecessor_id = ids.global(
            self.predecessor_id.as_ref(),
            NodeKind::Pact,
            &["predecessorId"],
            PactId::from_uuid,
        );
        let mut axes = Vec::with_capacity(self.axes.len());
        for (i, axis) in self.axes.into_iter().enumerate() {
            let index = i.to_string();
            let id = ids.part(axis.id.as_ref(), &["axes", &index, "id"], AxisId::from_uuid);
            let mut objectives = Vec::with_capacity(axis.objectives.len());
            for (j, objective) in axis.objectives.into_iter().enumerate() {
                let path = ["axes", &index, "objectives", &j.to_string(), "id"];
                objectives.push(ObjectiveDraft {
                    id: ids.part(objective.id.as_ref(), &path, ObjectiveId::from_uuid),
                    title: objective.title,
                    description: objective.description,
                    criteria: objective
                        .criteria
                        .into_iter()
                        .map(|c| CriterionDraft {
                            label: c.label,
                            target: c.target,
                        })
                        .collect(),
                });
            }
            axes.push(AxisDraft {
                id,
                title: axis.title,
                subtitle: axis.subtitle,
                objectives,
            });
        }
        let mut signatories = Vec::with_capacity(self.signatories.len());
        for (i, s) in self.signatories.into_iter().enumerate() {
            let index = i.to_string();
            let Some(party) = ids.party(
                s.centre_id.as_ref(),
                s.partner_id.as_ref(),
                s.federation,
                &["signatories", &index],
            ) else {
                continue;
            };
            signatories.push(SignatoryDraft {
                party,
                role: s.role.into(),
                signer_name: s.signer_name,
                signer_title: s.signer_title,
                signed_on: s.signed_on.map(|d| d.0),
            });
        }
        if !ids.errors.is_empty() {
            return Err(ids.errors);
        }
        Ok(PactDraft {
            kind: self.kind.into(),
            title: self.title,
            territory_id,
            start: self.start_date.0,
            end: self.end_date.0,
            sequence: self.sequence,
            predecessor_id,
            preamble: self.preamble,
            values: self.values,
            stakes: self.stakes,
            axes,
            signatories,
            consultations: self
                .consultations
                .into_iter()
                .map(|c| ConsultationDraft {
                    group: c.group,
                    people: c.people,
                    held_on: c.held_on.0,
                    summary: c.summary,
                })
                .collect(),
        })
    }
}
