//! Pacts, charters and protocols of cooperation over GraphQL.

mod enums;
mod inputs;
mod mutation;
mod payloads;
mod query;
mod types;

pub use mutation::PactsMutation;
pub use query::PactsQuery;
pub use types::Pact;
