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
//! request's or another's, takes it as it is; another tenant's sets it first. When nothing is aside and the pool
//! is full, a request queues in [`Parked`], first come first served, and the next statement to end hands its
//! connection straight over. While a task waits for sqlx's pool itself (a write's transaction, a public read),
//! connections go back to the pool instead, and one aside goes back at once if the pool has none idle, so that
//! the connections aside never keep it from its turn. A connection aside for longer than [`crate::parked::MAX_PARKED`] goes
//! back to the pool, which checks it before handing it out.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use sea_orm::sqlx::pool::PoolConnection;
use sea_orm::sqlx::{Executor, Postgres};
use sea_orm::{DbErr, ExecResult, QueryResult, RuntimeErr, Statement};
use sea_query_sqlx::SqlxValues;
use tokio::sync::Mutex;

use crate::parked::{Parked, RECHECK};
use crate::pool::Pool;
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
    fn new(db: &Pool, rows: RowScope, conn: PoolConnection<Postgres>) -> Held {
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
    pub(crate) async fn holds(&self, rows: RowScope) -> bool {
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
    ///
    /// A read whose connection turns out lost (one kept aside while the database restarted) is handed back to
    /// the caller to run on the pool, whose hook replaces dead connections, and every connection aside goes back
    /// to the pool to be checked: the request does not fail for a connection it could not know was gone.
    async fn with<T>(
        &self,
        db: &Pool,
        rows: Option<RowScope>,
        read: bool,
        run: impl AsyncFnOnce(&mut PoolConnection<Postgres>) -> Result<T, DbErr>,
    ) -> Result<Ran<T>, DbErr> {
        let mut held = self.held.lock().await;
        let fits = match (&*held, rows) {
            (Some(_), None) => true,
            (Some(h), Some(rows)) => h.rows == rows,
            (None, Some(_)) => false,
            // A public table: any connection aside reads it, whatever its tenant; else the caller uses the pool.
            (None, None) => match db.parked.take(None) {
                Some((conn, rows)) => {
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
            if let Err(error) = &result
                && crate::error::is_lost_connection(error)
            {
                db.parked.clear();
                if read {
                    return Ok(Ran::NotHere);
                }
            }
        } else if self.holders.load(Ordering::Relaxed) == 0 {
            // Put aside (dropped, it parks) until the request's next statement, or another request's.
            held.take();
        }
        result.map(Ran::Done)
    }

    pub(crate) async fn query_all(
        &self,
        db: &Pool,
        rows: Option<RowScope>,
        stmt: &Statement,
    ) -> Result<Ran<Vec<QueryResult>>, DbErr> {
        self.with(db, rows, true, async |conn| {
            let found = (&mut **conn).fetch_all(sqlx_query(stmt)).await.map_err(query_error)?;
            Ok(found.into_iter().map(QueryResult::from).collect())
        })
        .await
    }

    pub(crate) async fn query_one(
        &self,
        db: &Pool,
        rows: Option<RowScope>,
        stmt: &Statement,
    ) -> Result<Ran<Option<QueryResult>>, DbErr> {
        self.with(db, rows, true, async |conn| {
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
        db: &Pool,
        rows: Option<RowScope>,
        stmt: &Statement,
    ) -> Result<Ran<ExecResult>, DbErr> {
        self.with(db, rows, false, async |conn| {
            let done = (&mut **conn).execute(sqlx_query(stmt)).await.map_err(exec_error)?;
            Ok(ExecResult::from(done))
        })
        .await
    }
}

/// A connection for `rows`: one kept aside, set for `rows` already or set now; else one idle in the pool; else a
/// new one if the pool has room (the pool's hook sets it); else the next one a statement hands over, or one the
/// pool gets back, whichever comes first.
async fn take_connection(db: &Pool, rows: RowScope) -> Result<PoolConnection<Postgres>, DbErr> {
    let pool = db.conn.get_postgres_connection_pool();
    // Boxed: the pool's future is large, and taken once per request, not once per statement.
    let from_pool = || Box::pin(db.parked.waiting_for_pool(row_security::within(rows, pool.acquire())));
    let (mut conn, set_for) = match db.parked.take(Some(rows)) {
        Some((conn, set_for)) => (conn, Some(set_for)),
        // Taken without the pool's hook: set below.
        None => match pool.try_acquire() {
            Some(conn) => (conn, None),
            None if pool.size() < db.parked.max_connections => return from_pool().await.map_err(conn_error),
            None => match db.parked.take_or_queue(rows) {
                Ok((conn, set_for)) => (conn, Some(set_for)),
                Err(mut handoff) => {
                    // Not raced with `pool.acquire()`: a pool acquisition dropped half-way (the race lost)
                    // stalled sqlx's pool for up to seconds. A connection that goes back to the pool instead
                    // (a write's) is picked up here every RECHECK.
                    let started = Instant::now();
                    loop {
                        match tokio::time::timeout(RECHECK, &mut handoff).await {
                            Ok(Ok((set_for, conn))) => break (conn, Some(set_for)),
                            Ok(Err(_closed)) => return from_pool().await.map_err(conn_error),
                            Err(_elapsed) => {
                                if let Some(conn) = pool.try_acquire() {
                                    break (conn, None);
                                }
                                if started.elapsed() >= crate::pool::ACQUIRE_TIMEOUT {
                                    return Err(conn_error(sea_orm::sqlx::Error::PoolTimedOut));
                                }
                            }
                        }
                    }
                }
            },
        },
    };
    // One that fails to take the setting is dropped: the pool checks it, and hands out another.
    if set_for == Some(rows) || row_security::set(&mut conn, rows.settings()).await.is_ok() {
        return Ok(conn);
    }
    drop(conn);
    from_pool().await.map_err(conn_error)
}

/// A second connection for a statement that can run beside the request's own (an aggregate's two independent
/// sums): taken only by a request that already holds its own connection, and only when the pool has one idle
/// right now, never waited for — so no request holds a connection while it waits for another.
pub(crate) struct Spare(Held);

impl Spare {
    /// A connection kept aside or idle in the pool, its session limited to `rows` (set here unless it is
    /// already), for a request whose `session` holds its own connection for `rows`. `None` on SQLite, when the
    /// session holds none, when no connection is idle, or when setting it fails: the caller then runs its
    /// statement on the request's connection.
    pub(crate) async fn take(db: &Pool, session: &Session, rows: RowScope) -> Option<Spare> {
        if db.backend() != sea_orm::DatabaseBackend::Postgres {
            return None;
        }
        if !session.holds(rows).await {
            return None;
        }
        let (mut conn, set_for) = match db.parked.take(Some(rows)) {
            Some((conn, set_for)) => (conn, Some(set_for)),
            None => (db.conn.get_postgres_connection_pool().try_acquire()?, None),
        };
        if set_for != Some(rows) {
            row_security::set(&mut conn, rows.settings()).await.ok()?;
        }
        Some(Spare(Held::new(db, rows, conn)))
    }

    pub(crate) async fn query_all(mut self, db: &Pool, stmt: &Statement) -> Result<Vec<QueryResult>, DbErr> {
        let started = Instant::now();
        let found = (&mut **self.0.conn())
            .fetch_all(sqlx_query(stmt))
            .await
            .map_err(query_error);
        db.count_statement(started.elapsed());
        if found.is_err() {
            self.0.discard();
        }
        Ok(found?.into_iter().map(QueryResult::from).collect())
    }
}
