//! The indicators' enumerations on the wire.

use async_graphql::Enum;
use pactes_domain::indicators as domain;

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::Category")]
pub enum IndicatorCategory {
    /// Territoire
    Territoire,
    /// Gouvernance
    Gouvernance,
    /// Bénévolat
    Benevolat,
    /// Emploi
    Emploi,
    /// Finances
    Finances,
    /// Activités
    Activites,
    /// Partenariats
    Partenariats,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::Unit")]
pub enum IndicatorUnit {
    Count,
    Hours,
    Fte,
    Euros,
    Percent,
    Boolean,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::IndicatorKind")]
pub enum IndicatorKind {
    /// A centre reports it.
    Collected,
    /// Computed from its inputs, never typed in.
    Derived,
}

/// How the values of many centres combine.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::Rule")]
pub enum AggregationRule {
    /// The sum over the reporting centres.
    Sum,
    /// The sum over the reporting centres, divided by their number.
    Mean,
    /// Σ numerator ÷ Σ denominator over the centres that reported both, in percent: never a mean of ratios.
    Ratio,
    /// Centres answering true ÷ centres answering, in percent.
    ShareTrue,
}

/// What aggregates are grouped by; every row also has its indicator and year.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndicatorGroup {
    /// National callers: per federation.
    Federation,
    Territory,
    /// The centre's département, from its postal code.
    Departement,
    /// Centre social or espace de vie sociale: different populations, reported apart.
    CentreKind,
    /// Associative, municipal, CAF, other.
    Management,
    /// A no-op kept for clients that name it: rows are per year anyway.
    Year,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::CampaignStatus")]
pub enum CampaignStatus {
    /// En préparation
    Draft,
    /// Ouverte : les centres saisissent
    Open,
    /// Close
    Closed,
    /// Publiée : lisible par les partenaires
    Published,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::SubmissionStatus")]
pub enum SubmissionStatus {
    /// Non commencée
    NotStarted,
    /// En cours
    InProgress,
    /// Transmise
    Submitted,
    /// Validée
    Validated,
    /// Rejetée
    Rejected,
}
