//! Partner conventions over GraphQL: the agreements with funders, their parties, funding lines and payments,
//! the totals a funder reconciles, and what expires soon.

mod enums;
mod inputs;
mod mutation;
mod query;
mod types;

pub use mutation::ConventionsMutation;
pub use query::ConventionsQuery;
pub(crate) use query::centre_coverage;
pub use types::{CentreCoverage, Convention};
