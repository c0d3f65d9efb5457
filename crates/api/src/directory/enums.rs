//! The directory's enumerations on the wire. Each mirrors a domain enumeration; the descriptions carry the
//! users' French labels.

use async_graphql::Enum;
use pactes_domain::directory as domain;

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::FederationKind")]
pub enum FederationKind {
    /// Fédération départementale
    Departmental,
    /// Fédération interdépartementale
    Interdepartmental,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::TerritoryKind")]
pub enum TerritoryKind {
    /// Arrondissement
    Arrondissement,
    /// EPCI (intercommunalité)
    Epci,
    /// Groupement de communes
    CommuneGroup,
    /// Département
    Departement,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::CentreKind")]
pub enum CentreKind {
    /// Centre social (et socioculturel)
    CentreSocial,
    /// Espace de vie sociale
    Evs,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::Management")]
pub enum Management {
    /// Gestion associative
    Associative,
    /// Gestion municipale
    Municipal,
    /// Gestion intercommunale
    Intercommunal,
    /// Gestion Caf
    Caf,
    /// Autre gestion
    Other,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::PartnerKind")]
pub enum PartnerKind {
    /// Caisse d'allocations familiales
    Caf,
    /// Conseil départemental
    Departement,
    /// Conseil régional
    Region,
    /// Commune
    Commune,
    /// Intercommunalité (EPCI)
    Epci,
    /// État
    Etat,
    /// Association
    Association,
    /// Fédération
    Federation,
    /// Autre partenaire
    Other,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::ActionDomain")]
pub enum ActionDomain {
    /// Petite enfance
    EarlyChildhood,
    /// Enfance (6-11 ans)
    Children,
    /// Jeunesse (12-17 ans)
    Youth,
    /// Jeunes adultes (18-25 ans)
    YoungAdults,
    /// Familles et parentalité
    Families,
    /// Seniors
    Seniors,
    /// Accès aux droits
    Rights,
    /// Inclusion numérique
    Digital,
    /// Insertion et emploi
    Employment,
    /// Ateliers de français (FLE)
    Language,
    /// Santé
    Health,
    /// Culture
    Culture,
}

#[derive(Enum, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[graphql(remote = "domain::CentreOrderField")]
pub enum CentreOrderField {
    #[default]
    Name,
    Commune,
    /// The accreditation's last day, soonest first when ascending (renewals to prepare); centres without an
    /// accreditation come after every date.
    AccreditationEnd,
    /// Creation order (oldest first when ascending).
    CreatedAt,
}

#[derive(Enum, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[graphql(remote = "domain::TerritoryOrderField")]
pub enum TerritoryOrderField {
    #[default]
    Name,
    CreatedAt,
}

#[derive(Enum, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[graphql(remote = "domain::PartnerOrderField")]
pub enum PartnerOrderField {
    #[default]
    Name,
    CreatedAt,
}
