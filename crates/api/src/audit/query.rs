use async_graphql::connection::Connection;
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use pactes_domain::Permission;
use pactes_domain::audit::{self as domain, AuditFilter, AuditRepository};

use crate::context::{authorize, request};
use crate::error::{ErrorCode, internal};
use crate::federation::{Federation, federation};
use crate::ids::{decode, encode_named};
use crate::pagination::{Cursor, PageArgs, connection, page_cost};

#[derive(Default)]
pub struct AuditQuery;

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::AuditAction")]
pub enum AuditAction {
    Create,
    Update,
    Archive,
    /// A lifecycle step (a pact signed, a campaign closed).
    Transition,
    /// An amendment (avenant) to a signed agreement.
    Amend,
    /// Rows brought in from a file.
    Import,
}

#[derive(SimpleObject)]
pub struct AuditActor {
    /// The token's `sub`, or `system:<task>` for changes the system made itself.
    pub subject: String,
    pub roles: Vec<String>,
}

/// One field's value before and after, in display form; null means empty.
#[derive(SimpleObject)]
pub struct AuditChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

pub struct AuditEntry(domain::AuditEntry);

impl From<domain::AuditEntry> for AuditEntry {
    fn from(entry: domain::AuditEntry) -> AuditEntry {
        AuditEntry(entry)
    }
}

#[Object]
impl AuditEntry {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn occurred_at(&self) -> DateTime<Utc> {
        self.0.occurred_at
    }
    async fn actor(&self) -> AuditActor {
        AuditActor {
            subject: self.0.actor.subject.clone(),
            roles: self.0.actor.roles.clone(),
        }
    }
    async fn action(&self) -> AuditAction {
        self.0.action.into()
    }
    /// The changed object's type: "Centre", "Territory", "Partner", "Federation".
    async fn entity_type(&self) -> &str {
        &self.0.entity_type
    }
    /// The changed object's global id (usable with `node`).
    async fn entity_id(&self) -> ID {
        encode_named(&self.0.entity_type, self.0.entity_id)
    }
    async fn changes(&self) -> Vec<AuditChange> {
        self.0
            .changes
            .iter()
            .map(|c| AuditChange {
                field: c.field.clone(),
                before: c.before.clone(),
                after: c.after.clone(),
            })
            .collect()
    }
    async fn federation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Federation>> {
        match self.0.federation_id {
            Some(id) => federation(ctx, id).await,
            None => Ok(None),
        }
    }
}

pub struct AuditTotals {
    scope: pactes_domain::Scope,
    filter: AuditFilter,
}

#[Object]
impl AuditTotals {
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        request(ctx)
            .db
            .count_audit_entries(&self.scope, &self.filter)
            .await
            .map_err(internal)
    }
}

#[Object]
impl AuditQuery {
    /// Your federation's changes, newest first. Federation administrators only.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        #[graphql(desc = "Only the changes of this object.")] entity_id: Option<ID>,
    ) -> async_graphql::Result<Connection<Cursor, AuditEntry, AuditTotals>> {
        let scope = *authorize(ctx, Permission::ReadAudit)?.scope();
        let entity_id = match entity_id {
            None => None,
            Some(id) => Some(
                decode(&id)
                    .map(|(_, uuid)| uuid)
                    .ok_or_else(|| ErrorCode::InvalidArgument.error(format!("{} is not an object id", id.as_str())))?,
            ),
        };
        let filter = AuditFilter { entity_id };
        const ORDERING: &str = "audit:NEWEST_FIRST";
        let page = PageArgs::new(first, after, last, before).request(ORDERING, None)?;
        let found = request(ctx)
            .db
            .list_audit_entries(&scope, &filter, &page)
            .await
            .map_err(internal)?;
        Ok(connection(
            ctx,
            found,
            ORDERING,
            |e| (None, e.id.as_uuid()),
            AuditEntry,
            AuditTotals { scope, filter },
        ))
    }
}
