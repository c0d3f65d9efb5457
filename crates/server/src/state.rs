//! What every request of the process shares: built at start-up (`startup.rs`), read by the routes.

use pactes_api::Engine;
use pactes_persistence::Database;

use crate::auth::Authenticator;

/// Process-wide state, shared by every request. Per-request state (the caller, the loaders) is built in the
/// GraphQL handler; nothing here depends on a request, so replicas are interchangeable.
pub struct AppState {
    /// Executes GraphQL operations; its schema serves WebSockets.
    pub engine: Engine,
    pub db: Database,
    pub auth: Authenticator,
    pub max_body_bytes: usize,
    pub max_upload_bytes: usize,
    pub max_batch: usize,
    pub admission: crate::admission::Admission,
    pub max_response_bytes: usize,
    pub request_timeout: std::time::Duration,
    pub limits: pactes_api::Limits,
    pub metrics: crate::metrics::Metrics,
    pub metrics_token: Option<crate::config::Secret>,
    pub throttle: crate::throttle::Throttle,
    /// Roles whose callers may only run trusted documents.
    pub trusted_only: Vec<pactes_domain::Role>,
    /// Whether this replica sends convocation letters (a mail server is configured).
    pub mail_sending: bool,
}
