//! Pacts queries: a federation's pacts (a partner token's: those its partner signed), filtered and paged, and
//! one pact by id.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object};
use pactes_domain::pacts::{self as domain, PactData, PactRepository};
use pactes_domain::page::SortKeyKind;
use pactes_domain::{Area, CentreId, FederationId, PactId, PartnerId, Scope, TerritoryId};

use super::enums::{PactKind, PactOrderField, PactStatus};
use super::types::Pact;
use crate::context::{load_record, read_scope, request};
use crate::error::internal;
use crate::ids::decode_as;
use crate::node_kind::NodeKind;
use crate::pagination::{Cursor, OrderDirection, PageArgs, Totals, connection, filter_id, ordering_code, page_cost};
use crate::record::today;
use crate::scalars::Date;

const READ: Area = Area::Pacts;

#[derive(Default)]
pub struct PactsQuery;

#[derive(InputObject, Default)]
pub struct PactFilter {
    /// National callers only: one federation.
    pub federation_id: Option<ID>,
    pub kind: Option<PactKind>,
    /// As of today: `ACTIVE` and `EXPIRED` follow from the dates.
    pub status: Option<PactStatus>,
    pub territory_id: Option<ID>,
    /// Pacts this centre signs.
    pub centre_id: Option<ID>,
    /// Pacts this partner signs.
    pub partner_id: Option<ID>,
    /// Signed and in force on this day.
    pub in_force_on: Option<Date>,
    /// Whose period shares a day with this year.
    pub year: Option<i32>,
    #[graphql(default)]
    pub include_archived: bool,
}

#[derive(InputObject, Default)]
pub struct PactOrder {
    #[graphql(default)]
    pub field: PactOrderField,
    #[graphql(default)]
    pub direction: OrderDirection,
}

#[Object]
impl PactsQuery {
    /// Your federation's pacts, charters and protocols; for a partner token, those its partner signs.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn pacts(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<PactFilter>,
        order_by: Option<PactOrder>,
    ) -> async_graphql::Result<Connection<Cursor, Pact, Totals>> {
        let filter = filter.unwrap_or_default();
        let filter = domain::PactFilter {
            federation: filter_id(filter.federation_id, NodeKind::Federation)?.map(FederationId::from_uuid),
            kind: filter.kind.map(Into::into),
            status: filter.status.map(Into::into),
            territory: filter_id(filter.territory_id, NodeKind::Territory)?.map(TerritoryId::from_uuid),
            centre_signatory: filter_id(filter.centre_id, NodeKind::Centre)?.map(CentreId::from_uuid),
            partner_signatory: filter_id(filter.partner_id, NodeKind::Partner)?.map(PartnerId::from_uuid),
            in_force_on: filter.in_force_on.map(|d| d.0),
            overlapping_year: filter.year,
            include_archived: filter.include_archived,
        };
        let args = PageArgs::new(first, after, last, before);
        pacts_page(ctx, args, filter, order_by.unwrap_or_default()).await
    }

    /// A pact of your federation (for a partner token: one its partner signs); null otherwise.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST + child_complexity")]
    async fn pact(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Pact>> {
        read_scope(ctx, READ)?;
        let Some(uuid) = decode_as(&id, NodeKind::Pact) else {
            return Ok(None);
        };
        Ok(load_record::<PactData>(ctx, PactId::from_uuid(uuid)).await?.map(Pact))
    }
}

/// A page of the pacts matching `filter` that the caller sees: `pacts`, and a centre's `pacts`.
pub(crate) async fn pacts_page(
    ctx: &Context<'_>,
    args: PageArgs,
    filter: domain::PactFilter,
    order_by: PactOrder,
) -> async_graphql::Result<Connection<Cursor, Pact, Totals>> {
    let scope = read_scope(ctx, READ)?;
    let order = domain::PactOrder {
        field: order_by.field.into(),
        direction: order_by.direction.into(),
    };
    let ordering = ordering_code("pacts", order_by.field, order_by.direction);
    let key = match order_by.field {
        PactOrderField::Title => Some(SortKeyKind::Text),
        PactOrderField::Start => Some(SortKeyKind::Date),
        PactOrderField::CreatedAt => None,
    };
    let page = args.request(&ordering, key)?;
    let today = today();
    let found = request(ctx)
        .db
        .list_pacts(&scope, &filter, today, order, &page)
        .await
        .map_err(internal)?;
    Ok(connection(
        ctx,
        found,
        &ordering,
        |p| (p.sort_key(order.field), p.id.as_uuid()),
        Pact,
        Totals::new((scope, filter), move |db, (scope, filter): (Scope, _)| async move {
            db.count_pacts(&scope, &filter, today).await
        }),
    ))
}

/// The pacts the centre `centre` signs, by title.
pub(crate) async fn pacts_of_centre(
    ctx: &Context<'_>,
    centre: CentreId,
    args: PageArgs,
) -> async_graphql::Result<Connection<Cursor, Pact, Totals>> {
    let filter = domain::PactFilter {
        centre_signatory: Some(centre),
        ..Default::default()
    };
    pacts_page(ctx, args, filter, PactOrder::default()).await
}
