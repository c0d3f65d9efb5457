//! What storage offers the conventions area. Reads take the caller's scope: a partner's scope sees only the
//! conventions its partner is party to, their lines and their totals. Writes name the tenant and the actor;
//! each is one transaction with its audit entry, and checks the version the caller read.

use std::future::Future;

use chrono::NaiveDate;

use crate::agreement::{AmendmentDraft, Party};
use crate::caller::{Actor, Scope};
use crate::ids::{CentreId, ConventionId, FederationId};
use crate::money::Money;
use crate::page::{Direction, Page, PageRequest};
use crate::repository::RepositoryResult;

use super::content::{ConventionContent, ConventionDraft};
use super::convention::Convention;
use super::import::{ImportReport, PaymentRow, RowError};
use super::kinds::{ConventionKind, FundingNature};
use super::lifecycle::ConventionState;
use super::payment::PaymentDraft;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConventionFilter {
    /// Only for national callers: one federation among all.
    pub federation: Option<FederationId>,
    pub kind: Option<ConventionKind>,
    /// The status as shown on `today`.
    pub status: Option<ConventionState>,
    /// A party in any role.
    pub party: Option<Party>,
    pub funder: Option<Party>,
    pub beneficiary: Option<Party>,
    /// Signed and in force on this day.
    pub in_force_on: Option<NaiveDate>,
    /// With a funding line for this year.
    pub year: Option<i32>,
    /// Signed, in force, ending within this many days of `today`, and not renewed.
    pub expiring_within_days: Option<u32>,
    pub include_archived: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ConventionOrderField {
    #[default]
    Reference,
    End,
    CreatedAt,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConventionOrder {
    pub field: ConventionOrderField,
    pub direction: Direction,
}

/// What funding totals are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FundingGroup {
    Federation,
    Funder,
    Beneficiary,
    Year,
    Nature,
    Kind,
}

/// Which funding lines count: those of signed conventions (in force or not, not terminated before they were
/// paid) unless `include_unsigned`, narrowed by the convention filter and the line's own fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FundingFilter {
    pub conventions: ConventionFilter,
    pub funder: Option<Party>,
    pub beneficiary: Option<Party>,
    pub year: Option<i32>,
    pub nature: Option<FundingNature>,
    pub include_unsigned: bool,
}

/// One group's totals; the keys not grouped by are `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FundingTotals {
    pub federation: Option<FederationId>,
    pub funder: Option<Party>,
    pub beneficiary: Option<Party>,
    pub year: Option<i32>,
    pub nature: Option<FundingNature>,
    pub kind: Option<ConventionKind>,
    pub committed: Money,
    pub paid: Money,
}

impl FundingTotals {
    /// What is committed and not paid yet (negative when a line allowed over-payment).
    pub fn outstanding(&self) -> Option<Money> {
        self.committed.checked_sub(self.paid)
    }
}

/// One funding line as a spreadsheet shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FundingLineRow {
    pub reference: String,
    pub kind: ConventionKind,
    pub convention_title: String,
    pub funder: String,
    pub beneficiary: String,
    pub year: i32,
    pub nature: FundingNature,
    pub committed: Money,
    pub paid: Money,
}

/// A centre's conventions in force on a day, and the first day its funding is not covered: the end of the first
/// of them to expire, following renewals (a renewed convention's end is its renewal chain's end).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CentreCoverage {
    pub in_force: Vec<Convention>,
    pub first_expiry: Option<NaiveDate>,
}

pub trait ConventionRepository {
    fn list_conventions(
        &self,
        scope: &Scope,
        filter: &ConventionFilter,
        today: NaiveDate,
        order: ConventionOrder,
        page: &PageRequest,
    ) -> impl Future<Output = RepositoryResult<Page<Convention>>> + Send;

    fn count_conventions(
        &self,
        scope: &Scope,
        filter: &ConventionFilter,
        today: NaiveDate,
    ) -> impl Future<Output = RepositoryResult<u64>> + Send;

    fn create_convention(
        &self,
        tenant: FederationId,
        actor: &Actor,
        content: ConventionContent,
    ) -> impl Future<Output = RepositoryResult<Convention>> + Send;

    /// Replaces the content of a convention not signed yet (a signed one: `INVALID_STATE`).
    fn update_convention(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: ConventionId,
        expected_version: i64,
        draft: ConventionDraft,
    ) -> impl Future<Output = RepositoryResult<Convention>> + Send;

    /// One lifecycle step, to the status named; terminating takes a reason.
    fn transition_convention(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: ConventionId,
        expected_version: i64,
        to: ConventionState,
        reason: Option<String>,
    ) -> impl Future<Output = RepositoryResult<Convention>> + Send;

    /// Changes a signed convention's content through a numbered amendment recording what it changed.
    fn amend_convention(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: ConventionId,
        expected_version: i64,
        amendment: AmendmentDraft,
        draft: ConventionDraft,
    ) -> impl Future<Output = RepositoryResult<Convention>> + Send;

    /// Appends payments to the convention's lines (a payment whose key is recorded already counts once).
    /// Payments commute, so the version check is the caller's choice: `None` appends to whatever is current.
    fn record_payments(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: ConventionId,
        expected_version: Option<i64>,
        payments: Vec<PaymentDraft>,
    ) -> impl Future<Output = RepositoryResult<Convention>> + Send;

    /// Committed and paid amounts per group, summed by the database in cents: one statement.
    fn funding_totals(
        &self,
        scope: &Scope,
        group_by: &[FundingGroup],
        filter: &FundingFilter,
        today: NaiveDate,
    ) -> impl Future<Output = RepositoryResult<Vec<FundingTotals>>> + Send;

    /// The funding lines `filter` selects, with their paid amounts and parties' names, for a spreadsheet.
    fn funding_lines(
        &self,
        scope: &Scope,
        filter: &FundingFilter,
        today: NaiveDate,
    ) -> impl Future<Output = RepositoryResult<Vec<FundingLineRow>>> + Send;

    /// A centre's conventions in force on `today` and the first day its funding is not covered.
    fn centre_coverage(
        &self,
        scope: &Scope,
        centre: CentreId,
        today: NaiveDate,
    ) -> impl Future<Output = RepositoryResult<CentreCoverage>> + Send;

    /// Records the payments of a spreadsheet, all or none: every bad row is reported with its line and column,
    /// and a row recorded by an earlier import counts once. `progress` is told how many rows are written.
    fn import_payments(
        &self,
        tenant: FederationId,
        actor: &Actor,
        rows: Vec<PaymentRow>,
        progress: &(dyn Fn(usize) + Sync),
    ) -> impl Future<Output = RepositoryResult<Result<ImportReport, Vec<RowError>>>> + Send;
}
