//! Directory tables and their repositories.

mod centre;
mod federation;
mod partner;
mod territory;

pub use federation::FEDERATIONS_TTL;
pub(crate) use federation::{FederationCache, count_federations, insert_federation_in};
