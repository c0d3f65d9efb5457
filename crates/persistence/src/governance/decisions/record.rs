//! A decision as a tenant record: its row, its named votes and what it concerns. A decision is written once and
//! never rewritten (a later meeting's decision corrects it). No partner's scope reads a decision.

use pactes_domain::governance::{
    Concern, DecisionContent, DecisionData, DecisionKind, Outcome, OutcomeBasis, Reckoning, Tally, VoteChoice, Votes,
};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{
    ActionSheetId, BodyId, ConventionId, DecisionId, FederationId, MeetingId, MemberId, PactId, Scope,
};
use sea_orm::{Condition, ConnectionTrait, Set};
use uuid::Uuid;

use super::entity::{ActiveModel, Entity, Model};
use super::parts::{concerns, votes};
use crate::error::{corrupt, decode_code};
use crate::governance::bodies::{majority, threshold_columns};
use crate::tenant::{PartsById, TenantRecord, insert_children, load_children, stored_meta, take_parts};

#[derive(Default)]
pub(crate) struct DecisionParts {
    votes: PartsById<votes::Model>,
    concerns: PartsById<concerns::Model>,
}

fn unsigned(value: i32) -> RepositoryResult<u32> {
    u32::try_from(value).map_err(|_| corrupt("decisions: a negative count"))
}

fn concern(row: &concerns::Model) -> RepositoryResult<Concern> {
    match (row.action_sheet_id, row.convention_id, row.pact_id, row.meeting_id) {
        (Some(id), None, None, None) => Ok(Concern::ActionSheet(ActionSheetId::from_uuid(id))),
        (None, Some(id), None, None) => Ok(Concern::Convention(ConventionId::from_uuid(id))),
        (None, None, Some(id), None) => Ok(Concern::Pact(PactId::from_uuid(id))),
        (None, None, None, Some(id)) => Ok(Concern::Meeting(MeetingId::from_uuid(id))),
        _ => Err(corrupt("decision_concerns: not exactly one object")),
    }
}

impl TenantRecord for DecisionData {
    type Table = Entity;
    type Parts = DecisionParts;

    fn from_row(row: Model, parts: &mut DecisionParts) -> RepositoryResult<Record<DecisionId, DecisionData>> {
        let id = row.id;
        let votes = match row.votes_mode.as_str() {
            "NAMED" => Votes::Named(
                take_parts(&mut parts.votes, id)
                    .into_iter()
                    .map(|v| {
                        Ok((
                            MemberId::from_uuid(v.member_id),
                            decode_code::<VoteChoice>("decision_votes.choice", &v.choice)?,
                        ))
                    })
                    .collect::<RepositoryResult<Vec<_>>>()?,
            ),
            "COUNTS" => Votes::Counts {
                for_: unsigned(row.votes_for)?,
                against: unsigned(row.votes_against)?,
                abstain: unsigned(row.votes_abstain)?,
                chair: row
                    .chair_vote
                    .as_deref()
                    .map(|c| decode_code::<VoteChoice>("decisions.chair_vote", c))
                    .transpose()?,
            },
            other => return Err(corrupt(format!("decisions.votes_mode: unknown code {other}"))),
        };
        let concerns = take_parts(&mut parts.concerns, id)
            .iter()
            .map(concern)
            .collect::<RepositoryResult<Vec<_>>>()?;
        let majority = majority(
            "decisions",
            row.majority_comparison,
            row.majority_numerator,
            row.majority_denominator,
            row.majority_base,
        )?;
        Ok(Record {
            id: DecisionId::from_uuid(id),
            federation_id: FederationId::from_uuid(row.federation_id),
            data: DecisionData {
                content: DecisionContent {
                    meeting_id: MeetingId::from_uuid(row.meeting_id),
                    agenda_item: row.agenda_item.map(unsigned).transpose()?,
                    kind: decode_code::<DecisionKind>("decisions.kind", &row.kind)?,
                    text: row.text,
                    votes,
                    concerns,
                },
                body_id: BodyId::from_uuid(row.body_id),
                rulebook_version: row.rulebook_version.map(unsigned).transpose()?,
                tally: Tally {
                    for_: unsigned(row.votes_for)?,
                    against: unsigned(row.votes_against)?,
                    abstain: unsigned(row.votes_abstain)?,
                },
                outcome: decode_code::<Outcome>("decisions.outcome", &row.outcome)?,
                reckoning: Reckoning {
                    basis: decode_code::<OutcomeBasis>("decisions.basis", &row.basis)?,
                    majority,
                    base: row.base.map(unsigned).transpose()?,
                    required: row.required.map(unsigned).transpose()?,
                    casting_vote_used: row.casting_vote_used,
                },
            },
            meta: stored_meta(row.version, row.created_at, row.updated_at, row.archived_at),
        })
    }

