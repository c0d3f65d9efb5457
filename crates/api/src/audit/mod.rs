//! The audit log over GraphQL: read-only, for federation administrators (and national ones).

mod query;
mod subscription;

pub use query::AuditQuery;
pub use subscription::AuditSubscription;
