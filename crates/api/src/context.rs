//! What one request carries: the database, the verified caller, and DataLoaders bound to the caller's scope.

use async_graphql::Context;
use async_graphql::dataloader::{DataLoader, HashMapCache};
use pactes_domain::{Caller, Permission, Scope};
use pactes_persistence::Database;

use crate::directory::loaders::{CentreLoader, FederationLoader, PartnerLoader, TerritoryLoader};
use crate::error::ErrorCode;

/// A loader that remembers what it loaded for the rest of the request (and only that request), so a list
/// resolver can prefetch what its items will ask for.
pub(crate) type CachedLoader<L> = DataLoader<L, HashMapCache>;

fn cached<L: async_graphql::dataloader::Loader<K>, K>(loader: L) -> CachedLoader<L>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
{
    DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
}

/// Loaders that read tenant rows, built for one caller's scope and dropped with the request.
pub(crate) struct ScopedLoaders {
    pub territories: CachedLoader<TerritoryLoader>,
    pub centres: CachedLoader<CentreLoader>,
    pub partners: CachedLoader<PartnerLoader>,
}

pub struct RequestContext {
    pub(crate) db: Database,
    caller: Option<Caller>,
    pub(crate) federations: CachedLoader<FederationLoader>,
    scoped: Option<ScopedLoaders>,
}

impl RequestContext {
    /// `caller` is `None` for a request without a token: it may read only the public list of federations.
    pub fn new(db: Database, caller: Option<Caller>) -> RequestContext {
        let scoped = caller.as_ref().map(|caller| {
            let scope = *caller.scope();
            ScopedLoaders {
                territories: cached(TerritoryLoader { db: db.clone(), scope }),
                centres: cached(CentreLoader { db: db.clone(), scope }),
                partners: cached(PartnerLoader { db: db.clone(), scope }),
            }
        });
        RequestContext {
            federations: cached(FederationLoader { db: db.clone() }),
            db,
            caller,
            scoped,
        }
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

/// The scope of a caller allowed to read the directory.
pub(crate) fn read_scope(ctx: &Context<'_>) -> async_graphql::Result<Scope> {
    Ok(*authorize(ctx, Permission::ReadDirectory)?.scope())
}

pub(crate) fn scoped_loaders<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a ScopedLoaders> {
    caller(ctx)?;
    request(ctx)
        .scoped
        .as_ref()
        .ok_or_else(|| ErrorCode::Unauthenticated.error("a valid bearer token is required"))
}