    fn to_row(decision: &Record<DecisionId, DecisionData>) -> ActiveModel {
        let d = &decision.data;
        let c = &d.content;
        let int = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
        let (mode, chair) = match &c.votes {
            Votes::Named(_) => ("NAMED", None),
            Votes::Counts { chair, .. } => ("COUNTS", chair.map(|c| c.code().to_owned())),
        };
        let (comparison, numerator, denominator) = threshold_columns(d.reckoning.majority.map(|m| m.threshold));
        ActiveModel {
            id: Set(decision.id.as_uuid()),
            federation_id: Set(decision.federation_id.as_uuid()),
            body_id: Set(d.body_id.as_uuid()),
            meeting_id: Set(c.meeting_id.as_uuid()),
            agenda_item: Set(c.agenda_item.map(int)),
            kind: Set(c.kind.code().to_owned()),
            text: Set(c.text.clone()),
            votes_mode: Set(mode.to_owned()),
            votes_for: Set(int(d.tally.for_)),
            votes_against: Set(int(d.tally.against)),
            votes_abstain: Set(int(d.tally.abstain)),
            chair_vote: Set(chair),
            outcome: Set(d.outcome.code().to_owned()),
            basis: Set(d.reckoning.basis.code().to_owned()),
            rulebook_version: Set(d.rulebook_version.map(int)),
            majority_comparison: Set(comparison),
            majority_numerator: Set(numerator),
            majority_denominator: Set(denominator),
            majority_base: Set(d.reckoning.majority.map(|m| m.base.code().to_owned())),
            base: Set(d.reckoning.base.map(int)),
            required: Set(d.reckoning.required.map(int)),
            casting_vote_used: Set(d.reckoning.casting_vote_used),
            version: Set(decision.meta.version),
            created_at: Set(decision.meta.created_at),
            updated_at: Set(decision.meta.updated_at),
            archived_at: Set(decision.meta.archived_at),
        }
    }

    fn row_id(row: &Model) -> Uuid {
        row.id
    }

    async fn load_parts(db: &impl ConnectionTrait, scope: &Scope, ids: &[Uuid]) -> RepositoryResult<DecisionParts> {
        Ok(DecisionParts {
            votes: load_children::<votes::Entity>(db, scope, ids).await?,
            concerns: load_children::<concerns::Entity>(db, scope, ids).await?,
        })
    }

    /// Written once, with the decision.
    async fn write_parts(
        db: &impl ConnectionTrait,
        previous: Option<&DecisionData>,
        decision: &Record<DecisionId, DecisionData>,
    ) -> RepositoryResult<()> {
        if previous.is_some() {
            return Ok(());
        }
        let (federation, parent) = (decision.federation_id.as_uuid(), decision.id.as_uuid());
        let position = |i: usize| i32::try_from(i).unwrap_or(i32::MAX);
        if let Votes::Named(named) = &decision.data.content.votes {
            let rows = named
                .iter()
                .enumerate()
                .map(|(i, (member, choice))| votes::ActiveModel {
                    federation_id: Set(federation),
                    decision_id: Set(parent),
                    position: Set(position(i)),
                    member_id: Set(member.as_uuid()),
                    choice: Set(choice.code().to_owned()),
                })
                .collect();
            insert_children::<votes::Entity, _>(db, rows).await?;
        }
        let rows = decision
            .data
            .content
            .concerns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pick = |wanted: fn(&Concern) -> Option<Uuid>| Set(wanted(c));
                concerns::ActiveModel {
                    federation_id: Set(federation),
                    decision_id: Set(parent),
                    position: Set(position(i)),
                    action_sheet_id: pick(|c| match c {
                        Concern::ActionSheet(id) => Some(id.as_uuid()),
                        _ => None,
                    }),
                    convention_id: pick(|c| match c {
                        Concern::Convention(id) => Some(id.as_uuid()),
                        _ => None,
                    }),
                    pact_id: pick(|c| match c {
                        Concern::Pact(id) => Some(id.as_uuid()),
                        _ => None,
                    }),
                    meeting_id: pick(|c| match c {
                        Concern::Meeting(id) => Some(id.as_uuid()),
                        _ => None,
                    }),
                }
            })
            .collect();
        insert_children::<concerns::Entity, _>(db, rows).await
    }

    fn visible_to(scope: &Scope) -> Option<Condition> {
        super::super::hidden_from_partners(scope)
    }

    async fn check_references(
        db: &impl ConnectionTrait,
        tenant: FederationId,
        _id: Uuid,
        previous: Option<&DecisionData>,
        data: &DecisionData,
    ) -> RepositoryResult<()> {
        if previous.is_some() {
            return Ok(());
        }
        super::super::references::check_decision(db, tenant, data).await
    }
}
