//! Governance over GraphQL: bodies and their rulebooks, meetings from convocation to approved minutes,
//! decisions, and the conformity report.

mod centre;
mod enums;
mod inputs;
mod mutation;
mod query;
mod types;

pub(crate) use centre::GovernanceOfCentre;
pub use mutation::GovernanceMutation;
pub use query::GovernanceQuery;
pub use types::{Body, Decision, Meeting};
