//! What storage offers the governance area. Reads take the caller's scope (a partner's scope reads nothing of
//! it); writes name the tenant and the actor, each one transaction with its audit entry, checking the version
//! the caller read. A meeting's steps read its body in the same transaction, so a convocation goes to the
//! members as they are when it is sent.

use std::future::Future;

use chrono::NaiveDate;

use crate::caller::{Actor, Scope};
use crate::ids::{BodyId, FederationId, MeetingId, MemberId};
use crate::page::{Page, PageRequest};
use crate::repository::RepositoryResult;

use super::body::{Body, BodyContent, BodyDraft};
use super::conformity::Conformity;
use super::decision::{Decision, DecisionContent};
use super::kinds::{BodyKind, Outcome};
use super::meeting::{AttendanceDraft, Meeting, MeetingContent, MeetingStatus};
use super::rulebook::Rules;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BodyFilter {
    pub kind: Option<BodyKind>,
    /// Those on which a member sits for this centre.
    pub centre: Option<crate::ids::CentreId>,
    pub include_archived: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MeetingFilter {
    pub body: Option<BodyId>,
    pub status: Option<MeetingStatus>,
    /// Held on this day or after, and on this day or before (each where the meeting is held).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub include_archived: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DecisionFilter {
    pub body: Option<BodyId>,
    pub meeting: Option<MeetingId>,
}

pub trait GovernanceRepository {
    /// Bodies by name.
    fn list_bodies(
        &self,
        scope: &Scope,
        filter: &BodyFilter,
        page: &PageRequest,
    ) -> impl Future<Output = RepositoryResult<Page<Body>>> + Send;

    fn create_body(
        &self,
        tenant: FederationId,
        actor: &Actor,
        content: BodyContent,
    ) -> impl Future<Output = RepositoryResult<Body>> + Send;

    /// Replaces a body's name, members and designations (a member kept by id keeps its attendance and votes).
    fn update_body(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: BodyId,
        expected_version: i64,
        draft: BodyDraft,
    ) -> impl Future<Output = RepositoryResult<Body>> + Send;

    /// Erases a person: `member` leaves the body, and their name and address go from past convocations'
    /// recipients and from the outbox, in one transaction. Attendance and votes keep the seat's id only.
    fn erase_member(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: BodyId,
        expected_version: i64,
        member: MemberId,
    ) -> impl Future<Output = RepositoryResult<Body>> + Send;

    /// Adds a version of the body's rules, applying from `effective_from`.
    fn adopt_rulebook(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: BodyId,
        expected_version: i64,
        effective_from: NaiveDate,
        rules: Rules,
    ) -> impl Future<Output = RepositoryResult<Body>> + Send;

    /// Meetings by date, latest first.
    fn list_meetings(
        &self,
        scope: &Scope,
        filter: &MeetingFilter,
        page: &PageRequest,
    ) -> impl Future<Output = RepositoryResult<Page<Meeting>>> + Send;

    fn plan_meeting(
        &self,
        tenant: FederationId,
        actor: &Actor,
        content: MeetingContent,
    ) -> impl Future<Output = RepositoryResult<Meeting>> + Send;

    fn update_meeting(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: MeetingId,
        expected_version: i64,
        content: MeetingContent,
    ) -> impl Future<Output = RepositoryResult<Meeting>> + Send;

    /// Sends the convocation now to the members sitting on the meeting's day.
    fn convene_meeting(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: MeetingId,
        expected_version: i64,
        urgent_reason: Option<String>,
    ) -> impl Future<Output = RepositoryResult<Meeting>> + Send;

    fn hold_meeting(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: MeetingId,
        expected_version: i64,
        held: Holding,
    ) -> impl Future<Output = RepositoryResult<Meeting>> + Send;

    fn draft_minutes(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: MeetingId,
        expected_version: i64,
        text: String,
    ) -> impl Future<Output = RepositoryResult<Meeting>> + Send;

    fn cancel_meeting(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: MeetingId,
        expected_version: i64,
        reason: Option<String>,
    ) -> impl Future<Output = RepositoryResult<Meeting>> + Send;

    /// Records a decision of a held meeting, its outcome reckoned by the rulebook it was held under; a
    /// `MINUTES_APPROVAL` adopted approves the earlier meeting's minutes in the same transaction.
    fn record_decision(
        &self,
        tenant: FederationId,
        actor: &Actor,
        content: DecisionContent,
        declared: Option<Outcome>,
    ) -> impl Future<Output = RepositoryResult<Decision>> + Send;

    /// Decisions, latest first.
    fn list_decisions(
        &self,
        scope: &Scope,
        filter: &DecisionFilter,
        page: &PageRequest,
    ) -> impl Future<Output = RepositoryResult<Page<Decision>>> + Send;

    /// The federation's bodies that held fewer meetings than their rulebook's minimum in a period of `year` over
    /// on `today`, each with its report, by name.
    fn bodies_missing_frequency(
        &self,
        scope: &Scope,
        year: i32,
        today: NaiveDate,
    ) -> impl Future<Output = RepositoryResult<Vec<(Body, Conformity)>>> + Send;

    /// How `body` kept its rules in `year`, as it stands on `today`; `None` when the body is not the caller's.
    fn conformity(
        &self,
        scope: &Scope,
        body: BodyId,
        year: i32,
        today: NaiveDate,
    ) -> impl Future<Output = RepositoryResult<Option<Conformity>>> + Send;
}

/// What a meeting's record says of its holding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holding {
    pub attendance: Vec<AttendanceDraft>,
    pub chair: Option<MemberId>,
    pub secretary: Option<MemberId>,
}
