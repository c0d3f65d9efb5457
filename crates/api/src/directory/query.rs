//! Directory queries. The list of federations is public; everything else needs a token that may read the
//! directory, and sees only the caller's federation (all of them for a national caller).

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object};
use pactes_domain::directory::{
    self as domain, CentreRepository, FederationRepository, PartnerData, PartnerRepository, TerritoryData,
    TerritoryRepository,
};
use pactes_domain::page::{Along, SortKeyKind};
use pactes_domain::{Area, CentreId, FederationId, PartnerId, Scope, TerritoryId};

use super::enums::{
    CentreKind, CentreOrderField, Management, PartnerKind, PartnerOrderField, TerritoryKind, TerritoryOrderField,
};
use super::types::{Partner, Territory};
use crate::centre::{self, Centre};
use crate::context::{load_record, read_scope, records, request};
use crate::error::internal;
use crate::federation::Federation;
use crate::ids::decode_as;
use crate::node_kind::NodeKind;
use crate::pagination::{Cursor, OrderDirection, PageArgs, Totals, connection, filter_id, ordering_code, page_cost};

#[derive(Default)]
pub struct DirectoryQuery;

/// Whether the page's items ask for no field but `fields` (through fragments too).
fn items_ask_only(ctx: &Context<'_>, fields: &[&str]) -> bool {
    let look_ahead = ctx.look_ahead();
    [look_ahead.field("edges").field("node"), look_ahead.field("nodes")]
        .iter()
        .flat_map(|items| items.selection_fields())
        .all(|item| item.selection_set().all(|field| fields.contains(&field.name())))
}

/// Whether the items of the connection being resolved select the field at `path` (in `nodes` or in
/// `edges { node }`).
fn items_select(ctx: &Context<'_>, path: &[&str]) -> bool {
    let look_ahead = ctx.look_ahead();
    let items = [look_ahead.field("edges").field("node"), look_ahead.field("nodes")];
    items.iter().any(|item| {
        let mut field = item.field(path[0]);
        for name in &path[1..] {
            field = field.field(name);
        }
        field.exists()
    })
}

/// Loads, in one statement each, the territories and federations that a page of objects will be asked for,
/// so that their resolvers read them from the request's cache. Without this, DataLoader's time-window
/// batching still bounds the statements, but may split a batch in two when the machine is busy.
/// `territories_read`: the page's statement brought its territories along (fed to the request already).
async fn prefetch(
    ctx: &Context<'_>,
    territories: impl IntoIterator<Item = TerritoryId>,
    territories_read: bool,
    federations: impl IntoIterator<Item = FederationId>,
) -> async_graphql::Result<()> {
    if items_select(ctx, &["territory"]) {
        let territories: Vec<TerritoryId> = territories.into_iter().collect();
        if !territories_read {
            records::<TerritoryData>(ctx)?
                .load_many(territories.iter().copied())
                .await
                .map_err(internal)?;
        }
        // A list field of the territories reads them whole: in one batch too.
        if items_select(ctx, &["territory", "communes"]) || items_select(ctx, &["territory", "communeDetails"]) {
            crate::context::whole_records::<TerritoryData>(ctx)?
                .load_many(territories)
                .await
                .map_err(internal)?;
        }
    }
    if items_select(ctx, &["federation"]) {
        // Federations are kept in memory (`FederationRepository`): this makes sure the replica's copy holds the
        // page's, which the items then show from it; fed to the request's loader too, in one call, for an item
        // resolved after the copy lapsed (rather than through the loader's batch window, which would wait for a
        // timer and a task of its own).
        let mut ids: Vec<FederationId> = federations.into_iter().collect();
        ids.sort_unstable_by_key(|id| id.as_uuid());
        ids.dedup();
        let found = request(ctx)
            .db
            .federations_by_ids_public(&ids)
            .await
            .map_err(internal)?;
        let loader = &request(ctx).loaders.federations;
        loader.feed_many(found.into_iter().map(|f| (f.id, f))).await;
    }
    Ok(())
}

/// The type of a text ordering's key, `None` for creation order.
fn text_key(by_id: bool) -> Option<SortKeyKind> {
    (!by_id).then_some(SortKeyKind::Text)
}

#[derive(InputObject, Default)]
pub struct TerritoryFilter {
    /// National callers only: one federation.
    pub federation_id: Option<ID>,
    pub kind: Option<TerritoryKind>,
    /// Part of the name, ignoring case and accents.
    pub search: Option<String>,
    #[graphql(default)]
    pub include_archived: bool,
}

