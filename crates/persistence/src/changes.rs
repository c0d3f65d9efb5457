//! Committed changes, as they happen: each new audit entry is announced once its transaction has committed.
//!
//! On PostgreSQL the announcement is the database's: a trigger NOTIFYs `pactes_changes` (migration 7), which
//! PostgreSQL delivers at commit to every listening session, so a subscriber on one replica hears of a change
//! written through another. Each process LISTENs on one connection of its own (not the pool's), opened when
//! the first subscriber arrives, and fans the notices out in memory. On SQLite, which one process embeds, a
//! write announces its entries itself after commit.
//!
//! A notice names an entry, nothing more: a subscriber reads the entry within its own scope, so row-level
//! security and the repositories' filter decide what it sees, as for any read. When notices may have been lost
//! (the listening connection dropped, or a subscriber fell too far behind), subscribers get a [`Notice::Gap`]
//! and read what they missed from the log.

use std::sync::Arc;
use std::time::Duration;

use pactes_domain::audit::AuditEntry;
use pactes_domain::{AuditEntryId, FederationId, RepositoryError};
use sea_orm::DatabaseBackend;
use sea_orm::sqlx::postgres::PgListener;
use tokio::sync::{OnceCell, broadcast};

/// The channel the audit log's trigger notifies.
const CHANNEL: &str = pactes_migration::m20261201_000007_change_notices::CHANNEL;

/// How many notices a slow subscriber may have pending before it is told of a gap.
const BACKLOG: usize = 1024;

/// A committed audit entry, by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeNotice {
    pub entry: AuditEntryId,
    /// `None` for national reference data.
    pub federation: Option<FederationId>,
    /// The changed object's kind, as the audit log names it ("Centre").
    pub kind: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Change(ChangeNotice),
    /// Notices may have been lost since the last one: read the log for what was missed.
    Gap,
}

/// One process's fan-out of notices.
pub(crate) struct ChangeFeed {
    sender: broadcast::Sender<Notice>,
    /// PostgreSQL: set once this process listens.
    listening: OnceCell<()>,
    /// PostgreSQL: where to listen, and the schema whose log is ours (tests share a database between schemas).
    url: String,
    schema: Option<String>,
}

impl ChangeFeed {
    pub(crate) fn new(url: &str, schema: Option<String>) -> Arc<ChangeFeed> {
        Arc::new(ChangeFeed {
            sender: broadcast::channel(BACKLOG).0,
            listening: OnceCell::new(),
            url: url.to_owned(),
            schema,
        })
    }

    /// Announces entries a write committed, where no database does it (SQLite).
    pub(crate) fn committed(&self, entries: &[AuditEntry]) {
        for entry in entries {
            // No subscriber is not an error: nobody is listening.
            let _ = self.sender.send(Notice::Change(ChangeNotice {
                entry: entry.id,
                federation: entry.federation_id,
                kind: entry.entity_type.clone(),
            }));
        }
    }
}

/// A subscription to the notices of every change committed from now on.
pub struct Changes {
    receiver: broadcast::Receiver<Notice>,
}

impl Changes {
    /// The next notice; a subscriber that fell [`BACKLOG`] notices behind gets a gap instead of what it missed.
    pub async fn next(&mut self) -> Option<Notice> {
        match self.receiver.recv().await {
            Ok(notice) => Some(notice),
            Err(broadcast::error::RecvError::Lagged(_)) => Some(Notice::Gap),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    }
}

impl ChangeFeed {
    /// Subscribes to the changes committed from the moment this returns, through any replica. On PostgreSQL
    /// the first call opens this process's listening connection and returns once it listens.
    pub(crate) async fn subscribe(&self, backend: DatabaseBackend) -> Result<Changes, RepositoryError> {
        let feed = self;
        let receiver = feed.sender.subscribe();
        if backend == DatabaseBackend::Postgres {
            feed.listening
                .get_or_try_init(|| async {
                    let mut listener = PgListener::connect(&feed.url).await.map_err(unavailable)?;
                    listener.listen(CHANNEL).await.map_err(unavailable)?;
                    tokio::spawn(listen(
                        listener,
                        feed.sender.clone(),
                        feed.url.clone(),
                        feed.schema.clone(),
                    ));
                    Ok::<(), RepositoryError>(())
                })
                .await?;
        }
        Ok(Changes { receiver })
    }
}

/// The database cannot be listened to: an outage, which the caller may retry.
fn unavailable(error: sea_orm::sqlx::Error) -> RepositoryError {
    RepositoryError::Unavailable(Box::new(error))
}

/// Relays PostgreSQL's notices until the process ends. When the connection is lost, a new one is opened and
/// LISTENs before subscribers are told of the gap: a subscriber reads what it missed from the log only once every
/// later commit is sure to be heard, so a change committed while the listener reconnected is read back rather
/// than lost (a subscriber drops an entry it gets twice, read back and then heard).
async fn listen(mut listener: PgListener, sender: broadcast::Sender<Notice>, url: String, schema: Option<String>) {
    let schema = schema.unwrap_or_else(|| "public".to_owned());
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => {
                if let Some(notice) = parse(notification.payload(), &schema) {
                    let _ = sender.send(Notice::Change(notice));
                }
            }
            Ok(None) | Err(_) => {
                tracing::warn!("the change listener lost its connection; listening again");
                listener = listen_again(&url).await;
                let _ = sender.send(Notice::Gap);
            }
        }
    }
}

/// A new connection listening on [`CHANNEL`], retried until the database answers: a second at most between
/// tries, so subscribers hear again within a second of the database's return.
async fn listen_again(url: &str) -> PgListener {
    let mut pause = Duration::from_millis(50);
    loop {
        let attempt = async {
            let mut listener = PgListener::connect(url).await?;
            listener.listen(CHANNEL).await?;
            Ok::<_, sea_orm::sqlx::Error>(listener)
        };
        match attempt.await {
            Ok(listener) => {
                tracing::info!("the change listener listens again");
                return listener;
            }
            Err(error) => {
                tracing::warn!(%error, "the change listener cannot listen yet; trying again");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(1));
            }
        }
    }
}

#[derive(serde::Deserialize)]
struct Payload {
    id: uuid::Uuid,
    federation: Option<uuid::Uuid>,
    kind: String,
    schema: String,
}

/// A notice of the trigger's, if it concerns this process's schema.
fn parse(payload: &str, schema: &str) -> Option<ChangeNotice> {
    let payload: Payload = match serde_json::from_str(payload) {
        Ok(payload) => payload,
        Err(error) => {
            tracing::warn!(%error, "a change notice that does not parse");
            return None;
        }
    };
    (payload.schema == schema).then(|| ChangeNotice {
        entry: AuditEntryId::from_uuid(payload.id),
        federation: payload.federation.map(FederationId::from_uuid),
        kind: payload.kind,
    })
}
