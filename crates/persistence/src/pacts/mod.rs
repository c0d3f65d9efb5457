//! Pacts, charters and protocols: their table, their parts, and the repository.

mod actions;
mod entity;
mod parts;
mod party;
mod record;
mod references;
mod repository;

pub(crate) use repository::signed_by_partner;
