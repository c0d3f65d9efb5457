//! The governance repository: scoped lists, and the writes — each one transaction with its audit entry. A
//! meeting's steps lock the meeting, then read its body in the same transaction; a decision locks its meeting
//! and body, looks up what its body's competence needs, and approves the minutes it concerns beside it.

use chrono::{NaiveDate, NaiveTime};
use pactes_domain::audit::AuditAction;
use pactes_domain::governance::{
    Body, BodyContent, BodyData, BodyDraft, BodyFilter, Channel, Competence, Concern, Conformity, Decision,
    DecisionContent, DecisionData, DecisionFilter, DecisionKind, GovernanceRepository, Holding, Meeting,
    MeetingContent, MeetingData, MeetingFacts, MeetingFilter, Outcome, Rules, Validated, check_minutes_approval,
    conformity, decide, letters,
};
use pactes_domain::page::{Direction, Page, PageRequest};
use pactes_domain::record::{Record, now};
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{
    ActionSheetId, Actor, BodyId, FederationId, FieldError, FieldErrorCode, MeetingId, MemberId, RepositoryError,
    Scope, ValidationErrors,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, Order, QueryFilter, QuerySelect, QueryTrait};
use uuid::Uuid;

use super::bodies::BodyColumn;
use super::decisions::{DecisionColumn, DecisionTable, concerns};
use super::meetings::MeetingColumn;
use crate::database::Database;
use crate::error::storage;
use crate::row_security::RowScope;
use crate::scope::tenant_rows;
use crate::tenant::{Readable, find_by_ids, find_whole, insert, insert_in, list_page, lock_in, update_as, update_in};
use crate::write::Write;

fn refused(field: &str, code: FieldErrorCode, message: impl Into<String>) -> RepositoryError {
    RepositoryError::Invalid(ValidationErrors::single(FieldError::new(&[field], code, message)))
}

/// The meeting `id` locked, and its body read whole, in `write`.
async fn meeting_and_body(
    write: &Write,
    tenant: FederationId,
    id: MeetingId,
    expected_version: Option<i64>,
) -> RepositoryResult<(Meeting, Body)> {
    let meeting = lock_in::<MeetingData>(write, tenant, id.as_uuid(), expected_version).await?;
    let body = lock_in::<BodyData>(write, tenant, meeting.data.content.body_id.as_uuid(), None).await?;
    Ok((meeting, body))
}

impl Database {
    /// A step of the meeting `id` that needs its body: one transaction, the meeting then the body locked.
    async fn meeting_step(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: MeetingId,
        expected_version: i64,
        action: AuditAction,
        step: impl FnOnce(&MeetingData, &BodyData) -> Result<MeetingData, ValidationErrors>,
    ) -> RepositoryResult<Meeting> {
        let write = self.write(RowScope::tenant(tenant)).await?;
        let (meeting, body) = meeting_and_body(&write, tenant, id, Some(expected_version)).await?;
        let updated = update_in(&write, tenant, actor, action, meeting, |m| Ok(step(m, &body.data)?)).await?;
        write.commit().await?;
        Ok(updated)
    }

    /// The action sheets among `sheets` that `body` adopted a validation of.
    async fn validated_by(
        write: &Write,
        tenant: FederationId,
        body: BodyId,
        sheets: &[ActionSheetId],
    ) -> RepositoryResult<Validated> {
        if sheets.is_empty() {
            return Ok(Validated::default());
        }
        let validations = DecisionTable::find()
            .select_only()
            .column(DecisionColumn::Id)
            .filter(tenant_rows(DecisionColumn::FederationId, tenant))
            .filter(DecisionColumn::BodyId.eq(body.as_uuid()))
            .filter(DecisionColumn::Kind.eq(DecisionKind::ActionValidation.code()))
            .filter(DecisionColumn::Outcome.eq(Outcome::Adopted.code()))
            .filter(DecisionColumn::ArchivedAt.is_null())
            .into_query();
        let found: Vec<Option<Uuid>> = concerns::Entity::find()
            .select_only()
            .column(concerns::Column::ActionSheetId)
            .filter(tenant_rows(concerns::Column::FederationId, tenant))
            .filter(concerns::Column::ActionSheetId.is_in(sheets.iter().map(|s| s.as_uuid())))
            .filter(concerns::Column::DecisionId.in_subquery(validations))
            .distinct()
            .into_tuple()
            .all(&**write)
            .await
            .map_err(storage)?;
        Ok(Validated(
            found.into_iter().flatten().map(ActionSheetId::from_uuid).collect(),
        ))
    }
}

