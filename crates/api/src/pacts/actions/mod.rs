//! Action sheets (*fiches action*) over GraphQL: the sheets of a pact and of its objectives, a centre's, and
//! their writes.

mod inputs;
mod loaders;
mod mutation;
mod query;
mod types;

pub(crate) use loaders::actions_of_pact;
pub use mutation::ActionSheetsMutation;
pub(super) use query::actions_of_centre;
pub use types::ActionSheet;
