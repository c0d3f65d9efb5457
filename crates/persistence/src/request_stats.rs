//! The SQL statements and database time of one request, and the connection it reads on (PostgreSQL,
//! [`crate::session`]). The request's task — and every task it spawns for its DataLoaders — runs within
//! [`within`], and the pool's statement callback adds to the request in scope, so concurrent requests never mix
//! their figures (a pool-wide counter would).

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

#[derive(Default)]
pub struct RequestStats {
    statements: AtomicU64,
    nanos: AtomicU64,
    beside: AtomicU64,
    pub(crate) session: crate::session::Session,
}

impl RequestStats {
    pub fn new() -> Arc<RequestStats> {
        Arc::new(RequestStats::default())
    }

    pub fn statements(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// How many of its statements ran beside the request's own connection, on a second one.
    pub fn statements_beside(&self) -> u64 {
        self.beside.load(Ordering::Relaxed)
    }

    pub(crate) fn ran_beside(&self) {
        self.beside.fetch_add(1, Ordering::Relaxed);
    }

    pub fn database_time(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::Relaxed))
    }

    pub(crate) fn record(&self, elapsed: Duration) {
        self.statements.fetch_add(1, Ordering::Relaxed);
        self.nanos
            .fetch_add(u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX), Ordering::Relaxed);
    }
}

tokio::task_local! {
    static CURRENT: Arc<RequestStats>;
}

/// Runs `work` as part of the request `stats` counts.
pub async fn within<F: Future>(stats: Arc<RequestStats>, work: F) -> F::Output {
    CURRENT.scope(stats, work).await
}

/// The request the current task works for, if any.
pub fn current() -> Option<Arc<RequestStats>> {
    CURRENT.try_with(Arc::clone).ok()
}

pub(crate) fn record(elapsed: Duration) {
    let _ = CURRENT.try_with(|stats| stats.record(elapsed));
}
