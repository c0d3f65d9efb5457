//! One request's PostgreSQL connection. Without it, every statement of a request takes a connection from the
//! pool and hands it back, and each hand-out costs a round trip to set the session's tenant (row-level
//! security). With it, a request's reads take a connection set for their tenant, one statement at a time, and
//! hold it only while the statement runs: a request spends most of its time resolving fields and writing its
//! answer, and a connection held through that is one the next request waits for. A request that needs its
//! connection across statements (two statements side by side, see [`Spare`]) holds it for that while
//! ([`Session::holding`]). Reads of the request's loaders share it, one statement at a time.
//!
//! A write never waits for a second connection while holding this one: [`Session::release`] hands it back
//! before the write's transaction begins, so requests cannot hold the pool between them and wait for it.
//!
//! Between statements a connection is kept aside ([`Parked`]) with the tenant its session is set to, rather than
//! handed back to sqlx's pool, which would ping it on its way back and set its tenant again on its way out: two
//! round trips per statement, a sixth of a small request's CPU. The next statement of the same tenant, the
//! request's or another's, takes it as it is; another tenant's sets it first. At most half the pool is kept
//! aside, for a moment only ([`MAX_PARKED`]: a connection idle longer goes back to the pool, which checks it
//! before handing it out), and only while the pool has idle connections of its own, so that no one waiting for
//! the pool is passed by.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sea_orm::sqlx::pool::PoolConnection;
use sea_orm::sqlx::{Executor, Postgres};
use sea_orm::{DbErr, ExecResult, QueryResult, RuntimeErr, Statement};
use sea_query_sqlx::SqlxValues;
use tokio::sync::Mutex;

use crate::database::Database;
use crate::row_security::{self, RowScope};

#[derive(Default)]
pub struct Session {
    held: Mutex<Option<Held>>,
    /// Work that needs the connection across its statements ([`Session::holding`]); while any runs, the
    /// connection is not put aside after each statement.
    holders: AtomicUsize,
}

/// A [`Session::holding`] under way, until it ends however it ends (a cancelled request included: its
/// connection is then put aside when the request's session goes).
struct Holding<'a>(&'a Session);

