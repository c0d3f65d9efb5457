//! What storage offers the pacts area. Reads take the caller's scope: a partner's scope sees only the pacts its
//! partner signed. Writes name the tenant and the actor; each is one transaction with its audit entry, and
//! checks the version the caller read.

use std::future::Future;

use chrono::NaiveDate;

use crate::caller::{Actor, Scope};
use crate::ids::{CentreId, FederationId, PactId, PartnerId, TerritoryId};
use crate::page::{Direction, Page, PageRequest};
use crate::repository::RepositoryResult;

use super::amendment::AmendmentDraft;
use super::content::{PactContent, PactDraft};
use super::kinds::PactKind;
use super::lifecycle::EffectiveStatus;
use super::pact::Pact;

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
