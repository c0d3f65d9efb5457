//! Mutation inputs and their translation into domain drafts and patches. Only the translation of ids happens
//! here; every rule on values is the domain's.

use async_graphql::{ID, InputObject, MaybeUndefined};
use pactes_domain::directory as domain;
use pactes_domain::patch::Patch;
use pactes_domain::{CentreId, TerritoryId};

use super::enums::{ActionDomain, CentreKind, FederationKind, Management, PartnerKind, TerritoryKind};
use crate::error::{UserError, UserErrorCode};
use crate::ids::{NodeKind, decode_as};
use crate::scalars::Date;

fn patch<T, U>(value: MaybeUndefined<T>, convert: impl FnOnce(T) -> U) -> Patch<U> {
    match value {
        MaybeUndefined::Undefined => Patch::Keep,
        MaybeUndefined::Null => Patch::Clear,
        MaybeUndefined::Value(v) => Patch::Set(convert(v)),
    }
}

fn not_found(field: &str, what: &str) -> UserError {
    UserError::new(
        &["input", field],
        UserErrorCode::NotFound,
        format!("no such {what} in your federation"),
    )
}

/// The uuid behind `id` when it is an id of `kind`; a malformed id or one of another kind is "not found".
pub fn object_id(id: &ID, kind: NodeKind, field: &str) -> Result<uuid::Uuid, Vec<UserError>> {
    decode_as(id, kind).ok_or_else(|| vec![not_found(field, &kind.name().to_lowercase())])
}

fn territory_id(id: Option<ID>) -> Result<Option<TerritoryId>, Vec<UserError>> {
    id.map(|id| object_id(&id, NodeKind::Territory, "territoryId").map(TerritoryId::from_uuid))
        .transpose()
}

#[derive(InputObject)]
pub struct CreateFederationInput {
    /// Lower-case letters, digits and hyphens; fixed once created (tokens name it).
    pub slug: String,
    pub name: String,
    pub kind: FederationKind,
    pub departements: Vec<String>,
}

impl CreateFederationInput {
    pub fn into_draft(self) -> domain::FederationDraft {
        domain::FederationDraft {
            slug: self.slug,
            name: self.name,
            kind: self.kind.into(),
            departements: self.departements,
        }
    }
}

#[derive(InputObject)]
pub struct UpdateFederationInput {
    pub id: ID,
    /// The version you read.
    pub version: i64,
    pub name: Option<String>,
    pub kind: Option<FederationKind>,
    pub departements: Option<Vec<String>>,
}

impl UpdateFederationInput {
    pub fn into_patch(self) -> domain::FederationPatch {
        domain::FederationPatch {
            name: self.name,
            kind: self.kind.map(Into::into),
            departements: self.departements,
        }
    }
}

#[derive(InputObject)]
pub struct CreateTerritoryInput {
    pub name: String,
    pub kind: TerritoryKind,
    #[graphql(default)]
    pub communes: Vec<String>,
}

impl CreateTerritoryInput {
    pub fn into_draft(self) -> domain::TerritoryDraft {
        domain::TerritoryDraft {
            name: self.name,
            kind: self.kind.into(),
            communes: self.communes,
        }
    }
}

#[derive(InputObject)]
pub struct UpdateTerritoryInput {
    pub id: ID,
    pub version: i64,
    pub name: Option<String>,
    pub kind: Option<TerritoryKind>,
    /// Replaces the whole list.
    pub communes: Option<Vec<String>>,
}

impl UpdateTerritoryInput {
    pub fn into_patch(self) -> domain::TerritoryPatch {
        domain::TerritoryPatch {
            name: self.name,
            kind: self.kind.map(Into::into),
            communes: self.communes,
        }
    }
}

/// A CAF accreditation period: at most 4 years, both days included.
#[derive(InputObject, Clone, Copy)]
pub struct AccreditationInput {
    pub start: Date,
    pub end: Date,
}

impl From<AccreditationInput> for domain::AccreditationDraft {
    fn from(value: AccreditationInput) -> domain::AccreditationDraft {
        domain::AccreditationDraft {
            start: value.start.0,
            end: value.end.0,
        }
    }
}

#[derive(InputObject)]
pub struct CreateCentreInput {
    pub kind: CentreKind,
    pub name: String,
    pub management: Option<Management>,
    pub address: Option<String>,
    /// Five digits, e.g. 59500.
    pub postal_code: Option<String>,
    pub commune: String,
    pub insee_code: Option<String>,
    /// A French number in any usual spelling: "03 27 96 90 33", "+33 3 27 96 90 33"…
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    /// 14 digits, checked with its key.
    pub siret: Option<String>,
    pub accreditation: Option<AccreditationInput>,
    pub territory_id: Option<ID>,
    #[graphql(default)]
    pub action_domains: Vec<ActionDomain>,
}

