//! Indicators: the national catalogue, centres' yearly values written in bulk, and aggregates' sums computed by
//! the database.

mod aggregates;
mod campaigns;
mod catalogue;
mod entity;
mod repository;
mod values;

pub(crate) use catalogue::replace_in as replace_catalogue_in;
pub use catalogue::{NATIONAL_CATALOGUE, parse_catalogue};
pub(crate) use values::write_values;