/// The instants bounding the days `from` to `to`, wherever a meeting is held (UTC−12 to UTC+14).
fn day_bounds(from: Option<NaiveDate>, to: Option<NaiveDate>) -> (Option<Expr>, Option<Expr>) {
    let start = from.map(|d| Expr::val(d.and_time(NaiveTime::MIN).and_utc() - chrono::Duration::hours(14)));
    let end = to.map(|d| Expr::val(d.and_time(NaiveTime::MIN).and_utc() + chrono::Duration::hours(36)));
    (start, end)
}

fn bodies(scope: &Scope, filter: &BodyFilter) -> Readable<BodyData> {
    let mut select = Readable::<BodyData>::rows(scope, None, filter.include_archived);
    if let Some(kind) = filter.kind {
        select = select.filter(BodyColumn::Kind.eq(kind.code()));
    }
    if let Some(centre) = filter.centre {
        select = select.filter(
            BodyColumn::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(super::bodies::members::Column::BodyId)
                    .from(super::bodies::members::Entity)
                    .and_where(super::bodies::members::Column::CentreId.eq(centre.as_uuid()))
                    .to_owned(),
            ),
        );
    }
    select
}

fn meetings(scope: &Scope, filter: &MeetingFilter) -> Readable<MeetingData> {
    let mut select = Readable::rows(scope, None, filter.include_archived);
    if let Some(body) = filter.body {
        select = select.filter(MeetingColumn::BodyId.eq(body.as_uuid()));
    }
    if let Some(status) = filter.status {
        select = select.filter(MeetingColumn::Status.eq(status.code()));
    }
    let (start, end) = day_bounds(filter.from, filter.to);
    if let Some(start) = start {
        select = select.filter(Expr::col(MeetingColumn::StartsAt).gte(start));
    }
    if let Some(end) = end {
        select = select.filter(Expr::col(MeetingColumn::StartsAt).lt(end));
    }
    select
}

impl GovernanceRepository for Database {
    async fn list_bodies(
        &self,
        scope: &Scope,
        filter: &BodyFilter,
        page: &PageRequest,
    ) -> RepositoryResult<Page<Body>> {
        let key = Some(Expr::col(BodyColumn::NameKey));
        list_page::<BodyData>(&self.scoped(scope), bodies(scope, filter), key, Direction::Asc, page).await
    }

    async fn create_body(&self, tenant: FederationId, actor: &Actor, content: BodyContent) -> RepositoryResult<Body> {
        insert(self, actor, Record::create(tenant, BodyData::new(content))).await
    }

    async fn update_body(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: BodyId,
        expected_version: i64,
        draft: BodyDraft,
    ) -> RepositoryResult<Body> {
        let edit = |current: &BodyData| Ok(current.edit(draft)?);
        update_as(
            self,
            tenant,
            actor,
            AuditAction::Update,
            id.as_uuid(),
            expected_version,
            edit,
        )
        .await
    }

    async fn erase_member(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: BodyId,
        expected_version: i64,
        member: MemberId,
    ) -> RepositoryResult<Body> {
        let write = self.write(RowScope::tenant(tenant)).await?;
        let body = lock_in::<BodyData>(&write, tenant, id.as_uuid(), Some(expected_version)).await?;
        let erase = |b: &BodyData| Ok(b.without_member(member)?);
        let body = update_in(&write, tenant, actor, AuditAction::Update, body, erase).await?;
        super::outbox::erase(&write, tenant, member).await?;
        super::meetings::erase_recipient(&write, tenant, member).await?;
        write.commit().await?;
        Ok(body)
    }

    async fn adopt_rulebook(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: BodyId,
        expected_version: i64,
        effective_from: NaiveDate,
        rules: Rules,
    ) -> RepositoryResult<Body> {
        let adopt = |current: &BodyData| Ok(current.adopt(effective_from, rules)?);
        update_as(
            self,
            tenant,
            actor,
            AuditAction::Amend,
            id.as_uuid(),
            expected_version,
            adopt,
        )
        .await
    }

    async fn list_meetings(
        &self,
        scope: &Scope,
        filter: &MeetingFilter,
        page: &PageRequest,
    ) -> RepositoryResult<Page<Meeting>> {
        let key = Some(Expr::col(MeetingColumn::StartsAt));
        list_page::<MeetingData>(&self.scoped(scope), meetings(scope, filter), key, Direction::Desc, page).await
    }

    async fn plan_meeting(
        &self,
        tenant: FederationId,
        actor: &Actor,
        content: MeetingContent,
    ) -> RepositoryResult<Meeting> {
        let scope = Scope::Federation(tenant);
        let body = find_by_ids::<BodyData>(&self.scoped(&scope), &scope, [content.body_id.as_uuid()], true)
            .await?
            .pop()
            .ok_or_else(|| refused("bodyId", FieldErrorCode::NotFound, "no such body in this federation"))?;
        let planned = MeetingData::planned(content, &body.data);
        insert(self, actor, Record::create(tenant, planned)).await
    }

