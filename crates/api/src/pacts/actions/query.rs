//! The action sheets a centre takes part in, a page at a time.

use async_graphql::Context;
use async_graphql::connection::Connection;
use pactes_domain::pacts::ActionSheetRepository;
use pactes_domain::page::{SortKey, SortKeyKind};
use pactes_domain::{Area, CentreId, Scope};

use super::types::ActionSheet;
use crate::context::{read_scope, request};
use crate::error::internal;
use crate::pagination::{Cursor, OrderDirection, PageArgs, Totals, connection, ordering_code};

/// The sheets `centre` leads, has a role in, or provides or is asked for a means in, by title.
pub(crate) async fn actions_of_centre(
    ctx: &Context<'_>,
    centre: CentreId,
    args: PageArgs,
) -> async_graphql::Result<Connection<Cursor, ActionSheet, Totals>> {
    let scope = read_scope(ctx, Area::Pacts)?;
    let ordering = ordering_code("centreActions", "TITLE", OrderDirection::Asc);
    let page = args.request(&ordering, Some(SortKeyKind::Text))?;
    let found = request(ctx)
        .db
        .actions_of_centre(&scope, centre, &page)
        .await
        .map_err(internal)?;
    Ok(connection(
        ctx,
        found,
        &ordering,
        |s| (Some(SortKey::Text(s.data.title.folded())), s.id.as_uuid()),
        ActionSheet::root,
        Totals::new((scope, centre), |db, (scope, centre): (Scope, CentreId)| async move {
            db.count_actions_of_centre(&scope, centre).await
        }),
    ))
}
