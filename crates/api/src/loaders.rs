//! Per-request DataLoaders. However many objects a response mentions, each kind is read in one statement. A
//! tenant record's loader is built for the caller's scope on first use in a request and dropped with it (a
//! loader shared across requests would leak across tenants). An area adds loaders of its own (a pact's action
//! sheets, their totals) through [`Loaders::area`].

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex};

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use pactes_domain::directory::{Federation, FederationRepository};
use pactes_domain::record::{Record, RecordData};
use pactes_domain::repository::RecordsById;
use pactes_domain::{FederationId, RepositoryError, Scope};
use pactes_persistence::{Database, request_stats};

/// A loader that remembers what it loaded for the rest of the request (and only that request), so a list
/// resolver can prefetch what its items will ask for.
pub(crate) type CachedLoader<L> = DataLoader<L, HashMapCache>;

fn cached<L: Loader<K>, K>(loader: L) -> CachedLoader<L>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
{
    // A batch runs in a task of its own: it carries the request's statistics along, so its statements count
    // for the request that asked for them.
    let stats = request_stats::current();
    let spawner = move |work: futures_util::future::BoxFuture<'static, ()>| match stats.clone() {
        Some(stats) => tokio::spawn(request_stats::within(stats, work)),
        None => tokio::spawn(work),
    };
    DataLoader::with_cache(loader, spawner, HashMapCache::default())
}

/// Federations are public reference data: one loader per request, no scope.
pub struct FederationLoader {
    db: Database,
}

impl Loader<FederationId> for FederationLoader {
    type Value = Federation;
    type Error = Arc<RepositoryError>;

    async fn load(&self, keys: &[FederationId]) -> Result<HashMap<FederationId, Federation>, Self::Error> {
        let found = self.db.federations_by_ids_public(keys).await?;
        Ok(found.into_iter().map(|f| (f.id, f)).collect())
    }
}

/// Records of one kind, by id, within one scope: without their parts, or whole.
pub struct RecordLoader<D> {
    db: Database,
    scope: Scope,
    whole: bool,
    kind: PhantomData<fn() -> D>,
}

impl<D: RecordData> Loader<D::Id> for RecordLoader<D>
where
    Database: RecordsById<D>,
{
    type Value = Record<D::Id, D>;
    type Error = Arc<RepositoryError>;

    async fn load(&self, keys: &[D::Id]) -> Result<HashMap<D::Id, Self::Value>, Self::Error> {
        let found = if self.whole {
            self.db.records_by_ids(&self.scope, keys).await?
        } else {
            self.db.roots_by_ids(&self.scope, keys).await?
        };
        Ok(found.into_iter().map(|r| (r.id, r)).collect())
    }
}

/// The loaders of one request: the federations', and one per record kind, made on first use.
pub(crate) struct Loaders {
    db: Database,
    pub federations: CachedLoader<FederationLoader>,
    records: Mutex<HashMap<(TypeId, bool), Arc<dyn Any + Send + Sync>>>,
    areas: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
    /// Records a read brought along (a page's territories, a centre's territory read with it), by kind:
    /// looked up directly, since a loader call per item of a page (a batch, a map, a channel) cost more than
    /// showing the item.
    fed: Mutex<HashMap<TypeId, Box<dyn Any + Send + Sync>>>,
}

/// The records of one kind fed to a request, by id.
type Fed<D> = HashMap<<D as RecordData>::Id, Record<<D as RecordData>::Id, D>>;

impl Loaders {
    pub fn new(db: &Database) -> Loaders {
        Loaders {
            db: db.clone(),
            federations: cached(FederationLoader { db: db.clone() }),
            records: Mutex::new(HashMap::new()),
            areas: Mutex::new(HashMap::new()),
            fed: Mutex::new(HashMap::new()),
        }
    }

    /// Keeps `records` (read within the request's scope, without their parts) for the rest of the request.
    pub fn feed<D: RecordData>(&self, records: impl IntoIterator<Item = Record<D::Id, D>>) {
        let mut fed = self.fed.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let of_kind = fed
            .entry(TypeId::of::<D>())
            .or_insert_with(|| Box::new(Fed::<D>::new()))
            .downcast_mut::<Fed<D>>()
            .unwrap_or_else(|| unreachable!("fed records stored under another kind's key"));
        of_kind.extend(records.into_iter().map(|r| (r.id, r)));
    }

    /// A record [`Loaders::feed`] keeps.
    pub fn fed<D: RecordData>(&self, id: D::Id) -> Option<Record<D::Id, D>> {
        let fed = self.fed.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        fed.get(&TypeId::of::<D>())?.downcast_ref::<Fed<D>>()?.get(&id).cloned()
    }

    /// The request's loader of type `L`, made by `make` from the database on first use (`make` binds it to
    /// the caller's scope, one per request).
    pub fn area<L, K>(&self, make: impl FnOnce(Database) -> L) -> Arc<CachedLoader<L>>
    where
        L: Loader<K> + Send + Sync + 'static,
        K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    {
        let mut areas = self.areas.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let entry = areas
            .entry(TypeId::of::<L>())
            .or_insert_with(|| Arc::new(cached(make(self.db.clone()))));
        // The map is keyed by the loader's own type, so the downcast cannot fail.
        Arc::clone(entry)
            .downcast::<CachedLoader<L>>()
            .unwrap_or_else(|_| unreachable!("a loader stored under another type's key"))
    }

    /// The request's loader of `D` records within `scope` (the caller's: one scope per request), without
    /// their parts, or `whole`: a list field reads its record whole, so only responses that show a list pay
    /// for reading them.
    pub fn records<D: RecordData>(&self, scope: Scope, whole: bool) -> Arc<CachedLoader<RecordLoader<D>>>
    where
        Database: RecordsById<D>,
    {
        let mut records = self.records.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let entry = records.entry((TypeId::of::<D>(), whole)).or_insert_with(|| {
            Arc::new(cached(RecordLoader::<D> {
                db: self.db.clone(),
                scope,
                whole,
                kind: PhantomData,
            }))
        });
        // The map is keyed by the loader's own type, so the downcast cannot fail.
        Arc::clone(entry)
            .downcast::<CachedLoader<RecordLoader<D>>>()
            .unwrap_or_else(|_| unreachable!("a loader stored under another type's key"))
    }
}
