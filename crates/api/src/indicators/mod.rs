//! SENACS-style indicators over GraphQL: the catalogue and the aggregates dashboards read.

mod enums;
mod query;
mod types;

pub use query::IndicatorsQuery;
