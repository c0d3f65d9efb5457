//! Directory mutations, built from the shared helpers of [`crate::mutation`].

use async_graphql::{Context, Object};
use pactes_domain::directory::{CentreRepository, FederationRepository, PartnerRepository, TerritoryRepository};
use pactes_domain::{Area, CentreId, FederationId, PartnerId, Permission, TerritoryId};

use super::inputs::{
    CreateCentreInput, CreateFederationInput, CreatePartnerInput, CreateTerritoryInput, UpdateCentreInput,
    UpdateFederationInput, UpdatePartnerInput, UpdateTerritoryInput,
};
use super::payloads::{CentrePayload, FederationPayload, PartnerPayload, TerritoryPayload};
use super::types::{Partner, Territory};
use crate::centre::Centre;
use crate::context::{authorize, request};
use crate::federation::Federation;
use crate::inputs::ArchiveInput;
use crate::mutation::{Writer, on_object, outcome, with_valid, writer};
use crate::node_kind::NodeKind;

const WRITE: Permission = Permission::Write(Area::Directory);

#[derive(Default)]
pub struct DirectoryMutation;

#[Object]
impl DirectoryMutation {
    /// National administration: add a federation.
    async fn create_federation(
        &self,
        ctx: &Context<'_>,
        input: CreateFederationInput,
    ) -> async_graphql::Result<FederationPayload> {
        let actor = authorize(ctx, Permission::ManageFederations)?.actor();
        let db = &request(ctx).db;
        let (federation, user_errors) = with_valid(
            input.into_draft().validate(),
            |data| db.create_federation(&actor, data),
            Federation::from,
        )
        .await?;
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
        let actor = authorize(ctx, Permission::ManageFederations)?.actor();
        let db = &request(ctx).db;
        let (id, version) = (input.id.clone(), input.version);
        let write = |uuid| db.update_federation(&actor, FederationId::from_uuid(uuid), version, input.into_patch());
        let (federation, user_errors) = on_object(&id, NodeKind::Federation, write, Federation::from).await?;
        Ok(FederationPayload {
            federation,
            user_errors,
        })
    }

    /// National administration: retire a federation. Its tokens are refused from then on; its records stay.
    async fn archive_federation(
        &self,
        ctx: &Context<'_>,
        input: ArchiveInput,
    ) -> async_graphql::Result<FederationPayload> {
        let actor = authorize(ctx, Permission::ManageFederations)?.actor();
        let db = &request(ctx).db;
        let write = |uuid| db.archive_federation(&actor, FederationId::from_uuid(uuid), input.version);
        let (federation, user_errors) = on_object(&input.id, NodeKind::Federation, write, Federation::from).await?;
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
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (territory, user_errors) = match input.into_draft() {
            Err(errors) => (None, errors),
            Ok(draft) => {
                let write = |data| db.create_territory(tenant, &actor, data);
                with_valid(draft.validate(), write, Territory).await?
            }
        };
        Ok(TerritoryPayload { territory, user_errors })
    }

    async fn update_territory(
        &self,
        ctx: &Context<'_>,
        input: UpdateTerritoryInput,
    ) -> async_graphql::Result<TerritoryPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (id, version) = (input.id.clone(), input.version);
        let (territory, user_errors) = match input.into_patch() {
            Err(errors) => (None, errors),
            Ok(patch) => {
                let write = |uuid| db.update_territory(tenant, &actor, TerritoryId::from_uuid(uuid), version, patch);
                on_object(&id, NodeKind::Territory, write, Territory).await?
            }
        };
        Ok(TerritoryPayload { territory, user_errors })
    }

    async fn archive_territory(
        &self,
        ctx: &Context<'_>,
        input: ArchiveInput,
    ) -> async_graphql::Result<TerritoryPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let write = |uuid| db.archive_territory(tenant, &actor, TerritoryId::from_uuid(uuid), input.version);
        let (territory, user_errors) = on_object(&input.id, NodeKind::Territory, write, Territory).await?;
        Ok(TerritoryPayload { territory, user_errors })
    }

    async fn create_centre(&self, ctx: &Context<'_>, input: CreateCentreInput) -> async_graphql::Result<CentrePayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (centre, user_errors) = match input.into_draft() {
            Err(errors) => (None, errors),
            Ok(draft) => {
                with_valid(
                    draft.validate(),
                    |data| db.create_centre(tenant, &actor, data),
                    Centre::whole,
                )
                .await?
            }
        };
        Ok(CentrePayload { centre, user_errors })
    }

    /// Federation staff may update any centre of their federation; a centre manager only the centres of
    /// their token.
    async fn update_centre(&self, ctx: &Context<'_>, input: UpdateCentreInput) -> async_graphql::Result<CentrePayload> {
        let id = match input.centre_id() {
            Ok(id) => id,
            Err(errors) => {
                // Only a caller who could have written learns that the id is wrong.
                authorize(ctx, Permission::Read(Area::Directory))?;
                return Ok(CentrePayload {
                    centre: None,
                    user_errors: errors,
                });
            }
        };
        let Writer { tenant, actor, db } = writer(ctx, Permission::EditCentre(id))?;
        let version = input.version;
        let (centre, user_errors) = match input.into_patch() {
            Err(errors) => (None, errors),
            Ok(patch) => outcome(
                db.update_centre(tenant, &actor, id, version, patch).await,
                Centre::whole,
            )?,
        };
        Ok(CentrePayload { centre, user_errors })
    }

    async fn archive_centre(&self, ctx: &Context<'_>, input: ArchiveInput) -> async_graphql::Result<CentrePayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let write = |uuid| db.archive_centre(tenant, &actor, CentreId::from_uuid(uuid), input.version);
        let (centre, user_errors) = on_object(&input.id, NodeKind::Centre, write, Centre::whole).await?;
        Ok(CentrePayload { centre, user_errors })
    }

    async fn create_partner(
        &self,
        ctx: &Context<'_>,
        input: CreatePartnerInput,
    ) -> async_graphql::Result<PartnerPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (partner, user_errors) = match input.into_draft() {
            Err(errors) => (None, errors),
            Ok(draft) => {
                let write = |data| db.create_partner(tenant, &actor, data);
                with_valid(draft.validate(), write, Partner).await?
            }
        };
        Ok(PartnerPayload { partner, user_errors })
    }

    async fn update_partner(
        &self,
        ctx: &Context<'_>,
        input: UpdatePartnerInput,
    ) -> async_graphql::Result<PartnerPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let (id, version) = (input.id.clone(), input.version);
        let (partner, user_errors) = match input.into_patch() {
            Err(errors) => (None, errors),
            Ok(patch) => {
                let write = |uuid| db.update_partner(tenant, &actor, PartnerId::from_uuid(uuid), version, patch);
                on_object(&id, NodeKind::Partner, write, Partner).await?
            }
        };
        Ok(PartnerPayload { partner, user_errors })
    }

    async fn archive_partner(&self, ctx: &Context<'_>, input: ArchiveInput) -> async_graphql::Result<PartnerPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let write = |uuid| db.archive_partner(tenant, &actor, PartnerId::from_uuid(uuid), input.version);
        let (partner, user_errors) = on_object(&input.id, NodeKind::Partner, write, Partner).await?;
        Ok(PartnerPayload { partner, user_errors })
    }
}
