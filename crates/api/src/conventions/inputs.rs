//! What clients send to write a convention. Ids of other objects are global ids; a funding line's id is the one
//! the convention shows, given back to keep the line (and its payments).

use async_graphql::{ID, InputObject};
use pactes_domain::agreement::AmendmentDraft;
use pactes_domain::conventions::{ConventionDraft, ConventionParty, FundingLineDraft, PaymentDraft};
use pactes_domain::{ActionSheetId, ConventionId, FundingLineId, PactId};

use super::enums::{ConventionKind, ConventionRole, ConventionStatus, FundingNature};
use crate::error::UserError;
use crate::inputs::{Ids, PartyInput};
use crate::node_kind::NodeKind;
use crate::scalars::{Date, Money};

#[derive(InputObject)]
pub struct ConventionPartyInput {
    pub party: PartyInput,
    pub role: ConventionRole,
}

#[derive(InputObject)]
pub struct FundingLineInput {
    /// The line's id, to keep a line the convention has (and its payments); left out for a new one.
    pub id: Option<ID>,
    pub funder: PartyInput,
    pub beneficiary: PartyInput,
    pub year: i32,
    pub nature: FundingNature,
    pub committed: Money,
    /// Payments may add up to more than the committed amount only when this is set.
    #[graphql(default)]
    pub overpayment_allowed: bool,
}

/// A convention's whole content; an update sends it whole too (what is left out is removed).
#[derive(InputObject)]
pub struct ConventionContentInput {
    pub kind: ConventionKind,
    /// The federation's own number for it, unique within the federation.
    pub reference: String,
    pub title: String,
    #[graphql(default)]
    pub objectives: Vec<String>,
    pub start_date: Date,
    pub end_date: Date,
    /// The convention this one renews.
    pub renews_id: Option<ID>,
    /// For an annex: the pact or charter it is attached to.
    pub pact_id: Option<ID>,
    /// For an annex: the action sheets of that pact it covers.
    #[graphql(default)]
    pub action_sheet_ids: Vec<ID>,
    #[graphql(default)]
    pub parties: Vec<ConventionPartyInput>,
    #[graphql(default)]
    pub lines: Vec<FundingLineInput>,
}

#[derive(InputObject)]
pub struct CreateConventionInput {
    pub content: ConventionContentInput,
}

#[derive(InputObject)]
pub struct UpdateConventionInput {
    pub id: ID,
    pub version: i64,
    pub content: ConventionContentInput,
}

#[derive(InputObject)]
pub struct TransitionConventionInput {
    pub id: ID,
    pub version: i64,
    /// `NEGOTIATION`, `DRAFT` (back from negotiation), `SIGNED` or `TERMINATED`; `ACTIVE` and `EXPIRED` follow
    /// from the dates and are refused.
    pub to: ConventionStatus,
    /// Why, for a termination.
    pub reason: Option<String>,
}

#[derive(InputObject)]
pub struct AmendConventionInput {
    pub id: ID,
    pub version: i64,
    pub dated: Date,
    pub description: String,
    /// The content as the amendment makes it, whole.
    pub content: ConventionContentInput,
}

impl AmendConventionInput {
    pub fn amendment(&self) -> AmendmentDraft {
        AmendmentDraft {
            dated: self.dated.0,
            description: self.description.clone(),
        }
    }
}

#[derive(InputObject)]
pub struct PaymentInput {
    /// The funding line paid (`FundingLine.id`).
    pub line_id: ID,
    pub paid_on: Date,
    pub amount: Money,
    /// The payer's own reference (a mandate number).
    pub reference: Option<String>,
    /// The same key is the same payment: a retried request records it once. A new key when left out.
    pub idempotency_key: Option<String>,
}

#[derive(InputObject)]
pub struct RecordPaymentsInput {
    pub convention_id: ID,
    /// The version read, to refuse payments against a convention that changed since; left out, payments are
    /// appended to whatever is current (payments commute; their keys keep them from counting twice).
    pub version: Option<i64>,
    pub payments: Vec<PaymentInput>,
}

impl ConventionContentInput {
    /// The draft, or the user errors of ids that name nothing; `at` is the input field holding the content.
    pub fn into_draft(self, at: &[&str]) -> Result<ConventionDraft, Vec<UserError>> {
        let mut ids = Ids { at, errors: Vec::new() };
        let renews = ids.global(
            self.renews_id.as_ref(),
            NodeKind::Convention,
            &["renewsId"],
            ConventionId::from_uuid,
        );
        let pact_id = ids.global(self.pact_id.as_ref(), NodeKind::Pact, &["pactId"], PactId::from_uuid);
        let action_sheets: Vec<ActionSheetId> = self
            .action_sheet_ids
            .iter()
            .enumerate()
            .filter_map(|(i, id)| {
                ids.global(
                    Some(id),
                    NodeKind::ActionSheet,
                    &["actionSheetIds", &i.to_string()],
                    ActionSheetId::from_uuid,
                )
            })
            .collect();
        let mut parties = Vec::with_capacity(self.parties.len());
        for (i, p) in self.parties.iter().enumerate() {
            if let Some(party) = p.party.party(&mut ids, &["parties", &i.to_string(), "party"]) {
                parties.push(ConventionParty {
                    party,
                    role: p.role.into(),
                });
            }
        }
        let mut lines = Vec::with_capacity(self.lines.len());
        for (i, l) in self.lines.iter().enumerate() {
            let index = i.to_string();
            let id = ids.part(l.id.as_ref(), &["lines", &index, "id"], FundingLineId::from_uuid);
            let funder = l.funder.party(&mut ids, &["lines", &index, "funder"]);
            let beneficiary = l.beneficiary.party(&mut ids, &["lines", &index, "beneficiary"]);
            if let (Some(funder), Some(beneficiary)) = (funder, beneficiary) {
                lines.push(FundingLineDraft {
                    id,
                    funder,
                    beneficiary,
                    year: l.year,
                    nature: l.nature.into(),
                    committed: l.committed.0,
                    overpayment_allowed: l.overpayment_allowed,
                });
            }
        }
        if !ids.errors.is_empty() {
            return Err(ids.errors);
        }
        Ok(ConventionDraft {
            kind: self.kind.into(),
            reference: self.reference,
            title: self.title,
            objectives: self.objectives,
            start: self.start_date.0,
            end: self.end_date.0,
            renews,
            pact_id,
            action_sheets,
            parties,
            lines,
        })
    }
}

impl RecordPaymentsInput {
    pub fn drafts(&self) -> Result<Vec<PaymentDraft>, Vec<UserError>> {
        let mut ids = Ids {
            at: &["input"],
            errors: Vec::new(),
        };
        let drafts: Vec<PaymentDraft> = self
            .payments
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let line = ids.part(
                    Some(&p.line_id),
                    &["payments", &i.to_string(), "lineId"],
                    FundingLineId::from_uuid,
                )?;
                Some(PaymentDraft {
                    line_id: line,
                    paid_on: p.paid_on.0,
                    amount: p.amount.0,
                    reference: p.reference.clone(),
                    idempotency_key: p.idempotency_key.clone(),
                })
            })
            .collect();
        if ids.errors.is_empty() {
            Ok(drafts)
        } else {
            Err(ids.errors)
        }
    }
}
