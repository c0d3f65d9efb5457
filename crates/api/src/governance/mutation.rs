//! Governance mutations: bodies and their rulebooks; a meeting planned, convened (the notice checked), held
//! (attendance, proxies, quorum), its minutes drafted or it cancelled; decisions recorded.

use async_graphql::{Context, Object, SimpleObject};
use pactes_domain::governance::GovernanceRepository;
use pactes_domain::{Area, BodyId, MeetingId, Permission};

use super::inputs::{
    AdoptRulebookInput, CancelMeetingInput, ConveneMeetingInput, CreateBodyInput, DraftMinutesInput, EraseMemberInput,
    HoldMeetingInput, PlanMeetingInput, RecordDecisionInput, UpdateBodyInput, UpdateMeetingInput,
};
use super::types::{Body, Decision, Meeting};
use crate::error::UserError;
use crate::inputs::object_id;
use crate::mutation::{Writer, on_object, outcome, with_valid, writer};
use crate::node_kind::NodeKind;

const WRITE: Permission = Permission::Write(Area::Governance);

#[derive(SimpleObject)]
pub struct BodyPayload {
    pub body: Option<Body>,
    pub user_errors: Vec<UserError>,
}

#[derive(SimpleObject)]
pub struct MeetingPayload {
    pub meeting: Option<Meeting>,
    pub user_errors: Vec<UserError>,
}

#[derive(SimpleObject)]
pub struct DecisionPayload {
    pub decision: Option<Decision>,
    pub user_errors: Vec<UserError>,
}

fn body((body, user_errors): (Option<Body>, Vec<UserError>)) -> BodyPayload {
    BodyPayload { body, user_errors }
}

fn meeting((meeting, user_errors): (Option<Meeting>, Vec<UserError>)) -> MeetingPayload {
    MeetingPayload { meeting, user_errors }
}

#[derive(Default)]
pub struct GovernanceMutation;