#[derive(InputObject, Default)]
pub struct TerritoryOrder {
    #[graphql(default)]
    pub field: TerritoryOrderField,
    #[graphql(default)]
    pub direction: OrderDirection,
}

#[derive(InputObject, Default)]
pub struct CentreFilter {
    /// National callers only: one federation.
    pub federation_id: Option<ID>,
    pub territory_id: Option<ID>,
    /// A commune, ignoring case and accents: "Dechy" finds "DECHY".
    pub commune: Option<String>,
    pub kind: Option<CentreKind>,
    pub management: Option<Management>,
    /// Part of the name or the commune, ignoring case and accents.
    pub search: Option<String>,
    #[graphql(default)]
    pub include_archived: bool,
}

#[derive(InputObject, Default)]
pub struct CentreOrder {
    #[graphql(default)]
    pub field: CentreOrderField,
    #[graphql(default)]
    pub direction: OrderDirection,
}

#[derive(InputObject, Default)]
pub struct PartnerFilter {
    /// National callers only: one federation.
    pub federation_id: Option<ID>,
    pub kind: Option<PartnerKind>,
    /// Part of the name, ignoring case and accents.
    pub search: Option<String>,
    #[graphql(default)]
    pub include_archived: bool,
}

#[derive(InputObject, Default)]
pub struct PartnerOrder {
    #[graphql(default)]
    pub field: PartnerOrderField,
    #[graphql(default)]
    pub direction: OrderDirection,
}

type DirectoryConnection<T> = Connection<Cursor, T, Totals>;

const READ: Area = Area::Directory;

#[Object]
impl DirectoryQuery {
    /// Every federation using Pactes. Public: no token needed.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST + child_complexity")]
    async fn federations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Federation>> {
        let found = request(ctx).db.list_federations_public().await.map_err(internal)?;
        Ok(found.into_iter().map(Federation::from).collect())
    }

