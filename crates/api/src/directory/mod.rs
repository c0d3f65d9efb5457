//! The directory over GraphQL: federations, territories, centres and partners.

mod enums;
mod inputs;
mod mutation;
mod payloads;
mod query;
mod types;

pub(crate) use enums::FederationKind;
pub(crate) use enums::{CentreKind as CentreKindEnum, Management as ManagementEnum};
pub use mutation::DirectoryMutation;
pub use query::DirectoryQuery;
pub(crate) use types::{CentreFields, CentreRecord, Partner, Territory};
