//! The audit log over GraphQL: read-only, for federation administrators (and national ones).

mod query;

pub use query::AuditQuery;
