//! Pacts, charters and protocols of cooperation over GraphQL.

mod actions;
mod enums;
mod inputs;
mod mutation;
mod payloads;
mod query;
mod types;

pub(crate) use actions::actions_of_centre;
pub use actions::{ActionSheet, ActionSheetsMutation};
pub use mutation::PactsMutation;
pub use query::PactsQuery;
pub(crate) use query::pacts_of_centre;
pub(crate) use types::load_party;
pub use types::{Amendment, Pact, Party};