    async fn update_meeting(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: MeetingId,
        expected_version: i64,
        content: MeetingContent,
    ) -> RepositoryResult<Meeting> {
        if let Some(first) = content.second_convocation_of
            && first == id
        {
            return Err(refused(
                "secondConvocationOf",
                FieldErrorCode::Invalid,
                "another meeting than this one",
            ));
        }
        self.meeting_step(tenant, actor, id, expected_version, AuditAction::Update, |m, body| {
            if m.content.body_id != content.body_id {
                return Err(ValidationErrors::single(FieldError::new(
                    &["bodyId"],
                    FieldErrorCode::Invalid,
                    "a meeting stays with its body",
                )));
            }
            m.edit(content, body)
        })
        .await
    }

    async fn convene_meeting(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: MeetingId,
        expected_version: i64,
        urgent_reason: Option<String>,
    ) -> RepositoryResult<Meeting> {
        let sent_at = now();
        let write = self.write(RowScope::tenant(tenant)).await?;
        let (meeting, body) = meeting_and_body(&write, tenant, id, Some(expected_version)).await?;
        let convene = |m: &MeetingData| Ok(m.convene(&body.data, sent_at, urgent_reason.as_deref())?);
        let convened = update_in(&write, tenant, actor, AuditAction::Transition, meeting, convene).await?;
        // The letters go with the convocation, in its transaction; a body convened by post gets none.
        let rules = body.data.rulebook_on(convened.data.content.day()).map(|r| &r.rules);
        if rules.and_then(|r| r.channel) != Some(Channel::Post) {
            let written = letters(&body.data.content, convened.id, &convened.data);
            super::outbox::queue(&write, tenant, convened.id, written, sent_at).await?;
        }
        write.commit().await?;
        Ok(convened)
    }

    async fn hold_meeting(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: MeetingId,
        expected_version: i64,
        held: Holding,
    ) -> RepositoryResult<Meeting> {
        self.meeting_step(
            tenant,
            actor,
            id,
            expected_version,
            AuditAction::Transition,
            |m, body| m.hold(body, held.attendance, held.chair, held.secretary),
        )
        .await
    }

    async fn draft_minutes(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: MeetingId,
        expected_version: i64,
        text: String,
    ) -> RepositoryResult<Meeting> {
        let draft = |m: &MeetingData| Ok(m.draft_minutes(&text)?);
        update_as(
            self,
            tenant,
            actor,
            AuditAction::Update,
            id.as_uuid(),
            expected_version,
            draft,
        )
        .await
    }

    async fn cancel_meeting(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: MeetingId,
        expected_version: i64,
        reason: Option<String>,
    ) -> RepositoryResult<Meeting> {
        let cancel = |m: &MeetingData| Ok(m.cancel(reason.as_deref())?);
        update_as(
            self,
            tenant,
            actor,
            AuditAction::Transition,
            id.as_uuid(),
            expected_version,
            cancel,
        )
        .await
    }

    async fn record_decision(
        &self,
        tenant: FederationId,
        actor: &Actor,
        content: DecisionContent,
        declared: Option<Outcome>,
    ) -> RepositoryResult<Decision> {
        let write = self.write(RowScope::tenant(tenant)).await?;
        let (meeting, body) = match meeting_and_body(&write, tenant, content.meeting_id, None).await {
            Err(RepositoryError::NotFound) => {
                return Err(refused(
                    "meetingId",
                    FieldErrorCode::NotFound,
                    "no such meeting in this federation",
                ));
            }
            other => other?,
        };
        let rules = meeting
            .data
            .rulebook_version
            .and_then(|v| body.data.rulebooks.iter().find(|r| r.version == v))
            .map(|r| &r.rules);
        let validated = match rules.and_then(|r| r.competence) {
            Some(Competence::ValidatedActionsOf { validating_body }) => {
                let sheets: Vec<ActionSheetId> = content
                    .concerns
                    .iter()
                    .filter_map(|c| match c {
                        Concern::ActionSheet(id) => Some(*id),
                        _ => None,
                    })
                    .collect();
                Self::validated_by(&write, tenant, validating_body, &sheets).await?
            }
            _ => Validated::default(),
        };
        let approving = match (content.kind, content.concerns.as_slice()) {
            (DecisionKind::MinutesApproval, [Concern::Meeting(earlier)]) => {
                let earlier = lock_in::<MeetingData>(&write, tenant, earlier.as_uuid(), None)
                    .await
                    .map_err(|e| match e {
                        RepositoryError::NotFound => refused(
                            "concerns.0",
                            FieldErrorCode::NotFound,
                            "no such meeting in this federation",
                        ),
                        other => other,
                    })?;
                check_minutes_approval(&meeting.data, &earlier.data)
                    .map_err(|why| refused("concerns.0", FieldErrorCode::InvalidState, why))?;
                Some(earlier)
            }
            (DecisionKind::MinutesApproval, _) => {
                return Err(refused(
                    "concerns",
                    FieldErrorCode::Invalid,
                    "a minutes approval concerns exactly one earlier meeting",
                ));
            }
            _ => None,
        };
        let data = decide(content, &meeting.data, &body.data, &validated, declared)?;
        let adopted = data.outcome == Outcome::Adopted;
        let decision = insert_in(&write, actor, Record::create(tenant, data)).await?;
        if let Some(earlier) = approving
            && adopted
        {
            let approve = |m: &MeetingData| Ok(m.approve_minutes(decision.id).map_err(|e| e.on(&["concerns", "0"]))?);
            update_in(&write, tenant, actor, AuditAction::Transition, earlier, approve).await?;
        }
        write.commit().await?;
        Ok(decision)
    }

