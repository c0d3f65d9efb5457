//! What clients send to write bodies, meetings and decisions. Ids of other objects are global ids; a member's id
//! is the one the body shows, given back to keep the seat (and its attendance and votes).

use async_graphql::{ID, InputObject};
use chrono::{DateTime, FixedOffset};
use pactes_domain::governance::{
    self as domain, AgendaItemDraft, AttendanceDraft, BodyDraft, Competence, Concern, DecisionContent, Designation,
    MeetingDraft, MemberDraft, Rules, Share, Votes,
};
use pactes_domain::{ActionSheetId, BodyId, ConventionId, MeetingId, MemberId, PactId};

use super::enums::{
    BodyKind, CalendarPeriod, Channel, Comparison, CompetenceScope, DecisionKind, DesignationRole, MajorityBase,
    MemberRole, Outcome, Presence, QuorumBasis, VoteChoice,
};
use crate::error::{UserError, UserErrorCode};
use crate::ids::decode;
use crate::inputs::{Ids, PartyInput};
use crate::node_kind::NodeKind;
use crate::scalars::Date;

#[derive(InputObject)]
pub struct MemberInput {
    /// The member's id, to keep a seat the body has; left out for a new one.
    pub id: Option<ID>,
    pub name: String,
    pub email: Option<String>,
    pub role: MemberRole,
    /// The centre, partner or federation the member sits for.
    pub represents: PartyInput,
    #[graphql(default = true)]
    pub voting: bool,
    pub college: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

#[derive(InputObject)]
pub struct DesignationInput {
    pub year: i32,
    pub role: DesignationRole,
    pub member_id: ID,
}

/// A body's whole content; an update sends it whole too (a member left out leaves the body).
#[derive(InputObject)]
pub struct BodyContentInput {
    pub kind: BodyKind,
    pub name: String,
    pub pact_id: Option<ID>,
    pub parent_id: Option<ID>,
    #[graphql(default)]
    pub members: Vec<MemberInput>,
    #[graphql(default)]
    pub designations: Vec<DesignationInput>,
}

#[derive(InputObject)]
pub struct CreateBodyInput {
    pub content: BodyContentInput,
}

#[derive(InputObject)]
pub struct UpdateBodyInput {
    pub id: ID,
    pub version: i64,
    pub content: BodyContentInput,
}

impl BodyContentInput {
    pub fn into_draft(self, at: &[&str]) -> Result<BodyDraft, Vec<UserError>> {
        let mut ids = Ids { at, errors: Vec::new() };
        let pact_id = ids.global(self.pact_id.as_ref(), NodeKind::Pact, &["pactId"], PactId::from_uuid);
        let parent_id = ids.global(
            self.parent_id.as_ref(),
            NodeKind::Body,
            &["parentId"],
            BodyId::from_uuid,
        );
        let mut members = Vec::with_capacity(self.members.len());
        for (i, m) in self.members.into_iter().enumerate() {
            let index = i.to_string();
            let id = ids.part(m.id.as_ref(), &["members", &index, "id"], MemberId::from_uuid);
            if let Some(represents) = m.represents.party(&mut ids, &["members", &index, "represents"]) {
                members.push(MemberDraft {
                    id,
                    name: m.name,
                    email: m.email,
                    role: m.role.into(),
                    represents,
                    voting: m.voting,
                    college: m.college,
                    from: m.from.map(|d| d.0),
                    to: m.to.map(|d| d.0),
                });
            }
        }
        let designations = self
            .designations
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let member = ids.part(
                    Some(&d.member_id),
                    &["designations", &i.to_string(), "memberId"],
                    MemberId::from_uuid,
                )?;
                Some(Designation {
                    year: d.year,
                    role: d.role.into(),
                    member,
                })
            })
            .collect();
        if !ids.errors.is_empty() {
            return Err(ids.errors);
        }
        Ok(BodyDraft {
            kind: self.kind.into(),
            name: self.name,
            pact_id,
            parent_id,
            members,
            designations,
        })
    }
}

/// Erases a person (a request under article 17 of the RGPD): they leave the body, and their name and address go
/// from past convocations and from the letters.
#[derive(InputObject)]
pub struct EraseMemberInput {
    pub body_id: ID,
    pub version: i64,
    pub member_id: ID,
}

