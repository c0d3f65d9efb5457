//! What storage offers the pacts area. Reads take the caller's scope: a partner's scope sees only the pacts its
//! partner signed. Writes name the tenant and the actor; each is one transaction with its audit entry, and
//! checks the version the caller read.

use std::future::Future;

use chrono::NaiveDate;

use crate::caller::{Actor, Scope};
use crate::ids::{ActionSheetId, CentreId, FederationId, PactId, PartnerId, TerritoryId};
use crate::page::{Direction, Page, PageRequest};
use crate::repository::RepositoryResult;

use super::action::{ActionSheet, ActionSheetData, ActionSheetDraft, ActionStatus, MeansTotals};
use super::content::{PactContent, PactDraft};
use super::kinds::PactKind;
use super::lifecycle::EffectiveStatus;
use super::pact::Pact;
use crate::agreement::AmendmentDraft;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PactFilter {
    /// Only for national callers: one federation among all.
    pub federation: Option<FederationId>,
    pub kind: Option<PactKind>,
    /// The status as shown on `today` (active and expired follow from the dates).
    pub status: Option<EffectiveStatus>,
    pub territory: Option<TerritoryId>,
    pub centre_signatory: Option<CentreId>,
    pub partner_signatory: Option<PartnerId>,
    /// Signed and in force on this day.
    pub in_force_on: Option<NaiveDate>,
    /// Whose period shares a day with this calendar year.
    pub overlapping_year: Option<i32>,
    pub include_archived: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PactOrderField {
    #[default]
    Title,
    Start,
    CreatedAt,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PactOrder {
    pub field: PactOrderField,
    pub direction: Direction,
}

pub trait PactRepository {
    /// `today` places signed pacts in their period, for a status filter.
    fn list_pacts(
        &self,
        scope: &Scope,
        filter: &PactFilter,
        today: NaiveDate,
        order: PactOrder,
        page: &PageRequest,
    ) -> impl Future<Output = RepositoryResult<Page<Pact>>> + Send;

    fn count_pacts(
        &self,
        scope: &Scope,
        filter: &PactFilter,
        today: NaiveDate,
    ) -> impl Future<Output = RepositoryResult<u64>> + Send;

    /// Whole pacts (content, signatories, amendments) by id.
    fn pacts_by_ids(&self, scope: &Scope, ids: &[PactId]) -> impl Future<Output = RepositoryResult<Vec<Pact>>> + Send;

    /// A new draft.
    fn create_pact(
        &self,
        tenant: FederationId,
        actor: &Actor,
        content: PactContent,
    ) -> impl Future<Output = RepositoryResult<Pact>> + Send;

    /// Replaces the content of a pact that is not signed yet (a signed one: `INVALID_STATE`).
    fn update_pact(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: PactId,
        expected_version: i64,
        content: PactDraft,
    ) -> impl Future<Output = RepositoryResult<Pact>> + Send;

    /// One lifecycle step, to the status named (`INVALID_TRANSITION` when the table has no such step or a
    /// condition of it does not hold); terminating takes a reason.
    fn transition_pact(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: PactId,
        expected_version: i64,
        to: EffectiveStatus,
        reason: Option<String>,
    ) -> impl Future<Output = RepositoryResult<Pact>> + Send;

    /// Changes a signed pact's content through a numbered amendment recording what it changed.
    fn amend_pact(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: PactId,
        expected_version: i64,
        amendment: AmendmentDraft,
        content: PactDraft,
    ) -> impl Future<Output = RepositoryResult<Pact>> + Send;
}

/// Action sheets, each its own record under its pact: the follow-up of an action (its status, its means) moves
/// while the pact's signed content stays frozen, so a sheet carries its own version. A scope sees the sheets of
/// the pacts it sees (a partner's: of the pacts its partner signed).
pub trait ActionSheetRepository {
    /// The sheets of the pacts `pacts`, whole, by pact and then by title: one statement per table, whatever the
    /// number of pacts.
    fn actions_of_pacts(
        &self,
        scope: &Scope,
        pacts: &[PactId],
    ) -> impl Future<Output = RepositoryResult<Vec<ActionSheet>>> + Send;

    /// A page of the sheets `centre` takes part in (leads, has a role in, provides or is asked for a means),
    /// by title.
    fn actions_of_centre(
        &self,
        scope: &Scope,
        centre: CentreId,
        page: &PageRequest,
    ) -> impl Future<Output = RepositoryResult<Page<ActionSheet>>> + Send;

    fn count_actions_of_centre(
        &self,
        scope: &Scope,
        centre: CentreId,
    ) -> impl Future<Output = RepositoryResult<u64>> + Send;

    /// The amounts of the sheets' means by kind, summed by the database in cents: one statement.
    fn means_totals(
        &self,
        scope: &Scope,
        ids: &[ActionSheetId],
    ) -> impl Future<Output = RepositoryResult<Vec<(ActionSheetId, MeansTotals)>>> + Send;

    /// A new sheet (planned) under a pact of the tenant, its objective one of that pact's.
    fn create_action_sheet(
        &self,
        tenant: FederationId,
        actor: &Actor,
        data: ActionSheetData,
    ) -> impl Future<Output = RepositoryResult<ActionSheet>> + Send;

    /// Replaces a sheet's content (its pact and status stay); a finished or cancelled one is `INVALID_STATE`.
    fn update_action_sheet(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: ActionSheetId,
        expected_version: i64,
        draft: ActionSheetDraft,
    ) -> impl Future<Output = RepositoryResult<ActionSheet>> + Send;

    /// One step of the sheet's status (`INVALID_TRANSITION` when the table has none to `to`).
    fn transition_action_sheet(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: ActionSheetId,
        expected_version: i64,
        to: ActionStatus,
    ) -> impl Future<Output = RepositoryResult<ActionSheet>> + Send;
}
