//! Directory mutations. Roles decide *whether* a caller may try (top-level FORBIDDEN); the domain and the
//! repositories decide whether the change is valid (user errors, nothing written).

use async_graphql::{Context, Object};
use pactes_domain::directory::{CentreRepository, FederationRepository, PartnerRepository, TerritoryRepository};
use pactes_domain::{Caller, CentreId, FederationId, PartnerId, Permission, RepositoryError, TerritoryId};

use super::inputs::{
    ArchiveInput, CreateCentreInput, CreateFederationInput, CreatePartnerInput, CreateTerritoryInput,
    UpdateCentreInput, UpdateFederationInput, UpdatePartnerInput, UpdateTerritoryInput, object_id,
};
use super::payloads::{CentrePayload, FederationPayload, PartnerPayload, TerritoryPayload, outcome};
use super::types::{Centre, Federation, Partner, Territory};
use crate::context::{authorize, request};
use crate::error::{ErrorCode, UserError};
use crate::ids::NodeKind;

#[derive(Default)]
pub struct DirectoryMutation;

/// The federation the caller writes to. Holding a write permission implies one; a caller without a tenant
/// cannot write tenant rows.
fn tenant(caller: &Caller) -> async_graphql::Result<FederationId> {
    caller
        .tenant()
        .ok_or_else(|| ErrorCode::Forbidden.error("writes need a token bound to one federation"))
}

type Outcome<T> = async_graphql::Result<(Option<T>, Vec<UserError>)>;

fn rejected<T>(errors: Vec<UserError>) -> Outcome<T> {
    Ok((None, errors))
}

#[Object]
impl DirectoryMutation {
    /// National administration: add a federation.
    async fn create_federation(
        &self,
        ctx: &Context<'_>,
        input: CreateFederationInput,
    ) -> async_graphql::Result<FederationPayload> {
        let caller = authorize(ctx, Permission::ManageFederations)?;
        let db = &request(ctx).db;
        let (federation, user_errors) = match input.into_draft().validate() {
            Ok(data) => outcome(db.create_federation(&caller.actor(), data).await, Federation)?,
            Err(errors) => outcome::<_, Federation>(Err(RepositoryError::Invalid(errors)), Federation)?,
        };
        Ok(FederationPayload {
            federation,
            user_errors,
        })
    }

    /// National administration: rename a federation or change its départements. The slug never changes.
    async fn update_federation(
        &self,
        ctx: &Context<'_>,
        input: UpdateFederationInput,
    ) -> async_graphql::Result<FederationPayload> {
        let caller = authorize(ctx, Permission::ManageFederations)?;
        let result: Outcome<Federation> = match object_id(&input.id, NodeKind::Federation, "id") {
            Err(errors) => rejected(errors),
            Ok(id) => {
                let version = input.version;
                let db = &request(ctx).db;
                outcome(
                    db.update_federation(
                        &caller.actor(),
                        FederationId::from_uuid(id),
                        version,
                        input.into_patch(),
                    )
                    .await,
                    Federation,
                )
            }
        };
        let (federation, user_errors) = result?;
        Ok(FederationPayload {
            federation,
            user_errors,
        })
    }

    async fn create_territory(
        &self,
        ctx: &Context<'_>,
        input: CreateTerritoryInput,
    ) -> async_graphql::Result<TerritoryPayload> {
        let caller = authorize(ctx, Permission::WriteDirectory)?;
        let tenant = tenant(caller)?;
        let db = &request(ctx).db;
        let result = match input.into_draft().validate() {
            Ok(data) => db.create_territory(tenant, &caller.actor(), data).await,
            Err(errors) => Err(errors.into()),
        };
        let (territory, user_errors) = outcome(result, Territory)?;
        Ok(TerritoryPayload { territory, user_errors })
    }

    async fn update_territory(
        &self,
        ctx: &Context<'_>,
        input: UpdateTerritoryInput,
    ) -> async_graphql::Result<TerritoryPayload> {
        let caller = authorize(ctx, Permission::WriteDirectory)?;
        let tenant = tenant(caller)?;
        let result: Outcome<Territory> = match object_id(&input.id, NodeKind::Territory, "id") {
            Err(errors) => rejected(errors),
            Ok(id) => {
                let version = input.version;
                let db = &request(ctx).db;
                let written = db
                    .update_territory(
                        tenant,
                        &caller.actor(),
                        TerritoryId::from_uuid(id),
                        version,
                        input.into_patch(),
                    )
                    .await;
                outcome(written, Territory)
            }
        };
        let (territory, user_errors) = result?;
        Ok(TerritoryPayload { territory, user_errors })
    }

