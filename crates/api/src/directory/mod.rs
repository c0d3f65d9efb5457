//! The directory over GraphQL: federations, territories, centres and partners.

mod enums;
mod inputs;
pub(crate) mod loaders;
mod mutation;
mod payloads;
mod query;
mod totals;
pub(crate) mod types;

pub use mutation::DirectoryMutation;
pub use query::DirectoryQuery;
