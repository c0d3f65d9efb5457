//! Partner conventions over GraphQL: the agreements with funders, their parties, funding lines and payments,
//! the totals a funder reconciles, and what expires soon.

mod centre;
mod enums;
mod inputs;
mod mutation;
mod query;
mod types;

pub(crate) use centre::ConventionsOfCentre;
pub use mutation::ConventionsMutation;
pub use query::ConventionsQuery;
pub use types::Convention;
