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
    /// Ordered by slug, archived ones included.
    all: Arc<Vec<Federation>>,
}

impl Database {
    /// Every federation, archived ones included, ordered by slug; `fresh` reads them again whatever the copy.
    pub(crate) async fn all_federations(&self, fresh: bool) -> RepositoryResult<Arc<Vec<Federation>>> {
        let changes = self.federation_changes();
        if !fresh {
            let copy = self
                .federations
                .copy
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(copy) = copy.as_ref()
                && copy.changes == changes
                && copy.read_at.elapsed() < FEDERATIONS_TTL
            {
                return Ok(copy.all.clone());
            }
        }
        let rows = crate::rows::all(&self.public(), Entity::find().order_by_asc(Column::Slug))
            .await
            .map_err(storage)?;
        let all = Arc::new(rows.into_iter().map(to_domain).collect::<RepositoryResult<Vec<_>>>()?);
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

    /// The federations `wanted` picks out of the copy; read again once if the copy lacks one that may exist.
    pub(crate) async fn find_federations(
        &self,
        complete: impl Fn(&[Federation]) -> bool,
    ) -> RepositoryResult<Arc<Vec<Federation>>> {
        let all = self.all_federations(false).await?;
        if complete(&all) {
            return Ok(all);
        }
        self.all_federations(true).await
    }
}