#[derive(InputObject)]
pub struct ThresholdInput {
    pub comparison: Comparison,
    pub numerator: u32,
    pub denominator: u32,
}

#[derive(InputObject)]
pub struct FrequencyInput {
    pub meetings: u32,
    pub per: CalendarPeriod,
}

#[derive(InputObject)]
pub struct QuorumInput {
    pub threshold: ThresholdInput,
    pub counts: QuorumBasis,
    #[graphql(default)]
    pub waived_on_second_convocation: bool,
}

#[derive(InputObject)]
pub struct MajorityInput {
    pub threshold: ThresholdInput,
    pub base: MajorityBase,
}

#[derive(InputObject)]
pub struct KindMajorityInput {
    pub kind: DecisionKind,
    pub majority: MajorityInput,
}

/// A version of a body's rules. Leave out what the charter does not say: it stays unset, and is reported so.
#[derive(InputObject, Default)]
pub struct RulesInput {
    pub frequency: Option<FrequencyInput>,
    pub notice_days: Option<u32>,
    pub channel: Option<Channel>,
    pub quorum: Option<QuorumInput>,
    pub proxy_cap: Option<u32>,
    pub majority: Option<MajorityInput>,
    #[graphql(default)]
    pub majorities: Vec<KindMajorityInput>,
    pub casting_vote: Option<bool>,
    pub competence: Option<CompetenceScope>,
    /// For `VALIDATED_ACTIONS`: the body whose validations this one carries out.
    pub validating_body_id: Option<ID>,
}

#[derive(InputObject)]
pub struct AdoptRulebookInput {
    pub body_id: ID,
    pub version: i64,
    pub effective_from: Date,
    pub rules: RulesInput,
}

fn user_error(path: &[&str], code: UserErrorCode, message: impl Into<String>) -> UserError {
    UserError {
        field: path.iter().map(|s| s.to_string()).collect(),
        code,
        message: message.into(),
    }
}

impl ThresholdInput {
    fn threshold(&self, path: &[&str], errors: &mut Vec<UserError>) -> Option<domain::Threshold> {
        match Share::new(self.numerator, self.denominator) {
            Ok(share) => Some(domain::Threshold {
                comparison: self.comparison.into(),
                share,
            }),
            Err(e) => {
                errors.push(user_error(path, UserErrorCode::Validation, e.to_string()));
                None
            }
        }
    }
}

impl MajorityInput {
    fn majority(&self, path: &[&str], errors: &mut Vec<UserError>) -> Option<domain::Majority> {
        let mut at: Vec<&str> = path.to_vec();
        at.push("threshold");
        Some(domain::Majority {
            threshold: self.threshold.threshold(&at, errors)?,
            base: self.base.into(),
        })
    }
}

