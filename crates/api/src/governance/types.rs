//! Bodies, meetings and decisions on the wire. Pages give them without their parts; a field that shows parts
//! (members, agenda, attendance, votes) reads the record whole, in one batch for every record of the response.
//! A member's name and e-mail address are personal data: federation staff and administrators read them.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, FixedOffset, Utc};
use pactes_domain::conventions::ConventionData;
use pactes_domain::governance::{self as domain, BodyData, DecisionData, MeetingData};
use pactes_domain::pacts::{ActionSheetData, PactData};
use pactes_domain::{BodyId, FederationId, MemberId, Permission};

use super::enums::{
    BodyKind, CalendarPeriod, Channel, Comparison, CompetenceScope, DecisionKind, DesignationRole, MajorityBase,
    MeetingStatus, MemberRole, Outcome, OutcomeBasis, Presence, QuorumBasis, RuleName, VoteChoice,
};
use crate::context::{caller, load_record, whole_record};
use crate::conventions::Convention;
use crate::error::ErrorCode;
use crate::ids::encode;
use crate::node_kind::{NodeKind, NodeObject};
use crate::pacts::{ActionSheet, Pact, Party, load_party};
use crate::record::Record;
use crate::scalars::Date;

fn personal_data(ctx: &Context<'_>) -> async_graphql::Result<()> {
    if caller(ctx)?.can(Permission::ReadPersonalData) {
        Ok(())
    } else {
        Err(ErrorCode::Forbidden.error("members' names and addresses are personal data: federation staff read them"))
    }
}

fn member_id(id: MemberId) -> ID {
    ID(id.to_string())
}

/// A governance body (*instance*): a council, a collective, a board, an assembly, a pact's steering committee.
pub struct Body(pub domain::Body);

impl Body {
    async fn whole(&self, ctx: &Context<'_>) -> async_graphql::Result<domain::Body> {
        whole_record::<BodyData>(ctx, self.0.id).await
    }
}

