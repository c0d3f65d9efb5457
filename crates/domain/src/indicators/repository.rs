//! What storage offers the indicators area: the catalogue, centres' yearly values written in bulk, and the sums
//! aggregates are made of, computed by the database for any grouping. Reads take the caller's scope; a
//! national caller reads across federations.

use std::future::Future;

use crate::caller::{Actor, Scope};
use crate::directory::{CentreKind, Management};
use crate::ids::{CampaignId, CentreId, FederationId, TerritoryId};
use crate::repository::RepositoryResult;

use super::aggregate::GroupSums;
use super::campaign::{Campaign, CampaignContent, CampaignStatus, Submission, SubmissionStatus};
use super::catalogue::{Indicator, IndicatorCode};
use super::quantity::Quantity;

/// One centre's value of one indicator for one year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CentreValue {
    pub centre: CentreId,
    pub code: IndicatorCode,
    pub year: i32,
    pub value: Quantity,
}

/// What aggregates are grouped by (each row also has its indicator and year).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AggregateGroup {
    Federation,
    Territory,
    /// The centre's département, from its postal code.
    Departement,
    CentreKind,
    Management,
    /// Each centre on its own: the centres' values a median and quartiles are taken over (never offered to a
    /// partner, who reads groups).
    Centre,
}

/// Which centres count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AggregateFilter {
    /// National callers: one federation among all.
    pub federation: Option<FederationId>,
    pub territory: Option<TerritoryId>,
    pub centre_kind: Option<CentreKind>,
    /// One centre (a centre's own series).
    pub centre: Option<CentreId>,
}

/// The keys of a group; those not grouped by are `None` (a centre without territory is `Some(None)`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupKey {
    pub federation: Option<FederationId>,
    pub territory: Option<Option<TerritoryId>>,
    pub departement: Option<Option<String>>,
    pub centre_kind: Option<CentreKind>,
    pub management: Option<Option<Management>>,
    pub centre: Option<CentreId>,
}

/// The sums of one indicator for one group and year, and how many centres of the group should have reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AggregateSums {
    pub key: GroupKey,
    pub code: IndicatorCode,
    pub year: i32,
    pub sums: GroupSums,
    pub expected: u64,
    /// Withheld from a partner (`withhold_small_groups`): too few centres reported, or it would give such a group
    /// away; its sums are cleared, its counts kept.
    pub withheld: bool,
}

/// How far a campaign has got: centres that submitted (or were validated) of those expected, values present of
/// those expected (each expected centre × each indicator the campaign collects).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Completeness {
    pub centres_expected: u64,
    pub centres_submitted: u64,
    pub values_expected: u64,
    pub values_present: u64,
}

pub trait IndicatorRepository {
    /// The catalogue the scope reads: the national core (every federation reads it), then the federation's own
    /// indicators (none for a national caller).
    fn catalogue(&self, scope: &Scope) -> impl Future<Output = RepositoryResult<Vec<Indicator>>> + Send;

    /// A new indicator of the tenant's own, beside the national core (`ALREADY_EXISTS` at `code` when an
    /// indicator the tenant reads has it; `inputs` when a derived one's inputs are not in its catalogue).
    fn create_indicator(
        &self,
        tenant: FederationId,
        actor: &Actor,
        indicator: Indicator,
    ) -> impl Future<Output = RepositoryResult<Indicator>> + Send;

    /// Replaces the national core with `indicators` (national administration only), checked as a whole.
    fn import_catalogue(
        &self,
        actor: &Actor,
        indicators: Vec<Indicator>,
    ) -> impl Future<Output = RepositoryResult<usize>> + Send;

    /// Writes centres' values of the tenant in one transaction (a value already there is replaced), with one
    /// audit entry for the whole batch.
    fn import_values(
        &self,
        tenant: FederationId,
        actor: &Actor,
        values: Vec<CentreValue>,
    ) -> impl Future<Output = RepositoryResult<usize>> + Send;

    /// [`IndicatorRepository::import_values`], telling `progress` how many values are written so far (a
    /// spreadsheet's progress bar).
    fn import_values_reporting(
        &self,
        tenant: FederationId,
        actor: &Actor,
        values: Vec<CentreValue>,
        progress: &(dyn Fn(usize) + Sync),
    ) -> impl Future<Output = RepositoryResult<usize>> + Send;

    /// Centres' values the scope sees, of `codes` (all when empty) and `years` (all when empty), by centre, code
    /// and year: what a spreadsheet export holds. None for a partner.
    fn centre_values(
        &self,
        scope: &Scope,
        codes: &[IndicatorCode],
        years: &[i32],
    ) -> impl Future<Output = RepositoryResult<Vec<CentreValue>>> + Send;

    /// The sums of each indicator of `indicators` (with the catalogue to expand derived ones) for each group and
    /// year, over the centres the scope sees: one statement for the sums, one for the expected counts. A partner
    /// reads only the years whose campaign its federation has published, and never one centre's figures.
    fn aggregate_sums(
        &self,
        scope: &Scope,
        catalogue: &[Indicator],
        indicators: &[IndicatorCode],
        years: &[i32],
        group_by: &[AggregateGroup],
        filter: &AggregateFilter,
    ) -> impl Future<Output = RepositoryResult<Vec<AggregateSums>>> + Send;

    /// The tenant's campaigns (one per year), the newest first; for a national caller, every federation's.
    fn campaigns(
        &self,
        scope: &Scope,
        year: Option<i32>,
    ) -> impl Future<Output = RepositoryResult<Vec<Campaign>>> + Send;

    /// A new campaign (a draft) of the tenant for a year it has none for, collecting indicators of the catalogue.
    fn create_campaign(
        &self,
        tenant: FederationId,
        actor: &Actor,
        content: CampaignContent,
    ) -> impl Future<Output = RepositoryResult<Campaign>> + Send;

    /// One step of the campaign's lifecycle (`INVALID_TRANSITION` otherwise).
    fn transition_campaign(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: CampaignId,
        expected_version: i64,
        to: CampaignStatus,
    ) -> impl Future<Output = RepositoryResult<Campaign>> + Send;

    /// Every centre's submission to the campaign (`NOT_STARTED` for a centre that has not begun).
    fn submissions(
        &self,
        scope: &Scope,
        campaign: CampaignId,
    ) -> impl Future<Output = RepositoryResult<Vec<Submission>>> + Send;

    /// One step of a centre's submission: submitted by the centre, validated or rejected (with a comment) by
    /// staff, reopened once validated only when `can_reopen` (an admin). Only while the campaign is open
    /// (validation also once it is closed).
    #[allow(clippy::too_many_arguments)]
    fn transition_submission(
        &self,
        tenant: FederationId,
        actor: &Actor,
        campaign: CampaignId,
        centre: CentreId,
        to: SubmissionStatus,
        comment: Option<String>,
        can_reopen: bool,
    ) -> impl Future<Output = RepositoryResult<Submission>> + Send;

    fn completeness(
        &self,
        scope: &Scope,
        campaign: CampaignId,
    ) -> impl Future<Output = RepositoryResult<Completeness>> + Send;
}
