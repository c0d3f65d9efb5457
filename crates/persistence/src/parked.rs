//! Connections between statements, each kept aside with the tenant its session is set to, and the requests
//! waiting for one (see `session.rs` for why). Part of the pool: it knows no request.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sea_orm::sqlx::Postgres;
use sea_orm::sqlx::pool::PoolConnection;
use tokio::sync::oneshot;

use crate::row_security::RowScope;

/// How long a connection stays aside between statements before it goes back to the pool: long enough for the
/// next statement under load, short enough that an idle server holds nothing the pool cannot check.
pub(crate) const MAX_PARKED: Duration = Duration::from_secs(2);

/// How often a request waiting for a connection handed over also looks for one idle in the pool.
pub(crate) const RECHECK: Duration = Duration::from_millis(10);

pub(crate) type Handoff = (RowScope, PoolConnection<Postgres>);

/// Connections between statements, each with the tenant its session is set to, and the requests waiting for one.
pub(crate) struct Parked {
    state: std::sync::Mutex<State>,
    /// The pool they come from (none on SQLite, where nothing is kept aside).
    pool: Option<sea_orm::sqlx::PgPool>,
    /// The pool's size: a request finding nothing aside waits for one handed over only when the pool is full.
    pub(crate) max_connections: u32,
    /// Tasks waiting for the pool itself (a write's transaction, a public read, a request's first connection
    /// while the pool can still open one): while any does, a connection leaving a statement goes back to the
    /// pool, where they wait, instead of aside.
    pool_waiting: AtomicUsize,
}

#[derive(Default)]
struct State {
    conns: Vec<ParkedConn>,
    /// Requests waiting for a connection, first come first served: a statement ending hands its connection to
    /// the first of them rather than aside, so that a request arriving later cannot take it first.
    waiters: VecDeque<oneshot::Sender<Handoff>>,
}

struct ParkedConn {
    rows: RowScope,
    conn: PoolConnection<Postgres>,
    since: Instant,
}

impl Parked {
    pub(crate) fn new(pool: Option<sea_orm::sqlx::PgPool>, max_connections: u32) -> Parked {
        Parked {
            state: Default::default(),
            pool,
            max_connections,
            pool_waiting: AtomicUsize::new(0),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Hands `conn` to the first request waiting for one, else keeps it aside; it goes back to the pool when
    /// someone waits there (sqlx's pool does not know about the connections aside).
    pub(crate) fn park(&self, rows: RowScope, conn: PoolConnection<Postgres>) {
        if self.pool.is_none() || self.pool_waiting.load(Ordering::Acquire) > 0 {
            return;
        }
        let mut handed = (rows, conn);
        let mut state = self.lock();
        while let Some(waiter) = state.waiters.pop_front() {
            match waiter.send(handed) {
                Ok(()) => return,
                // That request is gone (cancelled, or served by the pool first).
                Err(back) => handed = back,
            }
        }
        state.conns.push(ParkedConn {
            rows: handed.0,
            conn: handed.1,
            since: Instant::now(),
        });
    }

    /// A connection kept aside with the tenant it is set to, one already set for `prefer` if there is one;
    /// those aside for too long go back to the pool.
    pub(crate) fn take(&self, prefer: Option<RowScope>) -> Option<(PoolConnection<Postgres>, RowScope)> {
        let (taken, stale) = {
            let mut state = self.lock();
            let stale: Vec<ParkedConn> = state
                .conns
                .extract_if(.., |c| c.since.elapsed() >= MAX_PARKED)
                .collect();
            (Self::pick(&mut state, prefer), stale)
        };
        drop(stale);
        taken
    }

    fn pick(state: &mut State, prefer: Option<RowScope>) -> Option<(PoolConnection<Postgres>, RowScope)> {
        let same = prefer.and_then(|rows| state.conns.iter().rposition(|c| c.rows == rows));
        let found = match same {
            Some(same) => same,
            None => state.conns.len().checked_sub(1)?,
        };
        let c = state.conns.swap_remove(found);
        Some((c.conn, c.rows))
    }

    /// A connection kept aside, else a place in the queue of requests waiting for one.
    pub(crate) fn take_or_queue(
        &self,
        rows: RowScope,
    ) -> Result<(PoolConnection<Postgres>, RowScope), oneshot::Receiver<Handoff>> {
        let mut state = self.lock();
        if let Some(taken) = Self::pick(&mut state, Some(rows)) {
            return Ok(taken);
        }
        let (sender, receiver) = oneshot::channel();
        state.waiters.retain(|w| !w.is_closed());
        state.waiters.push_back(sender);
        Err(receiver)
    }

    /// Runs `wait`, which waits for the pool: meanwhile connections leaving statements go back to the pool, and
    /// if the pool has none idle, one kept aside goes back at once, so that the connections aside cannot keep
    /// the waiting task from its turn.
    pub(crate) async fn waiting_for_pool<F: Future>(&self, wait: F) -> F::Output {
        struct Waiting<'a>(&'a AtomicUsize);
        impl Drop for Waiting<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::AcqRel);
            }
        }
        self.pool_waiting.fetch_add(1, Ordering::AcqRel);
        let _waiting = Waiting(&self.pool_waiting);
        if self.pool.as_ref().is_some_and(|pool| pool.num_idle() == 0) {
            let back = self.lock().conns.pop();
            drop(back);
        }
        wait.await
    }

    /// Hands every connection kept aside back to the pool (before it closes).
    pub(crate) fn clear(&self) {
        let all = std::mem::take(&mut *self.lock());
        drop(all);
    }
}
