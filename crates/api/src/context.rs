//! What one request carries: the database, the verified caller, and DataLoaders bound to the caller's scope.

use std::sync::Arc;

use async_graphql::Context;
use pactes_domain::record::{Record, RecordData};
use pactes_domain::repository::RecordsById;
use pactes_domain::{Area, Caller, Permission, Scope};
use pactes_persistence::Database;

use crate::error::{ErrorCode, internal};
use crate::loaders::{CachedLoader, Loaders, RecordLoader};

pub struct RequestContext {
    pub(crate) db: Database,
    caller: Option<Caller>,
    pub(crate) loaders: Loaders,
    /// Whether the server sends convocation letters (a mail server is configured).
    pub(crate) mail_sending: bool,
}

impl RequestContext {
    /// `caller` is `None` for a request without a token: it may read only the public list of federations.
    pub fn new(db: Database, caller: Option<Caller>) -> RequestContext {
        RequestContext {
            loaders: Loaders::new(&db),
            db,
            caller,
            mail_sending: false,
        }
    }

    /// The context of a server that sends convocation letters (`true`) or leaves them queued.
    pub fn sending_mail(mut self, sending: bool) -> RequestContext {
        self.mail_sending = sending;
        self
    }

    pub fn caller(&self) -> Option<&Caller> {
        self.caller.as_ref()
    }
}

pub(crate) fn request<'a>(ctx: &Context<'a>) -> &'a RequestContext {
    // The server adds a RequestContext to every request; a schema executed without one is a wiring bug that
    // must fail loudly in tests rather than serve data unscoped.
    ctx.data_unchecked::<RequestContext>()
}

/// The caller, or UNAUTHENTICATED.
pub(crate) fn caller<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a Caller> {
    request(ctx)
        .caller
        .as_ref()
        .ok_or_else(|| ErrorCode::Unauthenticated.error("a valid bearer token is required"))
}

/// The caller if allowed `permission`; UNAUTHENTICATED without a token, FORBIDDEN otherwise.
pub(crate) fn authorize<'a>(ctx: &Context<'a>, permission: Permission) -> async_graphql::Result<&'a Caller> {
    let caller = caller(ctx)?;
    if caller.can(permission) {
        Ok(caller)
    } else {
        Err(ErrorCode::Forbidden.error("your roles do not allow this"))
    }
}

/// The scope of a caller allowed to read `area`.
pub(crate) fn read_scope(ctx: &Context<'_>, area: Area) -> async_graphql::Result<Scope> {
    Ok(*authorize(ctx, Permission::Read(area))?.scope())
}

/// The request's loader of `D` records, within the caller's scope.
pub(crate) fn records<D: RecordData>(ctx: &Context<'_>) -> async_graphql::Result<Arc<CachedLoader<RecordLoader<D>>>>
where
    Database: RecordsById<D>,
{
    let scope = *caller(ctx)?.scope();
    Ok(request(ctx).loaders.records::<D>(scope, false))
}

/// The request's loader of whole `D` records (with their parts), within the caller's scope.
pub(crate) fn whole_records<D: RecordData>(
    ctx: &Context<'_>,
) -> async_graphql::Result<Arc<CachedLoader<RecordLoader<D>>>>
where
    Database: RecordsById<D>,
{
    let scope = *caller(ctx)?.scope();
    Ok(request(ctx).loaders.records::<D>(scope, true))
}

/// The record `id` whole, with its parts: what a list field (communes, action domains, contacts) shows. Every
/// object of the request that shows one is read in the same batch.
pub(crate) async fn whole_record<D: RecordData>(ctx: &Context<'_>, id: D::Id) -> async_graphql::Result<Record<D::Id, D>>
where
    Database: RecordsById<D>,
{
    whole_records::<D>(ctx)?
        .load_one(id)
        .await
        .map_err(internal)?
        .ok_or_else(|| internal("a record shown in this response is gone"))
}

/// One record by id within the caller's scope: one a read of the request brought along ([`feed`]), else
/// batched with every other look-up of its kind in the request.
pub(crate) async fn load_record<D: RecordData>(
    ctx: &Context<'_>,
    id: D::Id,
) -> async_graphql::Result<Option<Record<D::Id, D>>>
where
    Database: RecordsById<D>,
{
    if let Some(fed) = request(ctx).loaders.fed::<D>(id) {
        return Ok(Some(fed));
    }
    records::<D>(ctx)?.load_one(id).await.map_err(internal)
}

/// Keeps records a read of the request brought along (within the caller's scope, without their parts), so
/// that [`load_record`] finds them.
pub(crate) fn feed<D: RecordData>(ctx: &Context<'_>, records: impl IntoIterator<Item = Record<D::Id, D>>) {
    request(ctx).loaders.feed::<D>(records);
}