#[Object]
impl GovernanceMutation {
    /// A new body, with its members; its rules come with `adoptRulebook`.
    async fn create_body(&self, ctx: &Context<'_>, input: CreateBodyInput) -> async_graphql::Result<BodyPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let draft = match input.content.into_draft(&["input", "content"]) {
            Ok(draft) => draft,
            Err(errors) => return Ok(body((None, errors))),
        };
        let content = draft.validate().map_err(|e| e.under("content"));
        Ok(body(
            with_valid(content, |c| db.create_body(tenant, &actor, c), Body).await?,
        ))
    }

    /// Replaces a body's name, members and designations; members given with their ids keep them.
    async fn update_body(&self, ctx: &Context<'_>, input: UpdateBodyInput) -> async_graphql::Result<BodyPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (id, version) = (input.id.clone(), input.version);
        let draft = match input.content.into_draft(&["input", "content"]) {
            Ok(draft) => draft,
            Err(errors) => return Ok(body((None, errors))),
        };
        let write = |uuid| db.update_body(tenant, &actor, BodyId::from_uuid(uuid), version, draft);
        Ok(body(on_object(&id, NodeKind::Body, write, Body).await?))
    }

    /// Erases a person: they leave the body, and their name and address go from past convocations' recipients
    /// and from the letters, in one write; attendance and votes keep the seat's id only, and the audit log never
    /// held their data. Minutes are free text: a person named in them is the secretary's to remove.
    async fn erase_member(&self, ctx: &Context<'_>, input: EraseMemberInput) -> async_graphql::Result<BodyPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let member = match uuid::Uuid::parse_str(input.member_id.as_str()) {
            Ok(uuid) => pactes_domain::MemberId::from_uuid(uuid),
            Err(_) => {
                let error = crate::error::UserError {
                    field: vec!["input".to_owned(), "memberId".to_owned()],
                    code: crate::error::UserErrorCode::NotFound,
                    message: "not a member of this body".to_owned(),
                };
                return Ok(body((None, vec![error])));
            }
        };
        let write = |uuid| db.erase_member(tenant, &actor, BodyId::from_uuid(uuid), input.version, member);
        let result = match object_id(&input.body_id, NodeKind::Body, "bodyId") {
            Ok(uuid) => outcome(write(uuid).await, Body)?,
            Err(errors) => (None, errors),
        };
        Ok(body(result))
    }

    /// A new version of a body's rules, applying from `effectiveFrom`; meetings and decisions name the version
    /// they were held under.
    async fn adopt_rulebook(&self, ctx: &Context<'_>, input: AdoptRulebookInput) -> async_graphql::Result<BodyPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (id, version, from) = (input.body_id.clone(), input.version, input.effective_from.0);
        let rules = match input.rules.into_rules() {
            Ok(rules) => rules,
            Err(errors) => return Ok(body((None, errors))),
        };
        let write = |uuid| db.adopt_rulebook(tenant, &actor, BodyId::from_uuid(uuid), version, from, rules);
        let result = match object_id(&id, NodeKind::Body, "bodyId") {
            Ok(uuid) => outcome(write(uuid).await, Body)?,
            Err(errors) => (None, errors),
        };
        Ok(body(result))
    }

    /// A meeting planned, under the rules in force on its day.
    async fn plan_meeting(&self, ctx: &Context<'_>, input: PlanMeetingInput) -> async_graphql::Result<MeetingPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let draft = match input.content.into_draft(&["input", "content"]) {
            Ok(draft) => draft,
            Err(errors) => return Ok(meeting((None, errors))),
        };
        let content = draft.validate().map_err(|e| e.under("content"));
        Ok(meeting(
            with_valid(content, |c| db.plan_meeting(tenant, &actor, c), Meeting).await?,
        ))
    }

    /// Changes a meeting not convened yet: its date, place, agenda.
    async fn update_meeting(
        &self,
        ctx: &Context<'_>,
        input: UpdateMeetingInput,
    ) -> async_graphql::Result<MeetingPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (id, version) = (input.id.clone(), input.version);
        let draft = match input.content.into_draft(&["input", "content"]) {
            Ok(draft) => draft,
            Err(errors) => return Ok(meeting((None, errors))),
        };
        let content = match draft.validate() {
            Ok(content) => content,
            Err(errors) => {
                return Ok(meeting(outcome::<Meeting, _>(
                    Err(pactes_domain::RepositoryError::Invalid(errors.under("content"))),
                    |m| m,
                )?));
            }
        };
        let write = |uuid| db.update_meeting(tenant, &actor, MeetingId::from_uuid(uuid), version, content);
        Ok(meeting(on_object(&id, NodeKind::Meeting, write, Meeting).await?))
    }

    /// Sends the convocation now to the members sitting on the meeting's day, with its agenda; refused with
    /// `NOTICE_TOO_SHORT` when later than the rulebook's notice, unless `urgentReason` says why.
    async fn convene_meeting(
        &self,
        ctx: &Context<'_>,
        input: ConveneMeetingInput,
    ) -> async_graphql::Result<MeetingPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let reason = input.urgent_reason.clone();
        let write = |uuid| db.convene_meeting(tenant, &actor, MeetingId::from_uuid(uuid), input.version, reason);
        Ok(meeting(on_object(&input.id, NodeKind::Meeting, write, Meeting).await?))
    }

    /// Records who attended (proxies within the rulebook's cap: `PROXY_CAP_EXCEEDED`), who chaired and took the
    /// minutes; the quorum is counted and stored. Again while held, to correct the record.
    async fn hold_meeting(&self, ctx: &Context<'_>, input: HoldMeetingInput) -> async_graphql::Result<MeetingPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let holding = match input.holding() {
            Ok(holding) => holding,
            Err(errors) => return Ok(meeting((None, errors))),
        };
        let write = |uuid| db.hold_meeting(tenant, &actor, MeetingId::from_uuid(uuid), input.version, holding);
        Ok(meeting(on_object(&input.id, NodeKind::Meeting, write, Meeting).await?))
    }

    /// Writes the minutes of a held meeting; a later meeting of the same body approves them with a
    /// `MINUTES_APPROVAL` decision.
    async fn draft_minutes(
        &self,
        ctx: &Context<'_>,
        input: DraftMinutesInput,
    ) -> async_graphql::Result<MeetingPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let text = input.text.clone();
        let write = |uuid| db.draft_minutes(tenant, &actor, MeetingId::from_uuid(uuid), input.version, text);
        Ok(meeting(on_object(&input.id, NodeKind::Meeting, write, Meeting).await?))
    }

    async fn cancel_meeting(
        &self,
        ctx: &Context<'_>,
        input: CancelMeetingInput,
    ) -> async_graphql::Result<MeetingPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let reason = input.reason.clone();
        let write = |uuid| db.cancel_meeting(tenant, &actor, MeetingId::from_uuid(uuid), input.version, reason);
        Ok(meeting(on_object(&input.id, NodeKind::Meeting, write, Meeting).await?))
    }

    /// A decision of a held meeting, its outcome reckoned by the rulebook the meeting was held under (not valid
    /// without quorum); refused with `OUTSIDE_COMPETENCE` on what the body may not decide. An adopted
    /// `MINUTES_APPROVAL` approves the earlier meeting's minutes.
    async fn record_decision(
        &self,
        ctx: &Context<'_>,
        input: RecordDecisionInput,
    ) -> async_graphql::Result<DecisionPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (decision, user_errors) = match input.content() {
            Ok((content, declared)) => outcome(db.record_decision(tenant, &actor, content, declared).await, Decision)?,
            Err(errors) => (None, errors),
        };
        Ok(DecisionPayload { decision, user_errors })
    }
}
