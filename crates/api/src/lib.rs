//! The GraphQL API of Pactes: the schema, one module per domain area, DataLoaders, authorisation and the one
//! mapping of errors to the wire.
//!
//! Invariants held here:
//! - only this crate names async-graphql; GraphQL types are the API's own structs built from domain types;
//! - every resolver gets the caller from the per-request [`RequestContext`], and DataLoaders are built per
//!   request with the caller's scope inside (a loader shared across requests would leak across tenants);
//! - validation and business-rule failures are `userErrors` in mutation payloads; everything else is a
//!   top-level error whose `extensions.code` is one of [`ErrorCode`].

mod audit;
mod bounds;
mod centre;
mod context;
mod conventions;
mod directory;
mod documents;
mod engine;
mod error;
mod expansion;
mod federation;
#[doc(hidden)]
pub mod fuzzing;
mod governance;
mod ids;
mod indicators;
mod inputs;
mod limits;
mod loaders;
mod mutation;
mod node;
mod node_kind;
mod operation;
mod pacts;
mod pagination;
mod record;
mod scalars;
mod schema;
mod socket;
mod socket_caller;
mod validated;
mod viewer;

pub use context::RequestContext;
pub use engine::Engine;
pub use error::ErrorCode;
pub use indicators::spreadsheet;
pub use limits::{Budget, Limits};
pub use operation::operation_type;
pub use schema::{ApiSchema, build_schema};
pub use socket::SocketExecutor;
pub use socket_caller::SocketCaller;

/// The name of every kind of object with a global id, for the check that every audited kind resolves.
pub fn node_kind_names() -> Vec<&'static str> {
    node_kind::NodeKind::ALL.iter().map(|k| k.name()).collect()
}

/// Reads an object id given in a token claim: a global id (`Centre:…`, as the API shows it) or a bare UUID.
pub fn claim_id(raw: &str, kind: &str) -> Option<uuid::Uuid> {
    let kind = ids::NodeKind::from_name(kind)?;
    uuid::Uuid::parse_str(raw)
        .ok()
        .or_else(|| ids::decode_as(&async_graphql::ID(raw.to_owned()), kind))
}

/// The party a global id names: a centre, a partner, or a federation (as a party, the federation itself).
pub fn claim_party(raw: &str) -> Option<pactes_domain::agreement::Party> {
    ids::decode_party(&async_graphql::ID(raw.to_owned()))
}

/// The global id of an object of kind `kind` (as `node(id:)` takes it), for tools and tests.
pub fn global_id(kind: &str, id: uuid::Uuid) -> String {
    ids::encode_named(kind, id).0
}

/// The schema definition (SDL) the server serves; `schema.graphql` holds a copy checked by a test.
pub fn sdl() -> String {
    build_schema(Limits::default()).sdl()
}
