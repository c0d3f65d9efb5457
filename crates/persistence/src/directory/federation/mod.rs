mod cache;
mod entity;
mod repository;

pub use cache::FEDERATIONS_TTL;
pub(crate) use cache::FederationCache;
pub(crate) use repository::{count_federations, insert_federation_in};