#[Object]
impl Body {
    pub async fn id(&self) -> ID {
        encode(NodeKind::Body, self.0.id.as_uuid())
    }
    async fn kind(&self) -> BodyKind {
        self.0.data.content.kind.into()
    }
    async fn name(&self) -> &str {
        self.0.data.content.name.as_str()
    }
    /// The pact or charter that sets it up.
    async fn pact(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Pact>> {
        let Some(id) = self.0.data.content.pact_id else {
            return Ok(None);
        };
        Ok(load_record::<PactData>(ctx, id).await?.map(Pact))
    }
    /// The body it reports to.
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Body>> {
        let Some(id) = self.0.data.content.parent_id else {
            return Ok(None);
        };
        Ok(load_record::<BodyData>(ctx, id).await?.map(Body))
    }
    #[graphql(complexity = "crate::pagination::PART_LIST_COST * child_complexity")]
    async fn members(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Member>> {
        let whole = self.whole(ctx).await?;
        let federation = whole.federation_id;
        Ok(whole
            .data
            .content
            .members
            .into_iter()
            .map(|m| Member(m, federation))
            .collect())
    }
    /// The yearly designations: chair, facilitating director, secretary.
    async fn designations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Designation>> {
        let whole = self.whole(ctx).await?;
        Ok(whole
            .data
            .content
            .designations
            .iter()
            .map(|d| Designation {
                year: d.year,
                role: d.role.into(),
                member_id: member_id(d.member),
            })
            .collect())
    }
    /// Every version of its rules, the first first.
    async fn rulebooks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Rulebook>> {
        Ok(self
            .whole(ctx)
            .await?
            .data
            .rulebooks
            .into_iter()
            .map(Rulebook)
            .collect())
    }
    /// The rules in force on `on` (today when left out); null when the body had none then.
    async fn rulebook(&self, ctx: &Context<'_>, on: Option<Date>) -> async_graphql::Result<Option<Rulebook>> {
        let day = on.map_or_else(crate::record::today, |d| d.0);
        Ok(self.whole(ctx).await?.data.rulebook_on(day).cloned().map(Rulebook))
    }
    #[graphql(flatten)]
    async fn record(&self) -> Record {
        Record::from(&self.0.meta)
    }
}

impl NodeObject for Body {
    async fn load(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Option<Self>> {
        Ok(load_record::<BodyData>(ctx, BodyId::from_uuid(id)).await?.map(Body))
    }
}

/// A seat on a body, held by one person.
pub struct Member(domain::Member, FederationId);

#[Object]
impl Member {
    /// Stable across edits of the body; attendance, proxies and votes name it.
    async fn id(&self) -> ID {
        member_id(self.0.id)
    }
    /// Personal data.
    async fn name(&self, ctx: &Context<'_>) -> async_graphql::Result<&str> {
        personal_data(ctx)?;
        Ok(self.0.name.as_str())
    }
    /// Personal data.
    async fn email(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        personal_data(ctx)?;
        Ok(self.0.email.as_ref().map(|e| e.as_str()))
    }
    async fn role(&self) -> MemberRole {
        self.0.role.into()
    }
    /// The centre, partner or federation the member sits for.
    async fn represents(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Party>> {
        load_party(ctx, self.0.represents, self.1).await
    }
    async fn voting(&self) -> bool {
        self.0.voting
    }
    /// Its *collège*, where the rules use them.
    async fn college(&self) -> Option<&str> {
        self.0.college.as_ref().map(|c| c.as_str())
    }
    async fn from(&self) -> Option<Date> {
        self.0.from.map(Date)
    }
    async fn to(&self) -> Option<Date> {
        self.0.to.map(Date)
    }
}

#[derive(SimpleObject)]
pub struct Designation {
    pub year: i32,
    pub role: DesignationRole,
    pub member_id: ID,
}

/// "More than 1/2", "at least 2/3".
#[derive(SimpleObject)]
pub struct Threshold {
    pub comparison: Comparison,
    pub numerator: u32,
    pub denominator: u32,
}

impl From<domain::Threshold> for Threshold {
    fn from(t: domain::Threshold) -> Threshold {
        Threshold {
            comparison: t.comparison.into(),
            numerator: t.share.numerator(),
            denominator: t.share.denominator(),
        }
    }
}

#[derive(SimpleObject)]
pub struct Frequency {
    pub meetings: u32,
    pub per: CalendarPeriod,
}

#[derive(SimpleObject)]
pub struct Quorum {
    pub threshold: Threshold,
    pub counts: QuorumBasis,
    pub waived_on_second_convocation: bool,
}

#[derive(SimpleObject)]
pub struct Majority {
    pub threshold: Threshold,
    pub base: MajorityBase,
}

impl From<domain::Majority> for Majority {
    fn from(m: domain::Majority) -> Majority {
        Majority {
            threshold: m.threshold.into(),
            base: m.base.into(),
        }
    }
}

#[derive(SimpleObject)]
pub struct KindMajority {
    pub kind: DecisionKind,
    pub majority: Majority,
}

/// A version of a body's rules. A rule its charter leaves out is null, and listed in `unset`.
pub struct Rulebook(domain::Rulebook);

#[Object]
impl Rulebook {
    async fn version(&self) -> u32 {
        self.0.version
    }
    async fn effective_from(&self) -> Date {
        Date(self.0.effective_from)
    }
    /// At least this many meetings held in every period.
    async fn frequency(&self) -> Option<Frequency> {
        self.0.rules.frequency.map(|f| Frequency {
            meetings: f.meetings,
            per: f.per.into(),
        })
    }
    /// The fewest days from the day a convocation is sent to the day of the meeting.
    async fn notice_days(&self) -> Option<u32> {
        self.0.rules.notice_days
    }
    async fn channel(&self) -> Option<Channel> {
        self.0.rules.channel.map(Into::into)
    }
    async fn quorum(&self) -> Option<Quorum> {
        self.0.rules.quorum.map(|q| Quorum {
            threshold: q.threshold.into(),
            counts: q.counts.into(),
            waived_on_second_convocation: q.waived_on_second_convocation,
        })
    }
    /// The most votes one member may hold, their own included.
    async fn proxy_cap(&self) -> Option<u32> {
        self.0.rules.proxy_cap
    }
    /// The majority of a decision whose kind has none of its own.
    async fn majority(&self) -> Option<Majority> {
        self.0.rules.majority.map(Into::into)
    }
    async fn majorities(&self) -> Vec<KindMajority> {
        self.0
            .rules
            .majorities
            .iter()
            .map(|(kind, m)| KindMajority {
                kind: (*kind).into(),
                majority: (*m).into(),
            })
            .collect()
    }
    /// Whether the chair's vote breaks a tie.
    async fn casting_vote(&self) -> Option<bool> {
        self.0.rules.casting_vote
    }
    async fn competence(&self) -> Option<CompetenceScope> {
        self.0.rules.competence.map(|c| c.scope().into())
    }
    /// For `VALIDATED_ACTIONS`: the body whose validations this one carries out.
    async fn validating_body(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Body>> {
        let Some(domain::Competence::ValidatedActionsOf { validating_body }) = self.0.rules.competence else {
            return Ok(None);
        };
        Ok(load_record::<BodyData>(ctx, validating_body).await?.map(Body))
    }
    /// The rules this version leaves unset: reported, never given a default.
    async fn unset(&self) -> Vec<RuleName> {
        self.0.rules.unset().into_iter().map(Into::into).collect()
    }
}

/// A meeting of a body.
pub struct Meeting(pub domain::Meeting);

impl Meeting {
    async fn whole(&self, ctx: &Context<'_>) -> async_graphql::Result<domain::Meeting> {
        whole_record::<MeetingData>(ctx, self.0.id).await
    }
}

#[derive(SimpleObject)]
pub struct AgendaItem {
    pub title: String,
    pub description: Option<String>,
}

#[derive(SimpleObject)]
pub struct Attendance {
    pub member_id: ID,
    pub presence: Presence,
    /// For a represented member: who holds the proxy.
    pub proxy_id: Option<ID>,
}

/// The quorum as counted when the meeting was held.
#[derive(SimpleObject)]
pub struct QuorumCount {
    pub voting_members: u32,
    pub present: u32,
    pub represented: u32,
    /// Null when the rulebook sets no quorum.
    pub required: Option<u32>,
    pub reached: bool,
    /// Reached only because a second convocation waives it.
    pub waived: bool,
}

/// The convocation as it was sent.
pub struct Convocation(domain::Convocation, pactes_domain::MeetingId);

/// Where one recipient's letter stands.
#[derive(SimpleObject)]
pub struct Delivery {
    pub member_id: ID,
    /// The address it goes to. Personal data.
    pub recipient: String,
    pub sent: bool,
    pub attempts: u32,
    pub sent_at: Option<DateTime<Utc>>,
    /// When it is tried again, while not sent.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed (the mail server refused it, or could not be reached).
    pub last_error: Option<String>,
}

#[Object]
impl Convocation {
    /// Whether this server sends the letters (a mail server is configured); if not, they wait in the outbox.
    async fn sending(&self, ctx: &Context<'_>) -> bool {
        crate::context::request(ctx).mail_sending
    }
    /// Each recipient's letter by e-mail, sent or waiting (none for a body convened by post, or a member
    /// without an address). Personal data.
    async fn deliveries(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Delivery>> {
        personal_data(ctx)?;
        let scope = crate::context::read_scope(ctx, pactes_domain::Area::Governance)?;
        let found = crate::context::request(ctx)
            .db
            .deliveries(&scope, self.1)
            .await
            .map_err(crate::error::internal)?;
        Ok(found
            .into_iter()
            .map(|d| Delivery {
                member_id: member_id(d.member),
                recipient: d.recipient,
                sent: d.sent,
                attempts: d.attempts,
                sent_at: d.sent_at,
                next_attempt_at: (!d.sent).then_some(d.next_attempt_at),
                last_error: d.last_error,
            })
            .collect())
    }
    async fn sent_at(&self) -> DateTime<Utc> {
        self.0.sent_at
    }
    /// Whole days from the day it was sent to the day of the meeting.
    async fn days_ahead(&self) -> i64 {
        self.0.days_ahead
    }
    /// Sent later than the rulebook's notice, for this reason.
    async fn urgent_reason(&self) -> Option<&str> {
        self.0.urgent_reason.as_deref()
    }
    async fn recipient_count(&self) -> usize {
        self.0.recipients.len()
    }
    /// Who it went to, as they were on the body then. Personal data.
    async fn recipients(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Recipient>> {
        personal_data(ctx)?;
        Ok(self
            .0
            .recipients
            .iter()
            .map(|r| Recipient {
                member_id: member_id(r.member),
                name: r.name.as_str().to_owned(),
                email: r.email.as_ref().map(|e| e.as_str().to_owned()),
            })
            .collect())
    }
}

#[derive(SimpleObject)]
pub struct Recipient {
    pub member_id: ID,
    pub name: String,
    pub email: Option<String>,
}

#[derive(SimpleObject)]
pub struct Minutes {
    pub text: String,
    /// The decision of a later meeting that approved them.
    pub approved_by_id: Option<ID>,
}

#[Object]
impl Meeting {
    pub async fn id(&self) -> ID {
        encode(NodeKind::Meeting, self.0.id.as_uuid())
    }
    async fn body(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Body>> {
        Ok(load_record::<BodyData>(ctx, self.0.data.content.body_id)
            .await?
            .map(Body))
    }
    /// When it begins, with the offset of the place it is held in.
    async fn starts_at(&self) -> DateTime<FixedOffset> {
        self.0.data.content.starts_at
    }
    async fn place(&self) -> Option<&str> {
        self.0.data.content.place.as_ref().map(|p| p.as_str())
    }
    async fn video_link(&self) -> Option<String> {
        self.0.data.content.video_link.as_ref().map(ToString::to_string)
    }
    async fn status(&self) -> MeetingStatus {
        self.0.data.status.into()
    }
    /// The rulebook version it is held under.
    async fn rulebook_version(&self) -> Option<u32> {
        self.0.data.rulebook_version
    }
    /// The meeting without quorum this one is convened again for.
    async fn second_convocation_of(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Meeting>> {
        let Some(id) = self.0.data.content.second_convocation_of else {
            return Ok(None);
        };
        Ok(load_record::<MeetingData>(ctx, id).await?.map(Meeting))
    }
    #[graphql(complexity = "crate::pagination::PART_LIST_COST * child_complexity")]
    async fn agenda(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AgendaItem>> {
        Ok(self
            .whole(ctx)
            .await?
            .data
            .content
            .agenda
            .into_iter()
            .map(|a| AgendaItem {
                title: a.title.as_str().to_owned(),
                description: a.description,
            })
            .collect())
    }
    async fn convocation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Convocation>> {
        let id = self.0.id;
        Ok(self.whole(ctx).await?.data.convocation.map(|c| Convocation(c, id)))
    }
    #[graphql(complexity = "crate::pagination::PART_LIST_COST * child_complexity")]
    async fn attendance(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Attendance>> {
        Ok(self
            .whole(ctx)
            .await?
            .data
            .attendance
            .iter()
            .map(|a| Attendance {
                member_id: member_id(a.member),
                presence: a.presence.into(),
                proxy_id: a.proxy.map(member_id),
            })
            .collect())
    }
    async fn quorum(&self) -> Option<QuorumCount> {
        self.0.data.quorum.map(|q| QuorumCount {
            voting_members: q.voting_members,
            present: q.present,
            represented: q.represented,
            required: q.required,
            reached: q.reached,
            waived: q.waived,
        })
    }
    async fn chair_id(&self) -> Option<ID> {
        self.0.data.chair.map(member_id)
    }
    async fn secretary_id(&self) -> Option<ID> {
        self.0.data.secretary.map(member_id)
    }
    /// The minutes (*compte rendu*), once drafted. They name people: personal data.
    async fn minutes(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Minutes>> {
        let Some(minutes) = &self.0.data.minutes else {
            return Ok(None);
        };
        personal_data(ctx)?;
        Ok(Some(Minutes {
            text: minutes.text.clone(),
            approved_by_id: minutes.approved_by.map(|d| encode(NodeKind::Decision, d.as_uuid())),
        }))
    }
    async fn cancellation_reason(&self) -> Option<&str> {
        self.0.data.cancellation_reason.as_deref()
    }
    #[graphql(flatten)]
    async fn record(&self) -> Record {
        Record::from(&self.0.meta)
    }
}

impl NodeObject for Meeting {
    async fn load(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Option<Self>> {
        Ok(load_record::<MeetingData>(ctx, pactes_domain::MeetingId::from_uuid(id))
            .await?
            .map(Meeting))
    }
}

/// A decision taken at a meeting, its outcome reckoned by the rulebook the meeting was held under.
pub struct Decision(pub domain::Decision);

#[derive(SimpleObject)]
pub struct Tally {
    #[graphql(name = "for")]
    pub for_: u32,
    pub against: u32,
    pub abstain: u32,
}

#[derive(SimpleObject)]
pub struct NamedVote {
    pub member_id: ID,
    pub choice: VoteChoice,
}

/// What a decision concerns: one of these is set.
#[derive(Default)]
pub struct Concern(Option<domain::Concern>);

#[Object]
impl Concern {
    async fn action_sheet(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<ActionSheet>> {
        let Some(domain::Concern::ActionSheet(id)) = self.0 else {
            return Ok(None);
        };
        Ok(load_record::<ActionSheetData>(ctx, id).await?.map(ActionSheet::whole))
    }
    async fn convention(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Convention>> {
        let Some(domain::Concern::Convention(id)) = self.0 else {
            return Ok(None);
        };
        Ok(load_record::<ConventionData>(ctx, id).await?.map(Convention))
    }
    async fn pact(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Pact>> {
        let Some(domain::Concern::Pact(id)) = self.0 else {
            return Ok(None);
        };
        Ok(load_record::<PactData>(ctx, id).await?.map(Pact))
    }
    async fn meeting(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Meeting>> {
        let Some(domain::Concern::Meeting(id)) = self.0 else {
            return Ok(None);
        };
        Ok(load_record::<MeetingData>(ctx, id).await?.map(Meeting))
    }
}

#[Object]
impl Decision {
    pub async fn id(&self) -> ID {
        encode(NodeKind::Decision, self.0.id.as_uuid())
    }
    async fn meeting(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Meeting>> {
        Ok(load_record::<MeetingData>(ctx, self.0.data.content.meeting_id)
            .await?
            .map(Meeting))
    }
    async fn body(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Body>> {
        Ok(load_record::<BodyData>(ctx, self.0.data.body_id).await?.map(Body))
    }
    /// The agenda item's position in the meeting's agenda, from 0.
    async fn agenda_item(&self) -> Option<u32> {
        self.0.data.content.agenda_item
    }
    async fn kind(&self) -> DecisionKind {
        self.0.data.content.kind.into()
    }
    async fn text(&self) -> &str {
        &self.0.data.content.text
    }
    async fn tally(&self) -> Tally {
        let t = self.0.data.tally;
        Tally {
            for_: t.for_,
            against: t.against,
            abstain: t.abstain,
        }
    }
    /// The votes by name, when they were taken so; empty for a show of hands.
    async fn named_votes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<NamedVote>> {
        let whole = whole_record::<DecisionData>(ctx, self.0.id).await?;
        Ok(match whole.data.content.votes {
            domain::Votes::Named(named) => named
                .into_iter()
                .map(|(member, choice)| NamedVote {
                    member_id: member_id(member),
                    choice: choice.into(),
                })
                .collect(),
            domain::Votes::Counts { .. } => Vec::new(),
        })
    }
    async fn outcome(&self) -> Outcome {
        self.0.data.outcome.into()
    }
    /// What the outcome rests on.
    async fn basis(&self) -> OutcomeBasis {
        self.0.data.reckoning.basis.into()
    }
    /// The majority applied; null when the outcome was declared.
    async fn majority(&self) -> Option<Majority> {
        self.0.data.reckoning.majority.map(Into::into)
    }
    /// What counted as 100 %.
    async fn base(&self) -> Option<u32> {
        self.0.data.reckoning.base
    }
    /// The fewest votes for that adopt it.
    async fn required(&self) -> Option<u32> {
        self.0.data.reckoning.required
    }
    async fn casting_vote_used(&self) -> bool {
        self.0.data.reckoning.casting_vote_used
    }
    async fn rulebook_version(&self) -> Option<u32> {
        self.0.data.rulebook_version
    }
    async fn concerns(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Concern>> {
        let whole = whole_record::<DecisionData>(ctx, self.0.id).await?;
        Ok(whole
            .data
            .content
            .concerns
            .into_iter()
            .map(|c| Concern(Some(c)))
            .collect())
    }
    #[graphql(flatten)]
    async fn record(&self) -> Record {
        Record::from(&self.0.meta)
    }
}

impl NodeObject for Decision {
    async fn load(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Option<Self>> {
        Ok(
            load_record::<DecisionData>(ctx, pactes_domain::DecisionId::from_uuid(id))
                .await?
                .map(Decision),
        )
    }
}

#[derive(SimpleObject)]
pub struct PeriodConformity {
    pub first_day: Date,
    pub last_day: Date,
    pub required: u32,
    pub held: u32,
    /// Over, with fewer meetings held than required.
    pub missed: bool,
    /// Not over yet.
    pub ongoing: bool,
}

/// How a body kept its rules over a year.
#[derive(SimpleObject)]
pub struct Conformity {
    pub year: i32,
    /// Null when the rulebook sets no frequency (and no period is reported).
    pub frequency: Option<Frequency>,
    pub periods: Vec<PeriodConformity>,
    pub meetings: u32,
    pub held: u32,
    pub cancelled: u32,
    pub convened: u32,
    pub convened_on_time: u32,
    pub quorum_reached: u32,
    pub minutes_approved: u32,
}

impl From<domain::Conformity> for Conformity {
    fn from(c: domain::Conformity) -> Conformity {
        Conformity {
            year: c.year,
            frequency: c.frequency.map(|f| Frequency {
                meetings: f.meetings,
                per: f.per.into(),
            }),
            periods: c
                .periods
                .iter()
                .map(|p| PeriodConformity {
                    first_day: Date(p.first_day),
                    last_day: Date(p.last_day),
                    required: p.required,
                    held: p.held,
                    missed: p.missed,
                    ongoing: p.ongoing,
                })
                .collect(),
            meetings: c.meetings,
            held: c.held,
            cancelled: c.cancelled,
            convened: c.convened,
            convened_on_time: c.convened_on_time,
            quorum_reached: c.quorum_reached,
            minutes_approved: c.minutes_approved,
        }
    }
}
