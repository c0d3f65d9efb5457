//! PostgreSQL's row-level security: a second wall under the repositories' tenant filter.
//!
//! Every tenant table carries a policy that shows and accepts only the rows of the federation named by the
//! session setting `pactes.tenant` (`*` for a national caller, nothing when it is empty); a partner's session
//! also names its partner (`pactes.partner`), and the pacts, action sheets and conventions show it only what
//! concerns it. The runtime role owns
//! no table, so it cannot switch the policies off (migration 6 and `deploy/`). The setting travels with the
//! connection: each time the pool hands one out — an idle one (`before_acquire`) or a new one (`after_connect`) —
//! it sets `pactes.tenant` (and `pactes.partner`) from the [`RowScope`] the acquiring task runs [`within`]. A task that runs within none
//! sets it empty and sees no tenant row, so a forgotten scope fails closed.
//!
//! This statement replaces sqlx's liveness ping on acquire (one round trip either way) and, like the ping, is
//! not counted among a request's statements. SQLite has no row-level security: there the repositories' filter
//! is the only wall.

use std::future::Future;
use std::pin::Pin;

use pactes_domain::{FederationId, Scope};
use sea_orm::sqlx::pool::PoolConnectionMetadata;
use sea_orm::sqlx::{self, PgConnection};
use uuid::Uuid;

type BoxFuture<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;

/// The session setting the policies read.
pub const TENANT_SETTING: &str = "pactes.tenant";

/// The session setting that narrows a federation's rows to what concerns one partner (migration 17).
pub const PARTNER_SETTING: &str = "pactes.partner";

/// The rows a database session may see and write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowScope {
    /// Every federation's (a national caller, start-up work).
    All,
    /// One federation's.
    Federation(Uuid),
    /// One federation's, and of its pacts, action sheets and conventions only those that concern the partner.
    Partner { federation: Uuid, partner: Uuid },
}

/// The values of the two session settings, tenant then partner.
pub(crate) type Settings = (String, String);

impl RowScope {
    pub fn of(scope: &Scope) -> RowScope {
        match (scope.federation(), scope.partner()) {
            (Some(federation), Some(partner)) => RowScope::Partner {
                federation: federation.as_uuid(),
                partner: partner.as_uuid(),
            },
            (Some(federation), None) => RowScope::Federation(federation.as_uuid()),
            (None, _) => RowScope::All,
        }
    }

    pub fn tenant(federation: FederationId) -> RowScope {
        RowScope::Federation(federation.as_uuid())
    }

    pub(crate) fn settings(self) -> Settings {
        match self {
            RowScope::All => ("*".to_owned(), String::new()),
            RowScope::Federation(id) => (id.to_string(), String::new()),
            RowScope::Partner { federation, partner } => (federation.to_string(), partner.to_string()),
        }
    }
}

tokio::task_local! {
    static CURRENT: RowScope;
}

/// Runs `work` with the database sessions it acquires limited to `rows`.
pub async fn within<F: Future>(rows: RowScope, work: F) -> F::Output {
    CURRENT.scope(rows, work).await
}

/// The settings for the task acquiring a connection now: empty outside any scope.
pub(crate) fn current_settings() -> Settings {
    CURRENT.try_with(|rows| rows.settings()).unwrap_or_default()
}

/// Sets the session's tenant and partner, in one statement.
pub(crate) async fn set(conn: &mut PgConnection, (tenant, partner): Settings) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT set_config('pactes.tenant', $1, false), set_config('pactes.partner', $2, false)")
        .bind(tenant)
        .bind(partner)
        .execute(conn)
        .await
        .map(|_| ())
}

/// The pool's hook on an idle connection about to be handed out.
pub(crate) fn before_acquire<'c>(
    conn: &'c mut PgConnection,
    _meta: PoolConnectionMetadata,
) -> BoxFuture<'c, Result<bool, sqlx::Error>> {
    // Read now, in the acquiring task: the future may be polled after the task-local scope is gone.
    let settings = current_settings();
    Box::pin(async move { set(conn, settings).await.map(|()| true) })
}
