//! What the directory needs from storage. Reads take the caller's [`Scope`]; writes take the tenant they write
//! to and the [`Actor`] the audit log records. Each write and its audit entry commit together or not at all.

use std::future::Future;

use crate::caller::{Actor, Scope};
use crate::directory::centre::{Centre, CentreData, CentreFilter, CentreOrder, CentrePatch, CentreSummary};
use crate::directory::federation::{Federation, FederationData, FederationPatch};
use crate::directory::partner::{Partner, PartnerData, PartnerFilter, PartnerOrder, PartnerPatch};
use crate::directory::territory::{Territory, TerritoryData, TerritoryFilter, TerritoryOrder, TerritoryPatch};
use crate::ids::{CentreId, FederationId, PartnerId, TerritoryId};
use crate::page::{Along, Page, PageAlong, PageRequest};
use crate::repository::RepositoryResult;

/// Federations are national reference data: their public fields are readable by anyone, hence the
/// `_public` names of the deliberately unscoped reads.
pub trait FederationRepository {
    fn list_federations_public(&self) -> impl Future<Output = RepositoryResult<Vec<Federation>>> + Send;

    fn federations_by_ids_public(
        &self,
        ids: &[FederationId],
    ) -> impl Future<Output = RepositoryResult<Vec<Federation>>> + Send;

    fn federation_by_slug_public(
        &self,
        slug: &str,
    ) -> impl Future<Output = RepositoryResult<Option<Federation>>> + Send;

    fn create_federation(
        &self,
        actor: &Actor,
        data: FederationData,
    ) -> impl Future<Output = RepositoryResult<Federation>> + Send;

    fn update_federation(
        &self,
        actor: &Actor,
        id: FederationId,
        expected_version: i64,
        patch: FederationPatch,
    ) -> impl Future<Output = RepositoryResult<Federation>> + Send;

    /// Retires a federation: its tokens are refused from then on; its records stay, read by national callers.
    fn archive_federation(
        &self,
        actor: &Actor,
        id: FederationId,
        expected_version: i64,
    ) -> impl Future<Output = RepositoryResult<Federation>> + Send;
}

pub trait TerritoryRepository {
    fn territories_by_ids(
        &self,
        scope: &Scope,
        ids: &[TerritoryId],
    ) -> impl Future<Output = RepositoryResult<Vec<Territory>>> + Send;

    /// A page of records without their parts (see [`crate::repository::RecordsById::roots_by_ids`]).
    fn list_territories(
        &self,
        scope: &Scope,
        filter: &TerritoryFilter,
        order: TerritoryOrder,
        page: &PageRequest,
    ) -> impl Future<Output = RepositoryResult<Page<Territory>>> + Send;

    fn count_territories(
        &self,
        scope: &Scope,
        filter: &TerritoryFilter,
    ) -> impl Future<Output = RepositoryResult<u64>> + Send;

    fn create_territory(
        &self,
        tenant: FederationId,
        actor: &Actor,
        data: TerritoryData,
    ) -> impl Future<Output = RepositoryResult<Territory>> + Send;

    fn update_territory(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: TerritoryId,
        expected_version: i64,
        patch: TerritoryPatch,
    ) -> impl Future<Output = RepositoryResult<Territory>> + Send;

    fn archive_territory(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: TerritoryId,
        expected_version: i64,
    ) -> impl Future<Output = RepositoryResult<Territory>> + Send;
}

pub trait CentreRepository {
    fn centres_by_ids(
        &self,
        scope: &Scope,
        ids: &[CentreId],
    ) -> impl Future<Output = RepositoryResult<Vec<Centre>>> + Send;

    /// A centre and its territory, in one read, both without their parts (see
    /// [`crate::repository::RecordsById::roots_by_ids`]): what a client showing a centre with its territory's
    /// name needs. `None` when the scope sees no such centre.
    fn centre_with_territory(
        &self,
        scope: &Scope,
        id: CentreId,
    ) -> impl Future<Output = RepositoryResult<Option<(Centre, Option<Territory>)>>> + Send;

    /// A page of records without their parts (see [`crate::repository::RecordsById::roots_by_ids`]).
    fn list_centres(
        &self,
        scope: &Scope,
        filter: &CentreFilter,
        order: CentreOrder,
        page: &PageRequest,
    ) -> impl Future<Output = RepositoryResult<Page<Centre>>> + Send;

    fn count_centres(&self, scope: &Scope, filter: &CentreFilter)
    -> impl Future<Output = RepositoryResult<u64>> + Send;

    /// [`Self::list_centres`] with, in the same read, what `along` asks for: the page's territories and the
    /// count of every centre the filter finds (`None` unless asked).
    fn list_centres_along(
        &self,
        scope: &Scope,
        filter: &CentreFilter,
        order: CentreOrder,
        page: &PageRequest,
        along: Along,
    ) -> impl Future<Output = RepositoryResult<PageAlong<Centre, Territory>>> + Send;

    /// [`Self::list_centres_along`] reading only each centre's summary: what a list showing no more needs.
    fn list_centre_summaries_along(
        &self,
        scope: &Scope,
        filter: &CentreFilter,
        order: CentreOrder,
        page: &PageRequest,
        along: Along,
    ) -> impl Future<Output = RepositoryResult<PageAlong<CentreSummary, Territory>>> + Send;

    fn create_centre(
        &self,
        tenant: FederationId,
        actor: &Actor,
        data: CentreData,
    ) -> impl Future<Output = RepositoryResult<Centre>> + Send;

    fn update_centre(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: CentreId,
        expected_version: i64,
        patch: CentrePatch,
    ) -> impl Future<Output = RepositoryResult<Centre>> + Send;

    fn archive_centre(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: CentreId,
        expected_version: i64,
    ) -> impl Future<Output = RepositoryResult<Centre>> + Send;
}

pub trait PartnerRepository {
    fn partners_by_ids(
        &self,
        scope: &Scope,
        ids: &[PartnerId],
    ) -> impl Future<Output = RepositoryResult<Vec<Partner>>> + Send;

    /// A page of records without their parts (see [`crate::repository::RecordsById::roots_by_ids`]).
    fn list_partners(
        &self,
        scope: &Scope,
        filter: &PartnerFilter,
        order: PartnerOrder,
        page: &PageRequest,
    ) -> impl Future<Output = RepositoryResult<Page<Partner>>> + Send;

    fn count_partners(
        &self,
        scope: &Scope,
        filter: &PartnerFilter,
    ) -> impl Future<Output = RepositoryResult<u64>> + Send;

    fn create_partner(
        &self,
        tenant: FederationId,
        actor: &Actor,
        data: PartnerData,
    ) -> impl Future<Output = RepositoryResult<Partner>> + Send;

    fn update_partner(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: PartnerId,
        expected_version: i64,
        patch: PartnerPatch,
    ) -> impl Future<Output = RepositoryResult<Partner>> + Send;

    fn archive_partner(
        &self,
        tenant: FederationId,
        actor: &Actor,
        id: PartnerId,
        expected_version: i64,
    ) -> impl Future<Output = RepositoryResult<Partner>> + Send;
}
