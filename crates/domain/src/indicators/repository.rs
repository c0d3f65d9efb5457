//! What storage offers the indicators area: the catalogue, centres' yearly values written in bulk, and the sums
//! aggregates are made of, computed by the database for any grouping. Reads take the caller's scope; a
//! national caller reads across federations.

use std::future::Future;

use crate::caller::{Actor, Scope};
use crate::directory::{CentreKind, Management};
use crate::ids::{CentreId, FederationId, TerritoryId};
use crate::repository::RepositoryResult;

use super::aggregate::GroupSums;
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
}

/// The sums of one indicator for one group and year, and how many centres of the group should have reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AggregateSums {
    pub key: GroupKey,
    pub code: IndicatorCode,
    pub year: i32,
    pub sums: GroupSums,
    pub expected: u64,
}

pub trait IndicatorRepository {
    /// The catalogue the scope reads: the national core (every federation reads it).
    fn catalogue(&self, scope: &Scope) -> impl Future<Output = RepositoryResult<Vec<Indicator>>> + Send;

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

    /// The sums of each indicator of `indicators` (with the catalogue to expand derived ones) for each group and
    /// year, over the centres the scope sees: one statement for the sums, one for the expected counts.
    fn aggregate_sums(
        &self,
        scope: &Scope,
        catalogue: &[Indicator],
        indicators: &[IndicatorCode],
        years: &[i32],
        group_by: &[AggregateGroup],
        filter: &AggregateFilter,
    ) -> impl Future<Output = RepositoryResult<Vec<AggregateSums>>> + Send;
}
