//! Storage for Pactes: sea-orm entities and the implementations of the domain's repository traits, on
//! PostgreSQL (production) and SQLite (the embedded default).
//!
//! Invariants held here:
//! - entities never leave this crate: callers see domain types only;
//! - every read of a tenant-owned table filters on `federation_id` from the caller's scope, and every write
//!   targets one tenant explicitly;
//! - a write and its audit entry share one transaction;
//! - every statement is counted (see [`Database::statement_count`]) so tests can bound a request's queries.

mod amendments;
mod audit;
mod changes;
mod constraints;
mod conventions;
mod database;
pub mod demo;
mod directory;
mod documents;
mod error;
mod governance;
mod indicators;
mod keyset;
mod lists;
pub mod money;
mod pacts;
mod parked;
mod party;
mod pattern;
mod pool;
mod references;
pub mod request_stats;
pub mod row_security;
mod rows;
mod scope;
mod scoped;
#[cfg(feature = "test-support")]
pub mod scratch;
mod session;
mod sql;
mod startup;
mod tenant;
mod write;

pub use changes::{ChangeNotice, Changes, Notice};
pub use constraints::unique_constraint_names;
pub use directory::FEDERATIONS_TTL;
pub use governance::{Delivery, Outgoing};
pub use indicators::{NATIONAL_CATALOGUE, parse_catalogue};

pub use database::{Database, MigrationState};
pub use error::ConnectError;
pub use pool::{DatabaseSettings, PoolUsage};
