//! The request's loaders of action sheets: a pact's sheets, whole, for every pact of the response in one batch
//! (four statements), and the sheets' totals by kind (one statement).

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::Context;
use async_graphql::dataloader::Loader;
use pactes_domain::pacts::{ActionSheet, ActionSheetRepository, MeansTotals};
use pactes_domain::{ActionSheetId, PactId, RepositoryError, Scope};
use pactes_persistence::Database;

use crate::context::{caller, request};
use crate::error::internal;

pub struct PactActionsLoader {
    db: Database,
    scope: Scope,
}

impl Loader<PactId> for PactActionsLoader {
    type Value = Vec<ActionSheet>;
    type Error = Arc<RepositoryError>;

    async fn load(&self, keys: &[PactId]) -> Result<HashMap<PactId, Vec<ActionSheet>>, Self::Error> {
        let mut grouped: HashMap<PactId, Vec<ActionSheet>> = keys.iter().map(|k| (*k, Vec::new())).collect();
        for sheet in self.db.actions_of_pacts(&self.scope, keys).await? {
            grouped.entry(sheet.data.pact_id).or_default().push(sheet);
        }
        Ok(grouped)
    }
}

pub struct MeansTotalsLoader {
    db: Database,
    scope: Scope,
}

impl Loader<ActionSheetId> for MeansTotalsLoader {
    type Value = MeansTotals;
    type Error = Arc<RepositoryError>;

    async fn load(&self, keys: &[ActionSheetId]) -> Result<HashMap<ActionSheetId, MeansTotals>, Self::Error> {
        Ok(self.db.means_totals(&self.scope, keys).await?.into_iter().collect())
    }
}

/// The sheets of the pact `pact` the caller sees, by title.
pub(crate) async fn actions_of_pact(ctx: &Context<'_>, pact: PactId) -> async_graphql::Result<Vec<ActionSheet>> {
    let scope = *caller(ctx)?.scope();
    let loader = request(ctx)
        .loaders
        .area::<_, PactId>(|db| PactActionsLoader { db, scope });
    Ok(loader.load_one(pact).await.map_err(internal)?.unwrap_or_default())
}

/// The totals of the sheet `id`, batched with every other sheet of the response.
pub(crate) async fn totals_of(ctx: &Context<'_>, id: ActionSheetId) -> async_graphql::Result<MeansTotals> {
    let scope = *caller(ctx)?.scope();
    let loader = request(ctx)
        .loaders
        .area::<_, ActionSheetId>(|db| MeansTotalsLoader { db, scope });
    Ok(loader.load_one(id).await.map_err(internal)?.unwrap_or_default())
}
