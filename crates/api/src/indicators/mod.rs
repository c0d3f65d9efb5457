//! SENACS-style indicators over GraphQL: the catalogue and the aggregates dashboards read.

mod campaigns;
mod definitions;
mod enums;
mod progress;
mod query;
mod series;
pub mod spreadsheet;
mod types;
mod upload;

pub use campaigns::{Campaign, CampaignsMutation, CampaignsQuery};
pub use definitions::IndicatorDefinitionsMutation;
pub use progress::CampaignsSubscription;
pub use query::IndicatorsQuery;
pub(crate) use series::{MAX_POINTS, SeriesPoint, centre_series};
pub use upload::IndicatorImportMutation;
