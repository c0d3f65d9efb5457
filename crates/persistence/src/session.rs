//! One request's PostgreSQL connection. Without it, every statement of a request takes a connection from the
//! pool and hands it back, and each hand-out costs a round trip to set the session's tenant (row-level
//! security). With it, a request's first read takes one connection, sets its tenant once, and runs all its
//! reads on it; the connection goes back to the pool when the request ends. Reads of the request's loaders
//! share it, one statement at a time.
//!
//! A write never waits for a second connection while holding this one: [`Session::release`] hands it back
//! before the write's transaction begins, so requests cannot hold the pool between them and wait for it.

use std::time::Instant;

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
}

struct Held {
    rows: RowScope,
    conn: PoolConnection<Postgres>,
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
            (None, None) => return Ok(Ran::NotHere),
            (None, Some(_)) => false,
        };
        if !fits && let Some(rows) = rows {
            held.take();
            let pool = db.conn.get_postgres_connection_pool();
            // Boxed: the pool's future is large, and taken once per request, not once per statement.
            let conn = Box::pin(row_security::within(rows, pool.acquire()))
                .await
                .map_err(conn_error)?;
            *held = Some(Held { rows, conn });
        }
        let Some(h) = held.as_mut() else {
            return Ok(Ran::NotHere);
        };
        let started = Instant::now();
        let result = run(&mut h.conn).await;
        db.count_statement(started.elapsed());
        if result.is_err() {
            // A failed statement (a timeout, a lost connection) leaves nothing worth keeping.
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