    async fn archive_territory(
        &self,
        ctx: &Context<'_>,
        input: ArchiveInput,
    ) -> async_graphql::Result<TerritoryPayload> {
        let caller = authorize(ctx, Permission::WriteDirectory)?;
        let tenant = tenant(caller)?;
        let result: Outcome<Territory> = match object_id(&input.id, NodeKind::Territory, "id") {
            Err(errors) => rejected(errors),
            Ok(id) => {
                let db = &request(ctx).db;
                outcome(
                    db.archive_territory(tenant, &caller.actor(), TerritoryId::from_uuid(id), input.version)
                        .await,
                    Territory,
                )
            }
        };
        let (territory, user_errors) = result?;
        Ok(TerritoryPayload { territory, user_errors })
    }

    async fn create_centre(&self, ctx: &Context<'_>, input: CreateCentreInput) -> async_graphql::Result<CentrePayload> {
        let caller = authorize(ctx, Permission::WriteDirectory)?;
        let tenant = tenant(caller)?;
        let db = &request(ctx).db;
        let result: Outcome<Centre> = match input.into_draft() {
            Err(errors) => rejected(errors),
            Ok(draft) => match draft.validate() {
                Ok(data) => outcome(db.create_centre(tenant, &caller.actor(), data).await, Centre),
                Err(errors) => outcome(Err(errors.into()), Centre),
            },
        };
        let (centre, user_errors) = result?;
        Ok(CentrePayload { centre, user_errors })
    }

    /// Federation staff may update any centre of their federation; a centre manager only the centres of
    /// their token.
    async fn update_centre(&self, ctx: &Context<'_>, input: UpdateCentreInput) -> async_graphql::Result<CentrePayload> {
        let result: Outcome<Centre> = match input.centre_id() {
            Err(errors) => {
                authorize(ctx, Permission::ReadDirectory)?;
                rejected(errors)
            }
            Ok(id) => {
                let caller = authorize(ctx, Permission::EditCentre(id))?;
                let tenant = tenant(caller)?;
                let version = input.version;
                match input.into_patch() {
                    Err(errors) => rejected(errors),
                    Ok(patch) => {
                        let db = &request(ctx).db;
                        outcome(
                            db.update_centre(tenant, &caller.actor(), id, version, patch).await,
                            Centre,
                        )
                    }
                }
            }
        };
        let (centre, user_errors) = result?;
        Ok(CentrePayload { centre, user_errors })
    }

    async fn archive_centre(&self, ctx: &Context<'_>, input: ArchiveInput) -> async_graphql::Result<CentrePayload> {
        let caller = authorize(ctx, Permission::WriteDirectory)?;
        let tenant = tenant(caller)?;
        let result: Outcome<Centre> = match object_id(&input.id, NodeKind::Centre, "id") {
            Err(errors) => rejected(errors),
            Ok(id) => {
                let db = &request(ctx).db;
                outcome(
                    db.archive_centre(tenant, &caller.actor(), CentreId::from_uuid(id), input.version)
                        .await,
                    Centre,
                )
            }
        };
        let (centre, user_errors) = result?;
        Ok(CentrePayload { centre, user_errors })
    }

    async fn create_partner(
        &self,
        ctx: &Context<'_>,
        input: CreatePartnerInput,
    ) -> async_graphql::Result<PartnerPayload> {
        let caller = authorize(ctx, Permission::WriteDirectory)?;
        let tenant = tenant(caller)?;
        let db = &request(ctx).db;
        let result = match input.into_draft().validate() {
            Ok(data) => db.create_partner(tenant, &caller.actor(), data).await,
            Err(errors) => Err(errors.into()),
        };
        let (partner, user_errors) = outcome(result, Partner)?;
        Ok(PartnerPayload { partner, user_errors })
    }

    async fn update_partner(
        &self,
        ctx: &Context<'_>,
        input: UpdatePartnerInput,
    ) -> async_graphql::Result<PartnerPayload> {
        let caller = authorize(ctx, Permission::WriteDirectory)?;
        let tenant = tenant(caller)?;
        let result: Outcome<Partner> = match input.partner_id() {
            Err(errors) => rejected(errors),
            Ok(id) => {
                let version = input.version;
                let db = &request(ctx).db;
                outcome(
                    db.update_partner(tenant, &caller.actor(), id, version, input.into_patch())
                        .await,
                    Partner,
                )
            }
        };
        let (partner, user_errors) = result?;
        Ok(PartnerPayload { partner, user_errors })
    }

    async fn archive_partner(&self, ctx: &Context<'_>, input: ArchiveInput) -> async_graphql::Result<PartnerPayload> {
        let caller = authorize(ctx, Permission::WriteDirectory)?;
        let tenant = tenant(caller)?;
        let result: Outcome<Partner> = match object_id(&input.id, NodeKind::Partner, "id") {
            Err(errors) => rejected(errors),
            Ok(id) => {
                let db = &request(ctx).db;
                outcome(
                    db.archive_partner(tenant, &caller.actor(), PartnerId::from_uuid(id), input.version)
                        .await,
                    Partner,
                )
            }
        };
        let (partner, user_errors) = result?;
        Ok(PartnerPayload { partner, user_errors })
    }
}
