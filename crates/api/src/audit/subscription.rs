//! `changes`: the audit entries of the caller's federation as they are committed, through any replica.
//!
//! A notice names an entry; the entry is read within the subscriber's scope, so what a socket sees is what its
//! token may read, and another federation's notice is dropped before any read. A subscriber may resume: with
//! `after`, the entries since that one are sent first, then the live ones, none twice. When notices may have
//! been lost (the replica's listening connection dropped, or the subscriber fell behind), the log is read again
//! from the newest entry sent, so nothing committed is skipped.

use std::collections::{HashSet, VecDeque};

use async_graphql::futures_util::Stream;
use async_graphql::{Context, ID, Subscription};
use pactes_domain::audit::{self as domain, AuditRepository};
use pactes_domain::{AuditEntryId, Permission, RepositoryError, Scope};
use pactes_persistence::{ChangeNotice, Changes, Database, Notice};

use super::query::AuditEntry;
use crate::context::{authorize, request};
use crate::error::{ErrorCode, internal};
use crate::node_kind::NodeKind;

/// How long a subscription's read waits for the database to come back before the subscription ends.
const RETRY_FOR: std::time::Duration = std::time::Duration::from_secs(10);

/// Entries read from the log at once when catching up.
const PAGE: u64 = 100;
/// How many delivered ids a subscription remembers to send none twice (a live notice for an entry it already
/// read while catching up).
const REMEMBERED: usize = 4096;

#[derive(Default)]
pub struct AuditSubscription;

#[Subscription]
impl AuditSubscription {
    /// Your federation's changes as they are committed (after commit only), written through any replica:
    /// each one an audit entry, as `auditLog` shows it. Federation administrators only.
    async fn changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only changes to objects of these kinds; all kinds when left out.")] kinds: Option<
            Vec<NodeKind>,
        >,
        #[graphql(
            desc = "An audit entry's id: the changes committed since it are sent first, so a client that \
                          reconnects with the last id it saw loses none."
        )]
        after: Option<ID>,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<AuditEntry>> + use<>> {
        let scope = *authorize(ctx, Permission::ReadAudit)?.scope();
        let after = match after {
            None => None,
            Some(id) => Some(
                uuid::Uuid::parse_str(id.as_str())
                    .map(AuditEntryId::from_uuid)
                    .map_err(|_| {
                        ErrorCode::InvalidArgument.error(format!("{} is not an audit entry id", id.as_str()))
                    })?,
            ),
        };
        let db = request(ctx).db.clone();
        // Listening starts before the log is read, so a change committed in between is heard, not lost.
        let changes = db.changes().await.map_err(internal)?;
        let follow = Follow {
            db,
            scope,
            kinds: kinds.map(|kinds| kinds.into_iter().map(NodeKind::name).collect()),
            changes,
            pending: VecDeque::new(),
            delivered: Delivered::default(),
            catching_up: after.is_some(),
            read_to: after,
            since: after.unwrap_or_else(|| AuditEntryId::first_at(chrono::Utc::now())),
            failed: false,
        };
        Ok(async_graphql::futures_util::stream::unfold(
            follow,
            |mut follow| async move {
                let next = follow.next().await?;
                Some((next.map(AuditEntry::from), follow))
            },
        ))
    }
}

/// One subscription's state, dropped with it.
struct Follow {
    db: Database,
    scope: Scope,
    kinds: Option<HashSet<&'static str>>,
    changes: Changes,
    /// Entries read, to be sent in order.
    pending: VecDeque<domain::AuditEntry>,
    delivered: Delivered,
    /// Whether the log is being read from `read_to` on (a resumption, or a gap).
    catching_up: bool,
    read_to: Option<AuditEntryId>,
    /// Where the subscription starts: what a gap reads from when nothing was sent yet.
    since: AuditEntryId,
    /// A read failed: the error was sent and the subscription ends (the client resumes with `after`).
    failed: bool,
}

