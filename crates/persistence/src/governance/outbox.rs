//! The outbox of convocation letters: written in the transaction that convenes a meeting (so a convocation is
//! never recorded without its letters, nor the letters without it), claimed by a sender under a lease (on
//! PostgreSQL, `FOR UPDATE SKIP LOCKED`, so two replicas never claim one letter), marked sent once delivered,
//! or put back with a later attempt time when the mail server is unreachable.

use chrono::{DateTime, Duration, Utc};
use pactes_domain::governance::Letter;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{FederationId, MeetingId, MemberId, Scope};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, DatabaseBackend, QueryOrder, Set, Statement};

use crate::database::Database;
use crate::error::storage;
use crate::row_security::RowScope;
use crate::scope::tenant_condition;
use crate::sql::Sql;
use crate::write::Write;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub federation_id: Uuid,
    pub meeting_id: Uuid,
    pub member_id: Uuid,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub calendar: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub claimed_until: Option<DateTimeUtc>,
    pub sent_at: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
}

crate::rows::by_position!(Model {
    id,
    federation_id,
    meeting_id,
    member_id,
    recipient,
    subject,
    body,
    calendar,
    status,
    attempts,
    next_attempt_at,
    claimed_until,
    sent_at,
    last_error,
    created_at,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

const QUEUED: &str = "QUEUED";
const SENT: &str = "SENT";

/// Queues `letters` of `meeting` inside the write that convenes it.
pub(crate) async fn queue(
    write: &Write,
    tenant: FederationId,
    meeting: MeetingId,
    letters: Vec<Letter>,
    at: DateTime<Utc>,
) -> RepositoryResult<()> {
    if letters.is_empty() {
        return Ok(());
    }
    let rows = letters.into_iter().map(|l| ActiveModel {
        id: Set(Uuid::now_v7()),
        federation_id: Set(tenant.as_uuid()),
        meeting_id: Set(meeting.as_uuid()),
        member_id: Set(l.member.as_uuid()),
        recipient: Set(l.to.as_str().to_owned()),
        subject: Set(l.subject),
        body: Set(l.text),
        calendar: Set(l.calendar),
        status: Set(QUEUED.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(at),
        claimed_until: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
        created_at: Set(at),
    });
    Entity::insert_many(rows)
        .exec_without_returning(&**write)
        .await
        .map_err(storage)?;
    Ok(())
}

/// Deletes every letter to `member`, sent or waiting: a person erased gets no more, and keeps no trace here.
pub(crate) async fn erase(write: &Write, tenant: FederationId, member: MemberId) -> RepositoryResult<()> {
    Entity::delete_many()
        .filter(crate::scope::tenant_rows(Column::FederationId, tenant))
        .filter(Column::MemberId.eq(member.as_uuid()))
        .exec(&**write)
        .await
        .map_err(storage)?;
    Ok(())
}

/// A letter claimed for sending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub id: Uuid,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub calendar: String,
    /// Including this one.
    pub attempts: u32,
}

/// Where one recipient's letter stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    pub member: MemberId,
    pub recipient: String,
    pub sent: bool,
    pub attempts: u32,
    pub sent_at: Option<DateTime<Utc>>,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
}

impl Database {
    /// Claims up to `limit` letters due at `now`, each for `lease` (another sender skips it until then), across
    /// every federation: one statement.
    pub async fn claim_letters(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        lease: Duration,
    ) -> RepositoryResult<Vec<Outgoing>> {
        let write = self.write(RowScope::All).await?;
        let mut sql = Sql::new(write.get_database_backend());
        // SQLite has one writer at a time: the claim is atomic without row locks, which it does not have.
        let lock = if sql.backend == DatabaseBackend::Postgres {
            " FOR UPDATE SKIP LOCKED"
        } else {
            ""
        };
        let text = format!(
            "UPDATE outbox SET claimed_until = {until}, attempts = attempts + 1 WHERE id IN (\
               SELECT id FROM outbox WHERE status = '{QUEUED}' AND next_attempt_at <= {due} \
               AND (claimed_until IS NULL OR claimed_until < {free}) ORDER BY next_attempt_at LIMIT {limit}{lock}) \
             RETURNING id, recipient, subject, body, calendar, attempts",
            until = sql.bind(now + lease),
            due = sql.bind(now),
            free = sql.bind(now),
            limit = sql.bind(i64::from(limit)),
        );
        let statement = Statement::from_sql_and_values(sql.backend, text, sql.values);
        let rows = write.query_all_raw(statement).await.map_err(storage)?;
        let claimed = rows
            .iter()
            .map(|row| {
                Ok(Outgoing {
                    id: row.try_get_by_index(0)?,
                    recipient: row.try_get_by_index(1)?,
                    subject: row.try_get_by_index(2)?,
                    body: row.try_get_by_index(3)?,
                    calendar: row.try_get_by_index(4)?,
                    attempts: u32::try_from(row.try_get_by_index::<i32>(5)?).unwrap_or(0),
                })
            })
            .collect::<Result<Vec<_>, DbErr>>()
            .map_err(storage)?;
        write.commit().await?;
        Ok(claimed)
    }

    /// The letter `id` was delivered at `at`.
    pub async fn letter_sent(&self, id: Uuid, at: DateTime<Utc>) -> RepositoryResult<()> {
        let write = self.write(RowScope::All).await?;
        Entity::update_many()
            .col_expr(Column::Status, Expr::value(SENT))
            .col_expr(Column::SentAt, Expr::value(at))
            .col_expr(Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
            .col_expr(Column::LastError, Expr::value(Option::<String>::None))
            .filter(Column::Id.eq(id))
            .exec(&*write)
            .await
            .map_err(storage)?;
        write.commit().await
    }

    /// The letter `id` could not be delivered: tried again from `retry_at`.
    pub async fn letter_failed(&self, id: Uuid, error: &str, retry_at: DateTime<Utc>) -> RepositoryResult<()> {
        let write = self.write(RowScope::All).await?;
        let error: String = error.chars().take(500).collect();
        Entity::update_many()
            .col_expr(Column::NextAttemptAt, Expr::value(retry_at))
            .col_expr(Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
            .col_expr(Column::LastError, Expr::value(error))
            .filter(Column::Id.eq(id))
            .filter(Column::Status.eq(QUEUED))
            .exec(&*write)
            .await
            .map_err(storage)?;
        write.commit().await
    }

    /// Where each letter of `meeting` stands, within `scope`.
    pub async fn deliveries(&self, scope: &Scope, meeting: MeetingId) -> RepositoryResult<Vec<Delivery>> {
        if scope.partner().is_some() {
            return Ok(Vec::new());
        }
        let select = Entity::find()
            .filter(tenant_condition(Column::FederationId, scope, None))
            .filter(Column::MeetingId.eq(meeting.as_uuid()))
            .order_by_asc(Column::Id);
        let rows = crate::rows::all(&self.scoped(scope), select).await.map_err(storage)?;
        Ok(rows
            .into_iter()
            .map(|r| Delivery {
                member: MemberId::from_uuid(r.member_id),
                recipient: r.recipient,
                sent: r.status == SENT,
                attempts: u32::try_from(r.attempts).unwrap_or(0),
                sent_at: r.sent_at,
                next_attempt_at: r.next_attempt_at,
                last_error: r.last_error,
            })
            .collect())
    }
}
