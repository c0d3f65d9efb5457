//! SENACS-style indicators: the catalogue, yearly campaigns, centres' values, and aggregates with the right
//! arithmetic — a share is a ratio of sums, never a mean of shares; a missing value is not a zero.

mod aggregate;
mod campaign;
mod catalogue;
mod disclosure;
mod import;
mod quantity;
mod repository;
#[cfg(test)]
mod tests;

pub use aggregate::{AggregateValue, GroupSums, Position, quartiles};
pub use campaign::{
    Campaign, CampaignContent, CampaignData, CampaignDraft, CampaignEvent, CampaignStatus, Submission, SubmissionEvent,
    SubmissionStatus,
};
pub use catalogue::{
    Category, Components, Indicator, IndicatorCode, IndicatorDraft, IndicatorKind, Rule, validate_catalogue,
};
pub use disclosure::{DEFAULT_MIN_GROUP, withhold_small_groups};
pub use import::{ResolvedValue, ValueCell, resolve_values};
pub use quantity::{Quantity, QuantityError, Unit, divide_hundredths, format_hundredths};
pub use repository::{
    AggregateFilter, AggregateGroup, AggregateSums, CentreValue, Completeness, GroupKey, IndicatorRepository,
};