impl RulesInput {
    pub fn into_rules(self) -> Result<Rules, Vec<UserError>> {
        let mut errors = Vec::new();
        let at = ["input", "rules"];
        let quorum = self.quorum.as_ref().and_then(|q| {
            Some(domain::Quorum {
                threshold: q
                    .threshold
                    .threshold(&["input", "rules", "quorum", "threshold"], &mut errors)?,
                counts: q.counts.into(),
                waived_on_second_convocation: q.waived_on_second_convocation,
            })
        });
        let majority = self
            .majority
            .as_ref()
            .and_then(|m| m.majority(&["input", "rules", "majority"], &mut errors));
        let mut majorities = Vec::new();
        for (i, k) in self.majorities.iter().enumerate() {
            let index = i.to_string();
            if let Some(m) = k
                .majority
                .majority(&["input", "rules", "majorities", &index, "majority"], &mut errors)
            {
                majorities.push((k.kind.into(), m));
            }
        }
        let competence = match (self.competence, self.validating_body_id.as_ref()) {
            (None, None) => None,
            (Some(CompetenceScope::General), None) => Some(Competence::General),
            (Some(CompetenceScope::ValidatedActions), Some(id)) => match crate::ids::decode_as(id, NodeKind::Body) {
                Some(uuid) => Some(Competence::ValidatedActionsOf {
                    validating_body: BodyId::from_uuid(uuid),
                }),
                None => {
                    errors.push(user_error(
                        &["input", "rules", "validatingBodyId"],
                        UserErrorCode::NotFound,
                        "no such body in your federation",
                    ));
                    None
                }
            },
            _ => {
                errors.push(user_error(
                    &at,
                    UserErrorCode::Validation,
                    "validatingBodyId goes with competence VALIDATED_ACTIONS, and only with it",
                ));
                None
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Rules {
            frequency: self.frequency.map(|f| domain::Frequency {
                meetings: f.meetings,
                per: f.per.into(),
            }),
            notice_days: self.notice_days,
            channel: self.channel.map(Into::into),
            quorum,
            proxy_cap: self.proxy_cap,
            majority,
            majorities,
            casting_vote: self.casting_vote,
            competence,
        })
    }
}

#[derive(InputObject)]
pub struct AgendaItemInput {
    pub title: String,
    pub description: Option<String>,
}

#[derive(InputObject)]
pub struct MeetingContentInput {
    pub body_id: ID,
    /// When it begins, with the offset of the place it is held in (`2027-03-11T18:00:00+01:00`): its day is that
    /// place's day, which the notice is counted to.
    pub starts_at: DateTime<FixedOffset>,
    pub place: Option<String>,
    pub video_link: Option<String>,
    #[graphql(default)]
    pub agenda: Vec<AgendaItemInput>,
    /// The meeting without quorum this one is convened again for.
    pub second_convocation_of: Option<ID>,
}

impl MeetingContentInput {
    pub fn into_draft(self, at: &[&str]) -> Result<MeetingDraft, Vec<UserError>> {
        let mut ids = Ids { at, errors: Vec::new() };
        let body = ids.global(Some(&self.body_id), NodeKind::Body, &["bodyId"], BodyId::from_uuid);
        let second = ids.global(
            self.second_convocation_of.as_ref(),
            NodeKind::Meeting,
            &["secondConvocationOf"],
            MeetingId::from_uuid,
        );
        let Some(body_id) = body.filter(|_| ids.errors.is_empty()) else {
            return Err(ids.errors);
        };
        Ok(MeetingDraft {
            body_id,
            starts_at: self.starts_at,
            place: self.place,
            video_link: self.video_link,
            agenda: self
                .agenda
                .into_iter()
                .map(|a| AgendaItemDraft {
                    title: a.title,
                    description: a.description,
                })
                .collect(),
            second_convocation_of: second,
        })
    }
}

#[derive(InputObject)]
pub struct PlanMeetingInput {
    pub content: MeetingContentInput,
}

#[derive(InputObject)]
pub struct UpdateMeetingInput {
    pub id: ID,
    pub version: i64,
    pub content: MeetingContentInput,
}

#[derive(InputObject)]
pub struct ConveneMeetingInput {
    pub id: ID,
    pub version: i64,
    /// Sends it later than the rulebook's notice, for this reason (refused with `NOTICE_TOO_SHORT` otherwise).
    pub urgent_reason: Option<String>,
}

#[derive(InputObject)]
pub struct AttendanceInput {
    pub member_id: ID,
    pub presence: Presence,
    /// For a represented member: the member present who holds the proxy.
    pub proxy_id: Option<ID>,
}

#[derive(InputObject)]
pub struct HoldMeetingInput {
    pub id: ID,
    pub version: i64,
    /// Who attended; a member left out was absent.
    pub attendance: Vec<AttendanceInput>,
    pub chair_id: Option<ID>,
    pub secretary_id: Option<ID>,
}

impl HoldMeetingInput {
    pub fn holding(&self) -> Result<domain::Holding, Vec<UserError>> {
        let mut ids = Ids {
            at: &["input"],
            errors: Vec::new(),
        };
        let attendance = self
            .attendance
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let index = i.to_string();
                let member = ids.part(
                    Some(&a.member_id),
                    &["attendance", &index, "memberId"],
                    MemberId::from_uuid,
                )?;
                let proxy = ids.part(
                    a.proxy_id.as_ref(),
                    &["attendance", &index, "proxyId"],
                    MemberId::from_uuid,
                );
                Some(AttendanceDraft {
                    member,
                    presence: a.presence.into(),
                    proxy,
                })
            })
            .collect();
        let chair = ids.part(self.chair_id.as_ref(), &["chairId"], MemberId::from_uuid);
        let secretary = ids.part(self.secretary_id.as_ref(), &["secretaryId"], MemberId::from_uuid);
        if !ids.errors.is_empty() {
            return Err(ids.errors);
        }
        Ok(domain::Holding {
            attendance,
            chair,
            secretary,
        })
    }
}

