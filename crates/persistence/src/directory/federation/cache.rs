//! Every federation, kept in memory. Federations are public reference data: a few dozen rows, read by nearly
//! every request (a token's slug, a federation's name in a response) and changed a few times a year. One
//! statement reads them all; the copy serves until this replica changes a federation (at once) or for
//! [`FEDERATIONS_TTL`] at most, which bounds how long another replica's change goes unseen. A federation this
//! copy does not know (created a moment ago on another replica) is looked for again at once.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use pactes_domain::directory::Federation;
use pactes_domain::repository::RepositoryResult;
use sea_orm::{EntityTrait, QueryOrder};

use super::entity::{Column, Entity, to_domain};
use crate::database::Database;
use crate::error::storage;

/// How long a replica shows a federation as it read it, if no change of its own made it read again.
pub const FEDERATIONS_TTL: Duration = Duration::from_secs(30);

#[derive(Default)]
pub(crate) struct FederationCache {
    copy: RwLock<Option<Copy>>,
}

struct Copy {
    /// [`Database::federation_changes`] when it was read.
    changes: u64,
    read_at: Instant,
    /// Ordered by slug, archived ones included; each shared, so a response showing one federation on every
    /// item of a page copies nothing.
    all: Arc<Vec<Arc<Federation>>>,
}

impl Database {
    /// Every federation, archived ones included, ordered by slug; `fresh` reads them again whatever the copy.
    pub(crate) async fn all_federations(&self, fresh: bool) -> RepositoryResult<Arc<Vec<Arc<Federation>>>> {
        let changes = self.federation_changes();
        if !fresh && let Some(all) = self.current_federations(changes) {
            return Ok(all);
        }
        let rows = crate::rows::all(&self.public(), Entity::find().order_by_asc(Column::Slug))
            .await
            .map_err(storage)?;
        let all = Arc::new(
            rows.into_iter()
                .map(|row| to_domain(row).map(Arc::new))
                .collect::<RepositoryResult<Vec<_>>>()?,
        );
        *self
            .federations
            .copy
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Copy {
            changes,
            read_at: Instant::now(),
            all: all.clone(),
        });
        Ok(all)
    }

    /// The copy, if it is still current.
    fn current_federations(&self, changes: u64) -> Option<Arc<Vec<Arc<Federation>>>> {
        let copy = self
            .federations
            .copy
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        copy.as_ref()
            .filter(|copy| copy.changes == changes && copy.read_at.elapsed() < FEDERATIONS_TTL)
            .map(|copy| copy.all.clone())
    }

    /// The federation `id` if the copy is current and holds it, without waiting for anything: a response
    /// shows its items' federation from here, and asks [`FederationRepository`] only when this has nothing.
    ///
    /// [`FederationRepository`]: pactes_domain::directory::FederationRepository
    pub fn federation_in_memory(&self, id: pactes_domain::FederationId) -> Option<Arc<Federation>> {
        let all = self.current_federations(self.federation_changes())?;
        all.iter().find(|f| f.id == id).cloned()
    }

    /// The federations `wanted` picks out of the copy; read again once if the copy lacks one that may exist.
    pub(crate) async fn find_federations(
        &self,
        complete: impl Fn(&[Arc<Federation>]) -> bool,
    ) -> RepositoryResult<Arc<Vec<Arc<Federation>>>> {
        let all = self.all_federations(false).await?;
        if complete(&all) {
            return Ok(all);
        }
        self.all_federations(true).await
    }
}