impl Follow {
    async fn next(&mut self) -> Option<async_graphql::Result<domain::AuditEntry>> {
        if self.failed {
            return None;
        }
        loop {
            while let Some(entry) = self.pending.pop_front() {
                if self.wanted(&entry) && self.delivered.insert(entry.id) {
                    return Some(Ok(entry));
                }
            }
            let read = if self.catching_up {
                self.retrying(None).await
            } else {
                match self.changes.next().await? {
                    Notice::Change(notice) => self.retrying(Some(&notice)).await,
                    Notice::Gap => {
                        self.catching_up = true;
                        self.read_to = Some(self.delivered.newest().unwrap_or(self.since));
                        Ok(())
                    }
                }
            };
            if let Err(error) = read {
                self.failed = true;
                return Some(Err(internal(error)));
            }
        }
    }

    /// Reads the entry `notice` names, or the next page of the log when catching up; again while the database is
    /// unavailable (a gap is announced as soon as the database listens again, when the pool may still hold
    /// connections of before its restart), for [`RETRY_FOR`] at most.
    async fn retrying(&mut self, notice: Option<&ChangeNotice>) -> Result<(), RepositoryError> {
        let deadline = tokio::time::Instant::now() + RETRY_FOR;
        let mut pause = std::time::Duration::from_millis(20);
        loop {
            let read = match notice {
                Some(notice) => self.read(notice).await,
                None => self.catch_up().await,
            };
            match read {
                Err(RepositoryError::Unavailable(error)) if tokio::time::Instant::now() + pause < deadline => {
                    tracing::debug!(%error, "a subscription's read waits for the database");
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(std::time::Duration::from_secs(1));
                }
                done => return done,
            }
        }
    }

    fn wanted(&self, entry: &domain::AuditEntry) -> bool {
        self.kinds
            .as_ref()
            .is_none_or(|kinds| kinds.contains(entry.entity_type.as_str()))
    }

    /// Reads the entry a notice names, if it is the subscriber's to see.
    async fn read(&mut self, notice: &ChangeNotice) -> Result<(), RepositoryError> {
        let ours = match self.scope.federation() {
            None => true,
            Some(federation) => notice.federation == Some(federation),
        };
        let kind = self
            .kinds
            .as_ref()
            .is_none_or(|kinds| kinds.contains(notice.kind.as_str()));
        if !ours || !kind || self.delivered.contains(notice.entry) {
            return Ok(());
        }
        let found = self.db.audit_entries_by_ids(&self.scope, &[notice.entry]).await?;
        self.pending.extend(found);
        Ok(())
    }

    /// Reads the next page of the log after `read_to`.
    async fn catch_up(&mut self) -> Result<(), RepositoryError> {
        let page = self.db.audit_entries_after(&self.scope, self.read_to, PAGE).await?;
        if (page.len() as u64) < PAGE {
            self.catching_up = false;
        }
        if let Some(last) = page.last() {
            self.read_to = Some(last.id);
        }
        self.pending.extend(page);
        Ok(())
    }
}

/// The ids a subscription sent lately, oldest forgotten first.
#[derive(Default)]
struct Delivered {
    order: VecDeque<AuditEntryId>,
    ids: HashSet<AuditEntryId>,
}

impl Delivered {
    /// Records `id`; false if it was already sent.
    fn insert(&mut self, id: AuditEntryId) -> bool {
        if !self.ids.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > REMEMBERED
            && let Some(oldest) = self.order.pop_front()
        {
            self.ids.remove(&oldest);
        }
        true
    }

    fn contains(&self, id: AuditEntryId) -> bool {
        self.ids.contains(&id)
    }

    /// The newest id sent (ids are time-ordered).
    fn newest(&self) -> Option<AuditEntryId> {
        self.order.iter().max_by_key(|id| id.as_uuid()).copied()
    }
}
