//! SENACS-style indicators over GraphQL: the catalogue and the aggregates dashboards read.

mod campaigns;
mod centre;
mod definitions;
mod enums;
mod progress;
mod query;
mod series;
pub mod spreadsheet;
mod types;
mod upload;

pub use campaigns::{Campaign, CampaignsMutation, CampaignsQuery};
pub(crate) use centre::IndicatorsOfCentre;
pub use definitions::IndicatorDefinitionsMutation;
pub use progress::CampaignsSubscription;
pub use query::IndicatorsQuery;
pub use upload::IndicatorImportMutation;