    async fn list_decisions(
        &self,
        scope: &Scope,
        filter: &DecisionFilter,
        page: &PageRequest,
    ) -> RepositoryResult<Page<Decision>> {
        let mut select = Readable::<DecisionData>::live(scope);
        if let Some(body) = filter.body {
            select = select.filter(DecisionColumn::BodyId.eq(body.as_uuid()));
        }
        if let Some(meeting) = filter.meeting {
            select = select.filter(DecisionColumn::MeetingId.eq(meeting.as_uuid()));
        }
        list_page::<DecisionData>(&self.scoped(scope), select, None, Direction::Desc, page).await
    }

    async fn conformity(
        &self,
        scope: &Scope,
        body: BodyId,
        year: i32,
        today: NaiveDate,
    ) -> RepositoryResult<Option<Conformity>> {
        let db = self.scoped(scope);
        let Some(body) = find_by_ids::<BodyData>(&db, scope, [body.as_uuid()], true).await?.pop() else {
            return Ok(None);
        };
        let held = year_meetings(&db, scope, &[body.id], year).await?;
        Ok(Some(report(&body, &held, year, today)))
    }

    async fn bodies_missing_frequency(
        &self,
        scope: &Scope,
        year: i32,
        today: NaiveDate,
    ) -> RepositoryResult<Vec<(Body, Conformity)>> {
        let db = self.scoped(scope);
        // Every body and every meeting of the year, in one statement each (and one per child table).
        let bodies = find_whole::<BodyData>(
            &db,
            scope,
            Readable::live(scope).order_by(BodyColumn::NameKey, Order::Asc),
        )
        .await?;
        let ids: Vec<BodyId> = bodies.iter().map(|b| b.id).collect();
        let held = year_meetings(&db, scope, &ids, year).await?;
        Ok(bodies
            .into_iter()
            .map(|body| {
                let own: Vec<Meeting> = held
                    .iter()
                    .filter(|m| m.data.content.body_id == body.id)
                    .cloned()
                    .collect();
                let report = report(&body, &own, year, today);
                (body, report)
            })
            .filter(|(_, report)| report.missed_periods().next().is_some())
            .collect())
    }
}

/// The meetings of `bodies` held (or planned) in `year`.
async fn year_meetings(
    db: &impl sea_orm::ConnectionTrait,
    scope: &Scope,
    bodies: &[BodyId],
    year: i32,
) -> RepositoryResult<Vec<Meeting>> {
    let (from, to) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    );
    let filter = MeetingFilter {
        from,
        to,
        ..MeetingFilter::default()
    };
    let select = meetings(scope, &filter).filter(MeetingColumn::BodyId.is_in(bodies.iter().map(|b| b.as_uuid())));
    find_whole::<MeetingData>(db, scope, select).await
}

/// `body`'s report for `year` from its meetings `held`, as on `today`; the frequency is the rulebook's in force at
/// the end of the year, or today while it runs.
fn report(body: &Body, held: &[Meeting], year: i32, today: NaiveDate) -> Conformity {
    let notice = |version: Option<u32>| {
        version
            .and_then(|v| body.data.rulebooks.iter().find(|r| r.version == v))
            .and_then(|r| r.rules.notice_days)
    };
    let facts: Vec<MeetingFacts> = held
        .iter()
        .filter(|m| chrono::Datelike::year(&m.data.content.day()) == year)
        .map(|m| MeetingFacts {
            day: m.data.content.day(),
            status: m.data.status,
            convened_on_time: m.data.convocation.as_ref().map(|c| {
                c.urgent_reason.is_some()
                    || notice(m.data.rulebook_version).is_none_or(|n| c.days_ahead >= i64::from(n))
            }),
            quorum_reached: m.data.quorum.map(|q| q.reached),
        })
        .collect();
    let on = Ord::min(today, NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today));
    let frequency = body.data.rulebook_on(on).and_then(|r| r.rules.frequency);
    conformity(year, today, frequency, &facts)
}
