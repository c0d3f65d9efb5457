//! The directory: federations (the tenants), their territories, centres and EVS, and partners.

mod accreditation;
mod centre;
mod federation;
mod kinds;
mod partner;
mod repository;
mod territory;
pub mod values;

pub use accreditation::{Accreditation, AccreditationDraft, AccreditationError};
pub use centre::{
    Centre, CentreData, CentreDraft, CentreFilter, CentreOrder, CentreOrderField, CentrePatch, CentreSummary,
    NO_ACCREDITATION_END,
};
pub use federation::{Federation, FederationData, FederationDraft, FederationPatch, Slug, SlugError};
pub use kinds::{ActionDomain, CentreKind, FederationKind, Management, PartnerKind, TerritoryKind};
pub use partner::{
    Contact, ContactDraft, Partner, PartnerData, PartnerDraft, PartnerFilter, PartnerOrder, PartnerOrderField,
    PartnerPatch,
};
pub use repository::{CentreRepository, FederationRepository, PartnerRepository, TerritoryRepository};
pub use territory::{
    Commune, CommuneDraft, Territory, TerritoryData, TerritoryDraft, TerritoryFilter, TerritoryOrder,
    TerritoryOrderField, TerritoryPatch,
};
