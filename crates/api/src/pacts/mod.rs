//! Pacts, charters and protocols of cooperation over GraphQL.

mod actions;
mod centre;
mod enums;
mod inputs;
mod mutation;
mod payloads;
mod query;
mod types;

pub use actions::{ActionSheet, ActionSheetsMutation};
pub(crate) use centre::PactsOfCentre;
pub use mutation::PactsMutation;
pub use query::PactsQuery;
pub(crate) use types::load_party;
pub use types::{Amendment, Pact, Party};