impl<'a> Holding<'a> {
    fn start(session: &'a Session) -> Holding<'a> {
        session.holders.fetch_add(1, Ordering::Relaxed);
        Holding(session)
    }
}

impl Drop for Holding<'_> {
    fn drop(&mut self) {
        self.0.holders.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The request's connection; dropped, it is parked for the next statement.
struct Held {
    rows: RowScope,
    conn: Option<PoolConnection<Postgres>>,
    parked: Arc<Parked>,
}

impl Held {
    fn new(db: &Database, rows: RowScope, conn: PoolConnection<Postgres>) -> Held {
        Held {
            rows,
            conn: Some(conn),
            parked: db.parked.clone(),
        }
    }

    fn conn(&mut self) -> &mut PoolConnection<Postgres> {
        self.conn
            .as_mut()
            .unwrap_or_else(|| unreachable!("a held connection is only taken on drop"))
    }

    /// Back to the pool rather than aside: after a failure (a timeout, a lost connection), the pool checks it.
    fn discard(mut self) {
        drop(self.conn.take());
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.parked.park(self.rows, conn);
        }
    }
}

/// How long a connection stays aside between statements before it goes back to the pool: long enough for the
/// next statement under load, short enough that an idle server holds nothing the pool cannot check.
pub(crate) const MAX_PARKED: Duration = Duration::from_secs(2);

/// Connections between statements, each with the tenant its session is set to.
pub(crate) struct Parked {
    conns: std::sync::Mutex<Vec<ParkedConn>>,
    /// The pool they come from (none on SQLite, where nothing is kept aside).
    pool: Option<sea_orm::sqlx::PgPool>,
    /// At most this many aside: the rest of the pool stays free for writes and first reads.
    limit: usize,
}

struct ParkedConn {
    rows: RowScope,
    conn: PoolConnection<Postgres>,
    since: Instant,
}

impl Parked {
    pub(crate) fn new(pool: Option<sea_orm::sqlx::PgPool>, max_connections: u32) -> Parked {
        Parked {
            conns: std::sync::Mutex::new(Vec::new()),
            pool,
            limit: (max_connections / 2) as usize,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<ParkedConn>> {
        self.conns.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Keeps `conn` aside, unless the pool has no idle connection: someone may be waiting for one, and a
    /// connection kept aside would pass it by (the next request would take it first, again and again).
    fn park(&self, rows: RowScope, conn: PoolConnection<Postgres>) {
        if self.pool.as_ref().is_none_or(|pool| pool.num_idle() == 0) {
            return;
        }
        let mut conns = self.lock();
        if conns.len() < self.limit {
            conns.push(ParkedConn {
                rows,
                conn,
                since: Instant::now(),
            });
        }
    }

    /// A connection kept aside, one already set for `rows` if there is one (`true`), else another (`false`,
    /// to be set); those aside for too long go back to the pool.
    fn take(&self, rows: RowScope) -> Option<(PoolConnection<Postgres>, bool)> {
        let (found, stale) = {
            let mut conns = self.lock();
            let stale: Vec<ParkedConn> = conns.extract_if(.., |c| c.since.elapsed() >= MAX_PARKED).collect();
            let found = match conns.iter().rposition(|c| c.rows == rows) {
                Some(same) => Some((conns.swap_remove(same).conn, true)),
                None => conns.pop().map(|c| (c.conn, false)),
            };
            (found, stale)
        };
        drop(stale);
        found
    }

    /// Any connection kept aside, with the tenant it is set to (for a public table, which every tenant reads).
    fn take_any(&self) -> Option<(RowScope, PoolConnection<Postgres>)> {
        let mut conns = self.lock();
        let fresh = conns.iter().rposition(|c| c.since.elapsed() < MAX_PARKED)?;
        let c = conns.swap_remove(fresh);
        Some((c.rows, c.conn))
    }

    /// Hands every connection kept aside back to the pool (before it closes).
    pub(crate) fn clear(&self) {
        let all = std::mem::take(&mut *self.lock());
        drop(all);
    }
}

fn sqlx_query(stmt: &Statement) -> sea_orm::sqlx::query::Query<'_, Postgres, SqlxValues> {
    let values = stmt.values.clone().unwrap_or(sea_orm::sea_query::Values(Vec::new()));
    sea_orm::sqlx::query_with(sea_orm::sqlx::AssertSqlSafe(stmt.sql.as_str()), SqlxValues(values))
}

// As sea-orm's driver maps them, so `error::storage` tells an outage from a failure the same way.
fn query_error(error: sea_orm::sqlx::Error) -> DbErr {
    DbErr::Query(RuntimeErr::SqlxError(error.into()))
}

fn exec_error(error: sea_orm::sqlx::Error) -> DbErr {
    DbErr::Exec(RuntimeErr::SqlxError(error.into()))
}

fn conn_error(error: sea_orm::sqlx::Error) -> DbErr {
    DbErr::Conn(RuntimeErr::SqlxError(error.into()))
}

/// What a statement on the session returns.
pub(crate) enum Ran<T> {
    Done(T),
    /// A public read while the request holds no connection: the caller runs it on the pool, holding nothing.
    NotHere,
}

impl Session {
    /// Whether the request holds a connection for `rows`.
    async fn holds(&self, rows: RowScope) -> bool {
        self.held.lock().await.as_ref().is_some_and(|h| h.rows == rows)
    }

    /// Hands the connection back to the pool (before a write takes one of its own).
    pub(crate) async fn release(&self) {
        self.held.lock().await.take();
    }

    /// Runs `work` holding the request's connection from one statement to the next, then puts it aside.
    pub(crate) async fn holding<F: Future>(&self, work: F) -> F::Output {
        let out = {
            let _holding = Holding::start(self);
            work.await
        };
        if self.holders.load(Ordering::Relaxed) == 0 {
            self.held.lock().await.take();
        }
        out
    }

    /// Runs `run` on the request's connection. `rows` is the tenant the statement reads, or `None` for a public
    /// table, which any session may read. The request holds one connection at most, so requests never hold
    /// the pool between them while waiting for it: a statement for other rows hands the held connection back
    /// before it takes one for its own.
    async fn with<T>(
        &self,
        db: &Database,
        rows: Option<RowScope>,
        run: impl AsyncFnOnce(&mut PoolConnection<Postgres>) -> Result<T, DbErr>,
    ) -> Result<Ran<T>, DbErr> {
        let mut held = self.held.lock().await;
        let fits = match (&*held, rows) {
            (Some(_), None) => true,
            (Some(h), Some(rows)) => h.rows == rows,
            (None, Some(_)) => false,
            // A public table: any connection aside reads it, whatever its tenant; else the caller uses the pool.
            (None, None) => match db.parked.take_any() {
                Some((rows, conn)) => {
                    *held = Some(Held::new(db, rows, conn));
                    true
                }
                None => return Ok(Ran::NotHere),
            },
        };
        if !fits && let Some(rows) = rows {
            held.take();
            let conn = take_connection(db, rows).await?;
            *held = Some(Held::new(db, rows, conn));
        }
        let Some(h) = held.as_mut() else {
            return Ok(Ran::NotHere);
        };
        let started = Instant::now();
        let result = run(h.conn()).await;
        db.count_statement(started.elapsed());
        if result.is_err()
            && let Some(h) = held.take()
        {
            // A failed statement (a timeout, a lost connection) leaves nothing worth keeping aside.
            h.discard();
        } else if self.holders.load(Ordering::Relaxed) == 0 {
            // Put aside (dropped, it parks) until the request's next statement, or another request's.
            held.take();
        }
        result.map(Ran::Done)
    }

    pub(crate) async fn query_all(
        &self,
        db: &Database,
        rows: Option<RowScope>,
        stmt: &Statement,
    ) -> Result<Ran<Vec<QueryResult>>, DbErr> {
        self.with(db, rows, async |conn| {
            let found = (&mut **conn).fetch_all(sqlx_query(stmt)).await.map_err(query_error)?;
            Ok(found.into_iter().map(QueryResult::from).collect())
        })
        .await
    }

    pub(crate) async fn query_one(
        &self,
        db: &Database,
        rows: Option<RowScope>,
        stmt: &Statement,
    ) -> Result<Ran<Option<QueryResult>>, DbErr> {
        self.with(db, rows, async |conn| {
            let found = (&mut **conn)
                .fetch_optional(sqlx_query(stmt))
                .await
                .map_err(query_error)?;
            Ok(found.map(QueryResult::from))
        })
        .await
    }

    pub(crate) async fn execute(
        &self,
        db: &Database,
        rows: Option<RowScope>,
        stmt: &Statement,
    ) -> Result<Ran<ExecResult>, DbErr> {
        self.with(db, rows, async |conn| {
            let done = (&mut **conn).execute(sqlx_query(stmt)).await.map_err(exec_error)?;
            Ok(ExecResult::from(done))
        })
        .await
    }
}

/// A connection for `rows`: one kept aside, set for `rows` already or set now, else one from the pool (whose
/// hook sets it).
async fn take_connection(db: &Database, rows: RowScope) -> Result<PoolConnection<Postgres>, DbErr> {
    // One that fails to take the setting is dropped: the pool checks it, and hands out another.
    if let Some((mut conn, already_set)) = db.parked.take(rows)
        && (already_set || row_security::set(&mut conn, rows.setting()).await.is_ok())
    {
        return Ok(conn);
    }
    let pool = db.conn.get_postgres_connection_pool();
    // Boxed: the pool's future is large, and taken once per request, not once per statement.
    Box::pin(row_security::within(rows, pool.acquire()))
        .await
        .map_err(conn_error)
}

/// A second connection for a statement that can run beside the request's own (an aggregate's two independent
/// sums): taken only by a request that already holds its own connection, and only when the pool has one idle
/// right now, never waited for — so no request holds a connection while it waits for another.
pub(crate) struct Spare(PoolConnection<Postgres>);

impl Spare {
    /// An idle connection of the pool, its session limited to `rows` (an idle connection keeps the last
    /// request's setting: it is set here, the pool's hook running only for connections waited for). `None` on
    /// SQLite, outside a request holding its connection for `rows`, when no connection is idle, or when
    /// setting it fails: the caller then runs its statement on the request's connection.
    pub(crate) async fn take(db: &Database, rows: RowScope) -> Option<Spare> {
        if db.backend() != sea_orm::DatabaseBackend::Postgres {
            return None;
        }
        if !crate::request_stats::current()?.session.holds(rows).await {
            return None;
        }
        let mut conn = db.conn.get_postgres_connection_pool().try_acquire()?;
        row_security::set(&mut conn, rows.setting()).await.ok()?;
        Some(Spare(conn))
    }

    pub(crate) async fn query_all(mut self, db: &Database, stmt: &Statement) -> Result<Vec<QueryResult>, DbErr> {
        let started = Instant::now();
        let found = (&mut *self.0).fetch_all(sqlx_query(stmt)).await.map_err(query_error);
        db.count_statement(started.elapsed());
        if let Some(stats) = crate::request_stats::current() {
            stats.ran_beside();
        }
        Ok(found?.into_iter().map(QueryResult::from).collect())
    }
}
