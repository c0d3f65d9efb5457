//! The conventions' enumerations on the wire, with the users' French labels in their descriptions.

use async_graphql::Enum;
use pactes_domain::conventions as domain;

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::ConventionKind")]
pub enum ConventionKind {
    /// Convention pluriannuelle d'objectifs
    Cpo,
    /// Convention d'objectifs et de financement (prestation de service)
    Cof,
    /// Convention quadripartite
    Quadripartite,
    /// Convention annexe à un pacte ou une charte
    Annexe,
    /// Mise à disposition de locaux ou de personnel
    MiseADisposition,
    /// Autre
    Other,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::ConventionRole")]
pub enum ConventionRole {
    /// Financeur
    Funder,
    /// Bénéficiaire
    Beneficiary,
    /// Signataire
    Signatory,
    /// Opérateur
    Operator,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::FundingNature")]
pub enum FundingNature {
    /// Fonctionnement
    Fonctionnement,
    /// Projet
    Projet,
    /// Prestation de service
    PrestationService,
    /// Investissement
    Investissement,
    /// Autre
    Autre,
}

/// Where a convention is in its life. `ACTIVE` and `EXPIRED` follow from its period and today's date (UTC).
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::ConventionState")]
pub enum ConventionStatus {
    /// Brouillon
    Draft,
    /// En négociation
    Negotiation,
    /// Signée, pas encore en vigueur
    Signed,
    /// En vigueur
    Active,
    /// Échue
    Expired,
    /// Résiliée
    Terminated,
}

/// What funding totals are grouped by.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FundingGroup {
    /// National callers: per federation.
    Federation,
    Funder,
    Beneficiary,
    Year,
    Nature,
    /// The convention's kind.
    Kind,
}

impl From<FundingGroup> for domain::FundingGroup {
    fn from(value: FundingGroup) -> domain::FundingGroup {
        match value {
            FundingGroup::Federation => domain::FundingGroup::Federation,
            FundingGroup::Funder => domain::FundingGroup::Funder,
            FundingGroup::Beneficiary => domain::FundingGroup::Beneficiary,
            FundingGroup::Year => domain::FundingGroup::Year,
            FundingGroup::Nature => domain::FundingGroup::Nature,
            FundingGroup::Kind => domain::FundingGroup::Kind,
        }
    }
}

#[derive(Enum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ConventionOrderField {
    #[default]
    Reference,
    /// The last day in force.
    End,
    CreatedAt,
}

impl From<ConventionOrderField> for domain::ConventionOrderField {
    fn from(value: ConventionOrderField) -> domain::ConventionOrderField {
        match value {
            ConventionOrderField::Reference => domain::ConventionOrderField::Reference,
            ConventionOrderField::End => domain::ConventionOrderField::End,
            ConventionOrderField::CreatedAt => domain::ConventionOrderField::CreatedAt,
        }
    }
}
