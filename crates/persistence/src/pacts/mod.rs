//! Pacts, charters and protocols: their table, their parts, and the repository.

mod entity;
mod parts;
mod record;
mod references;
mod repository;