    /// One federation by its slug. Public: no token needed.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST + child_complexity")]
    async fn federation(&self, ctx: &Context<'_>, slug: String) -> async_graphql::Result<Option<Federation>> {
        let found = request(ctx)
            .db
            .federation_by_slug_public(&slug)
            .await
            .map_err(internal)?;
        Ok(found.map(Federation::from))
    }

    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn territories(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<TerritoryFilter>,
        order_by: Option<TerritoryOrder>,
    ) -> async_graphql::Result<DirectoryConnection<Territory>> {
        let scope = read_scope(ctx, READ)?;
        let filter = filter.unwrap_or_default();
        let order_by = order_by.unwrap_or_default();
        let filter = domain::TerritoryFilter {
            federation: filter_id(filter.federation_id, NodeKind::Federation)?.map(FederationId::from_uuid),
            kind: filter.kind.map(Into::into),
            search: filter.search,
            include_archived: filter.include_archived,
        };
        let order = domain::TerritoryOrder {
            field: order_by.field.into(),
            direction: order_by.direction.into(),
        };
        let ordering = ordering_code("territories", order_by.field, order_by.direction);
        let key = text_key(order_by.field == TerritoryOrderField::CreatedAt);
        let page = PageArgs::new(first, after, last, before).request(&ordering, key)?;
        let found = request(ctx)
            .db
            .list_territories(&scope, &filter, order, &page)
            .await
            .map_err(internal)?;
        prefetch(ctx, [], false, found.items.iter().map(|t| t.federation_id)).await?;
        Ok(connection(
            ctx,
            found,
            &ordering,
            |t| (t.sort_key(order.field), t.id.as_uuid()),
            Territory,
            Totals::new((scope, filter), |db, (scope, filter): (Scope, _)| async move {
                db.count_territories(&scope, &filter).await
            }),
        ))
    }

    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn centres(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<CentreFilter>,
        order_by: Option<CentreOrder>,
    ) -> async_graphql::Result<DirectoryConnection<Centre>> {
        let scope = read_scope(ctx, READ)?;
        let filter = filter.unwrap_or_default();
        let order_by = order_by.unwrap_or_default();
        let filter = domain::CentreFilter {
            federation: filter_id(filter.federation_id, NodeKind::Federation)?.map(FederationId::from_uuid),
            territory: filter_id(filter.territory_id, NodeKind::Territory)?.map(TerritoryId::from_uuid),
            commune: filter.commune,
            kind: filter.kind.map(Into::into),
            management: filter.management.map(Into::into),
            search: filter.search,
            include_archived: filter.include_archived,
        };
        let order = domain::CentreOrder {
            field: order_by.field.into(),
            direction: order_by.direction.into(),
        };
        let ordering = ordering_code("centres", order_by.field, order_by.direction);
        let key = match order_by.field {
            CentreOrderField::Name | CentreOrderField::Commune => Some(SortKeyKind::Text),
            CentreOrderField::AccreditationEnd => Some(SortKeyKind::Date),
            CentreOrderField::CreatedAt => None,
        };
        let page = PageArgs::new(first, after, last, before).request(&ordering, key)?;
        // What the selection shows comes along in the page's statement: the territories and the total.
        let along = Along {
            related: items_select(ctx, &["territory"]),
            total: ctx.look_ahead().field("totalCount").exists(),
        };
        let db = &request(ctx).db;
        // A page whose items show no more than a summary reads summaries: fewer columns, nothing to decode
        // that the response leaves out.
        let (page, related, total) = if items_ask_only(ctx, centre::SUMMARY_FIELDS) {
            let found = db
                .list_centre_summaries_along(&scope, &filter, order, &page, along)
                .await
                .map_err(internal)?;
            (found.page.into_items(Centre::summary), found.related, found.total)
        } else {
            let found = db
                .list_centres_along(&scope, &filter, order, &page, along)
                .await
                .map_err(internal)?;
            (found.page.into_items(Centre::whole), found.related, found.total)
        };
        if along.related {
            crate::context::feed::<TerritoryData>(ctx, related);
        }
        prefetch(
            ctx,
            page.items.iter().filter_map(Centre::territory_id),
            along.related,
            page.items.iter().map(Centre::federation_id),
        )
        .await?;
        let totals = match total {
            Some(total) => Totals::Known(total),
            None => Totals::new((scope, filter), |db, (scope, filter): (Scope, _)| async move {
                db.count_centres(&scope, &filter).await
            }),
        };
        Ok(connection(
            ctx,
            page,
            &ordering,
            |c| c.position(order.field),
            |c| c,
            totals,
        ))
    }

    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn partners(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<PartnerFilter>,
        order_by: Option<PartnerOrder>,
    ) -> async_graphql::Result<DirectoryConnection<Partner>> {
        let scope = read_scope(ctx, READ)?;
        let filter = filter.unwrap_or_default();
        let order_by = order_by.unwrap_or_default();
        let filter = domain::PartnerFilter {
            federation: filter_id(filter.federation_id, NodeKind::Federation)?.map(FederationId::from_uuid),
            kind: filter.kind.map(Into::into),
            search: filter.search,
            include_archived: filter.include_archived,
        };
        let order = domain::PartnerOrder {
            field: order_by.field.into(),
            direction: order_by.direction.into(),
        };
        let ordering = ordering_code("partners", order_by.field, order_by.direction);
        let key = text_key(order_by.field == PartnerOrderField::CreatedAt);
        let page = PageArgs::new(first, after, last, before).request(&ordering, key)?;
        let found = request(ctx)
            .db
            .list_partners(&scope, &filter, order, &page)
            .await
            .map_err(internal)?;
        prefetch(ctx, [], false, found.items.iter().map(|p| p.federation_id)).await?;
        Ok(connection(
            ctx,
            found,
            &ordering,
            |p| (p.sort_key(order.field), p.id.as_uuid()),
            Partner,
            Totals::new((scope, filter), |db, (scope, filter): (Scope, _)| async move {
                db.count_partners(&scope, &filter).await
            }),
        ))
    }

    /// A territory of your federation; null if there is none with this id.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST + child_complexity")]
    async fn territory(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Territory>> {
        read_scope(ctx, READ)?;
        let Some(uuid) = decode_as(&id, NodeKind::Territory) else {
            return Ok(None);
        };
        Ok(load_record::<TerritoryData>(ctx, TerritoryId::from_uuid(uuid))
            .await?
            .map(Territory))
    }

    /// A centre of your federation; null if there is none with this id.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST + child_complexity")]
    async fn centre(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Centre>> {
        read_scope(ctx, READ)?;
        let Some(uuid) = decode_as(&id, NodeKind::Centre) else {
            return Ok(None);
        };
        centre::centre_for(ctx, CentreId::from_uuid(uuid)).await
    }

    /// A partner of your federation; null if there is none with this id.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST + child_complexity")]
    async fn partner(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Partner>> {
        read_scope(ctx, READ)?;
        let Some(uuid) = decode_as(&id, NodeKind::Partner) else {
            return Ok(None);
        };
        Ok(load_record::<PartnerData>(ctx, PartnerId::from_uuid(uuid))
            .await?
            .map(Partner))
    }
}
