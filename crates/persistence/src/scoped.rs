//! The pool seen through a scope: each statement runs on a session limited to the scope's rows (row-level
//! security on PostgreSQL), on the request's own connection when it has one ([`crate::session`]).

use std::future::Future;
use std::sync::Arc;

use sea_orm::{ConnectionTrait, DbBackend, DbErr, ExecResult, QueryResult, Statement};

use crate::pool::Pool;
use crate::request_stats::RequestStats;
use crate::row_security::{RowScope, within};
use crate::session::{Ran, Spare};

/// The pool, each statement of which runs on a session limited to `rows`: the request's own connection when
/// the request has one for these rows ([`crate::session`]), else one from the pool.
pub(crate) struct Scoped<'a> {
    pub(crate) pool: &'a Pool,
    /// `None` for public tables (federations, trusted documents): any session reads them.
    pub(crate) rows: Option<RowScope>,
}

impl Scoped<'_> {
    async fn on_pool<F: Future>(&self, work: F) -> F::Output {
        let parked = &self.pool.parked;
        match self.rows {
            Some(rows) => parked.waiting_for_pool(within(rows, work)).await,
            None => parked.waiting_for_pool(work).await,
        }
    }

    fn session(&self) -> Option<Arc<RequestStats>> {
        if self.pool.conn.get_database_backend() != DbBackend::Postgres {
            return None;
        }
        crate::request_stats::current()
    }
}

// sea-orm's pool futures are large; boxed on their own, they are allocated only on the path that takes them,
// and the request's path (the session) does not copy them into every statement's future.
#[async_trait::async_trait]
impl ConnectionTrait for Scoped<'_> {
    fn get_database_backend(&self) -> DbBackend {
        self.pool.conn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        if let Some(stats) = self.session()
            && let Ran::Done(done) = stats.session.execute(self.pool, self.rows, &stmt).await?
        {
            return Ok(done);
        }
        Box::pin(self.on_pool(self.pool.conn.execute_raw(stmt))).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.on_pool(self.pool.conn.execute_unprepared(sql)).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        if let Some(stats) = self.session()
            && let Ran::Done(found) = stats.session.query_one(self.pool, self.rows, &stmt).await?
        {
            return Ok(found);
        }
        Box::pin(self.on_pool(self.pool.conn.query_one_raw(stmt))).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        if let Some(stats) = self.session()
            && let Ran::Done(found) = stats.session.query_all(self.pool, self.rows, &stmt).await?
        {
            return Ok(found);
        }
        Box::pin(self.on_pool(self.pool.conn.query_all_raw(stmt))).await
    }

    fn support_returning(&self) -> bool {
        self.pool.conn.support_returning()
    }
}

impl Scoped<'_> {
    /// A second connection for a statement that can run beside the request's own ([`Spare`]): `None` outside a
    /// request, for a public read, or when none is idle.
    pub(crate) async fn spare(&self) -> Option<Spare> {
        let rows = self.rows?;
        let stats = crate::request_stats::current()?;
        Spare::take(self.pool, &stats.session, rows).await
    }

    /// Runs `stmt` on `spare`, counted among the request's statements run beside its connection.
    pub(crate) async fn query_beside(&self, spare: Spare, stmt: &Statement) -> Result<Vec<QueryResult>, DbErr> {
        let found = spare.query_all(self.pool, stmt).await;
        if let Some(stats) = crate::request_stats::current() {
            stats.ran_beside();
        }
        found
    }
}
