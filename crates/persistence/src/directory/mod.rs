//! Directory tables and their repositories.

pub(crate) mod centre;
mod federation;
pub(crate) mod partner;
pub(crate) mod territory;

pub use federation::FEDERATIONS_TTL;
pub(crate) use federation::{FederationCache, count_federations, insert_federation_in};
