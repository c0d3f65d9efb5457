//! Mutation inputs and their translation into domain drafts and patches. Only the translation of ids happens
//! here; every rule on values is the domain's.

use async_graphql::{ID, InputObject, MaybeUndefined};
use pactes_domain::directory as domain;
use pactes_domain::patch::Patch;
use pactes_domain::{CentreId, ContactId, TerritoryId};

use super::enums::{ActionDomain, CentreKind, FederationKind, Management, PartnerKind, TerritoryKind};
use crate::error::{UserError, UserErrorCode};
use crate::inputs::{object_id, patch};
use crate::node_kind::NodeKind;
use crate::scalars::Date;

/// A commune of a territory, with its INSEE code when known.
#[derive(InputObject, Clone)]
pub struct CommuneInput {
    pub name: String,
    /// Five characters, e.g. 59178 (2A/2B for Corsica).
    pub insee_code: Option<String>,
}

/// The communes of a territory input: names only (`communes`) or with INSEE codes (`communeDetails`), not both.
fn communes(
    names: Option<Vec<String>>,
    details: Option<Vec<CommuneInput>>,
) -> Result<Option<Vec<domain::CommuneDraft>>, Vec<UserError>> {
    match (names, details) {
        (Some(_), Some(_)) => Err(vec![UserError::new(
            &["input", "communeDetails"],
            UserErrorCode::Validation,
            "give the communes either as names (communes) or with their codes (communeDetails), not both",
        )]),
        (Some(names), None) => Ok(Some(names.into_iter().map(domain::CommuneDraft::named).collect())),
        (None, Some(details)) => Ok(Some(
            details
                .into_iter()
                .map(|c| domain::CommuneDraft {
                    name: c.name,
                    insee_code: c.insee_code,
                })
                .collect(),
        )),
        (None, None) => Ok(None),
    }
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
    /// The communes' names.
    pub communes: Option<Vec<String>>,
    /// The communes with their INSEE codes (instead of `communes`).
    pub commune_details: Option<Vec<CommuneInput>>,
}

impl CreateTerritoryInput {
    pub fn into_draft(self) -> Result<domain::TerritoryDraft, Vec<UserError>> {
        Ok(domain::TerritoryDraft {
            name: self.name,
            kind: self.kind.into(),
            communes: communes(self.communes, self.commune_details)?.unwrap_or_default(),
        })
    }
}

#[derive(InputObject)]
pub struct UpdateTerritoryInput {
    pub id: ID,
    pub version: i64,
    pub name: Option<String>,
    pub kind: Option<TerritoryKind>,
    /// Replaces the whole list; a commune named again keeps its INSEE code.
    pub communes: Option<Vec<String>>,
    /// Replaces the whole list, with INSEE codes (instead of `communes`).
    pub commune_details: Option<Vec<CommuneInput>>,
}

impl UpdateTerritoryInput {
    pub fn into_patch(self) -> Result<domain::TerritoryPatch, Vec<UserError>> {
        Ok(domain::TerritoryPatch {
            name: self.name,
            kind: self.kind.map(Into::into),
            communes: communes(self.communes, self.commune_details)?,
        })
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
    /// The id of a contact the partner already has, to keep it; left out for a new contact.
    pub id: Option<ID>,
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Contact ids are the partner's own (not global ids): a malformed one is reported on its field.
fn contacts(inputs: Vec<ContactInput>) -> Result<Vec<domain::ContactDraft>, Vec<UserError>> {
    let mut errors = Vec::new();
    let drafts = inputs
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let id = c.id.and_then(|id| match uuid::Uuid::parse_str(id.as_str()) {
                Ok(uuid) => Some(ContactId::from_uuid(uuid)),
                Err(_) => {
                    errors.push(UserError::new(
                        &["input", "contacts", &i.to_string(), "id"],
                        UserErrorCode::NotFound,
                        "this partner has no contact with this id",
                    ));
                    None
                }
            });
            domain::ContactDraft {
                id,
                name: c.name,
                title: c.title,
                email: c.email,
                phone: c.phone,
            }
        })
        .collect();
    if errors.is_empty() { Ok(drafts) } else { Err(errors) }
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
    pub fn into_draft(self) -> Result<domain::PartnerDraft, Vec<UserError>> {
        Ok(domain::PartnerDraft {
            kind: self.kind.into(),
            name: self.name,
            siret: self.siret,
            contacts: contacts(self.contacts)?,
        })
    }
}

#[derive(InputObject)]
pub struct UpdatePartnerInput {
    pub id: ID,
    pub version: i64,
    pub kind: Option<PartnerKind>,
    pub name: Option<String>,
    pub siret: MaybeUndefined<String>,
    /// Replaces the whole list: a contact sent with its `id` keeps it, one without is new, one left out is
    /// removed.
    pub contacts: Option<Vec<ContactInput>>,
}

impl UpdatePartnerInput {
    pub fn into_patch(self) -> Result<domain::PartnerPatch, Vec<UserError>> {
        Ok(domain::PartnerPatch {
            kind: self.kind.map(Into::into),
            name: self.name,
            siret: patch(self.siret, |v| v),
            contacts: self.contacts.map(contacts).transpose()?,
        })
    }
}