#[derive(InputObject)]
pub struct DraftMinutesInput {
    pub id: ID,
    pub version: i64,
    pub text: String,
}

#[derive(InputObject)]
pub struct CancelMeetingInput {
    pub id: ID,
    pub version: i64,
    pub reason: Option<String>,
}

#[derive(InputObject)]
pub struct NamedVoteInput {
    pub member_id: ID,
    pub choice: VoteChoice,
}

/// A show of hands.
#[derive(InputObject)]
pub struct VoteCountsInput {
    #[graphql(name = "for")]
    pub for_: u32,
    pub against: u32,
    #[graphql(default)]
    pub abstain: u32,
    /// The chair's own choice, where a casting vote may need it.
    pub chair: Option<VoteChoice>,
}

#[derive(InputObject)]
pub struct RecordDecisionInput {
    pub meeting_id: ID,
    /// The agenda item's position, from 0.
    pub agenda_item: Option<u32>,
    pub kind: DecisionKind,
    pub text: String,
    /// The votes by name (one of `namedVotes` and `counts`).
    pub named_votes: Option<Vec<NamedVoteInput>>,
    pub counts: Option<VoteCountsInput>,
    /// What it concerns: ids of action sheets, conventions, pacts, or (for a minutes approval) one earlier meeting.
    #[graphql(default)]
    pub concerns: Vec<ID>,
    /// The outcome the meeting states, only where the rulebook sets no majority for this kind of decision.
    pub outcome: Option<Outcome>,
}

impl RecordDecisionInput {
    pub fn content(&self) -> Result<(DecisionContent, Option<domain::Outcome>), Vec<UserError>> {
        let mut ids = Ids {
            at: &["input"],
            errors: Vec::new(),
        };
        let meeting = ids.global(
            Some(&self.meeting_id),
            NodeKind::Meeting,
            &["meetingId"],
            MeetingId::from_uuid,
        );
        let votes = match (&self.named_votes, &self.counts) {
            (Some(named), None) => Some(Votes::Named(
                named
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| {
                        let member = ids.part(
                            Some(&v.member_id),
                            &["namedVotes", &i.to_string(), "memberId"],
                            MemberId::from_uuid,
                        )?;
                        Some((member, v.choice.into()))
                    })
                    .collect(),
            )),
            (None, Some(c)) => Some(Votes::Counts {
                for_: c.for_,
                against: c.against,
                abstain: c.abstain,
                chair: c.chair.map(Into::into),
            }),
            _ => {
                ids.errors.push(user_error(
                    &["input", "counts"],
                    UserErrorCode::Validation,
                    "give the votes by name (namedVotes) or counted (counts), one of them",
                ));
                None
            }
        };
        let mut concerns = Vec::with_capacity(self.concerns.len());
        for (i, id) in self.concerns.iter().enumerate() {
            let concern = match decode(id) {
                Some((NodeKind::ActionSheet, uuid)) => Some(Concern::ActionSheet(ActionSheetId::from_uuid(uuid))),
                Some((NodeKind::Convention, uuid)) => Some(Concern::Convention(ConventionId::from_uuid(uuid))),
                Some((NodeKind::Pact, uuid)) => Some(Concern::Pact(PactId::from_uuid(uuid))),
                Some((NodeKind::Meeting, uuid)) => Some(Concern::Meeting(MeetingId::from_uuid(uuid))),
                _ => None,
            };
            match concern {
                Some(c) => concerns.push(c),
                None => ids.errors.push(user_error(
                    &["input", "concerns", &i.to_string()],
                    UserErrorCode::NotFound,
                    "an id of an action sheet, a convention, a pact or a meeting",
                )),
            }
        }
        match (meeting, votes) {
            (Some(meeting_id), Some(votes)) if ids.errors.is_empty() => Ok((
                DecisionContent {
                    meeting_id,
                    agenda_item: self.agenda_item,
                    kind: self.kind.into(),
                    text: self.text.clone(),
                    votes,
                    concerns,
                },
                self.outcome.map(Into::into),
            )),
            _ => Err(ids.errors),
        }
    }
}