impl CreateCentreInput {
    pub fn into_draft(self) -> Result<domain::CentreDraft, Vec<UserError>> {
        Ok(domain::CentreDraft {
            territory_id: territory_id(self.territory_id)?,
            kind: self.kind.into(),
            name: self.name,
            management: self.management.map(Into::into),
            address: self.address,
            postal_code: self.postal_code,
            commune: self.commune,
            insee_code: self.insee_code,
            phone: self.phone,
            email: self.email,
            website: self.website,
            siret: self.siret,
            accreditation: self.accreditation.map(Into::into),
            action_domains: self.action_domains.into_iter().map(Into::into).collect(),
        })
    }
}

/// Fields left out are kept; fields set to null are cleared.
#[derive(InputObject)]
pub struct UpdateCentreInput {
    pub id: ID,
    pub version: i64,
    pub kind: Option<CentreKind>,
    pub name: Option<String>,
    pub management: MaybeUndefined<Management>,
    pub address: MaybeUndefined<String>,
    pub postal_code: MaybeUndefined<String>,
    pub commune: Option<String>,
    pub insee_code: MaybeUndefined<String>,
    pub phone: MaybeUndefined<String>,
    pub email: MaybeUndefined<String>,
    pub website: MaybeUndefined<String>,
    pub siret: MaybeUndefined<String>,
    pub accreditation: MaybeUndefined<AccreditationInput>,
    pub territory_id: MaybeUndefined<ID>,
    pub action_domains: Option<Vec<ActionDomain>>,
}

impl UpdateCentreInput {
    pub fn centre_id(&self) -> Result<CentreId, Vec<UserError>> {
        object_id(&self.id, NodeKind::Centre, "id").map(CentreId::from_uuid)
    }

    pub fn into_patch(self) -> Result<domain::CentrePatch, Vec<UserError>> {
        let territory_id = match self.territory_id {
            MaybeUndefined::Undefined => Patch::Keep,
            MaybeUndefined::Null => Patch::Clear,
            MaybeUndefined::Value(id) => {
                Patch::Set(object_id(&id, NodeKind::Territory, "territoryId").map(TerritoryId::from_uuid)?)
            }
        };
        Ok(domain::CentrePatch {
            kind: self.kind.map(Into::into),
            name: self.name,
            management: patch(self.management, Into::into),
            address: patch(self.address, |v| v),
            postal_code: patch(self.postal_code, |v| v),
            commune: self.commune,
            insee_code: patch(self.insee_code, |v| v),
            phone: patch(self.phone, |v| v),
            email: patch(self.email, |v| v),
            website: patch(self.website, |v| v),
            siret: patch(self.siret, |v| v),
            accreditation: patch(self.accreditation, Into::into),
            territory_id,
            action_domains: self
                .action_domains
                .map(|domains| domains.into_iter().map(Into::into).collect()),
        })
    }
}

#[derive(InputObject, Clone)]
pub struct ContactInput {
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl From<ContactInput> for domain::ContactDraft {
    fn from(c: ContactInput) -> domain::ContactDraft {
        domain::ContactDraft {
            name: c.name,
            title: c.title,
            email: c.email,
            phone: c.phone,
        }
    }
}

#[derive(InputObject)]
pub struct CreatePartnerInput {
    pub kind: PartnerKind,
    pub name: String,
    pub siret: Option<String>,
    #[graphql(default)]
    pub contacts: Vec<ContactInput>,
}

impl CreatePartnerInput {
    pub fn into_draft(self) -> domain::PartnerDraft {
        domain::PartnerDraft {
            kind: self.kind.into(),
            name: self.name,
            siret: self.siret,
            contacts: self.contacts.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(InputObject)]
pub struct UpdatePartnerInput {
    pub id: ID,
    pub version: i64,
    pub kind: Option<PartnerKind>,
    pub name: Option<String>,
    pub siret: MaybeUndefined<String>,
    /// Replaces the whole list.
    pub contacts: Option<Vec<ContactInput>>,
}

impl UpdatePartnerInput {
    pub fn into_patch(self) -> domain::PartnerPatch {
        domain::PartnerPatch {
            kind: self.kind.map(Into::into),
            name: self.name,
            siret: patch(self.siret, |v| v),
            contacts: self.contacts.map(|c| c.into_iter().map(Into::into).collect()),
        }
    }
}

/// Archives an object: it leaves the lists (unless `includeArchived`), keeps its history, and stays readable
/// by id.
#[derive(InputObject)]
pub struct ArchiveInput {
    pub id: ID,
    pub version: i64,
}
