//! The pacts' enumerations on the wire, with the users' French labels in their descriptions.

use async_graphql::Enum;
use pactes_domain::pacts as domain;

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::PactKind")]
pub enum PactKind {
    /// Pacte de coopération
    Pacte,
    /// Charte de coopération
    Charte,
    /// Protocole de coopération
    Protocole,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::SignatoryRole")]
pub enum SignatoryRole {
    /// Centre membre
    Member,
    /// Partenaire
    Partner,
    /// Financeur
    Funder,
    /// La fédération
    Federation,
}

/// Where a pact is in its life. `ACTIVE` and `EXPIRED` follow from its period and today's date (UTC).
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::EffectiveStatus")]
pub enum PactStatus {
    /// Brouillon
    Draft,
    /// En consultation
    Consultation,
    /// Signé, pas encore en vigueur
    Signed,
    /// En vigueur
    Active,
    /// Échu
    Expired,
    /// Résilié
    Terminated,
}

#[derive(Enum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PactOrderField {
    #[default]
    Title,
    Start,
    CreatedAt,
}

impl From<PactOrderField> for domain::PactOrderField {
    fn from(value: PactOrderField) -> domain::PactOrderField {
        match value {
            PactOrderField::Title => domain::PactOrderField::Title,
            PactOrderField::Start => domain::PactOrderField::Start,
            PactOrderField::CreatedAt => domain::PactOrderField::CreatedAt,
        }
    }
}

/// Where an action stands.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::ActionStatus")]
pub enum ActionStatus {
    /// Prévue
    Planned,
    /// En cours
    InProgress,
    /// Réalisée
    Done,
    /// Annulée
    Cancelled,
}

/// How a means of an action is provided.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::MeansKind")]
pub enum MeansKind {
    /// Mutualisé : mis en commun par les membres
    Pooled,
    /// Sollicité : demandé à un partenaire
    Requested,
    /// Propre à l'acteur
    Own,
}
