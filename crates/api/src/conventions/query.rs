//! Conventions queries: a federation's conventions (a partner token's: those its partner is party to),
//! filtered and paged; one by id; those expiring soon; the funding totals a funder reconciles; and a centre's
//! coverage.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object};
use pactes_domain::agreement::Party as DomainParty;
use pactes_domain::conventions::{self as domain, ConventionData, ConventionRepository};
use pactes_domain::page::SortKeyKind;
use pactes_domain::{Area, CentreId, ConventionId, FederationId, Scope};

use super::enums::{ConventionKind, ConventionOrderField, ConventionStatus, FundingGroup, FundingNature};
use super::types::{CentreCoverage, Convention};
use crate::context::{load_record, read_scope, request};
use crate::error::{ErrorCode, internal};
use crate::federation::{Federation, federation};
use crate::ids::{decode_as, decode_party};
use crate::node_kind::NodeKind;
use crate::pacts::{Party, load_party};
use crate::pagination::{Cursor, OrderDirection, PageArgs, Totals, connection, filter_id, ordering_code, page_cost};
use crate::record::today;
use crate::scalars::{Date, Money};

const READ: Area = Area::Conventions;

/// The party a filter's id names: a centre, a partner, or a federation (the federation itself as a party).
fn party_filter(id: Option<ID>) -> async_graphql::Result<Option<DomainParty>> {
    id.map(|id| {
        decode_party(&id).ok_or_else(|| {
            ErrorCode::InvalidArgument.error(format!(
                "{} is not the id of a centre, a partner or a federation",
                id.as_str()
            ))
        })
    })
    .transpose()
}

#[derive(InputObject, Default)]
pub struct ConventionFilter {
    /// National callers only: one federation.
    pub federation_id: Option<ID>,
    pub kind: Option<ConventionKind>,
    /// As of today: `ACTIVE` and `EXPIRED` follow from the dates.
    pub status: Option<ConventionStatus>,
    /// A party in any role: a centre's, a partner's or the federation's id.
    pub party_id: Option<ID>,
    /// With a funding line from this funder.
    pub funder_id: Option<ID>,
    /// With a funding line to this beneficiary.
    pub beneficiary_id: Option<ID>,
    /// Signed and in force on this day.
    pub in_force_on: Option<Date>,
    /// With a funding line for this year.
    pub year: Option<i32>,
    /// In force and ending within this many days, and not renewed by a signed convention.
    pub expiring_within_days: Option<u32>,
    #[graphql(default)]
    pub include_archived: bool,
}

impl ConventionFilter {
    fn into_domain(self) -> async_graphql::Result<domain::ConventionFilter> {
        Ok(domain::ConventionFilter {
            federation: filter_id(self.federation_id, NodeKind::Federation)?.map(FederationId::from_uuid),
            kind: self.kind.map(Into::into),
            status: self.status.map(Into::into),
            party: party_filter(self.party_id)?,
            funder: party_filter(self.funder_id)?,
            beneficiary: party_filter(self.beneficiary_id)?,
            in_force_on: self.in_force_on.map(|d| d.0),
            year: self.year,
            expiring_within_days: self.expiring_within_days,
            include_archived: self.include_archived,
        })
    }
}

#[derive(InputObject, Default)]
pub struct ConventionOrder {
    #[graphql(default)]
    pub field: ConventionOrderField,
    #[graphql(default)]
    pub direction: OrderDirection,
}

/// Which funding lines count in totals: those of signed conventions (unless `includeUnsigned`) matching the
/// convention filter, narrowed by the lines' own funder, beneficiary, year and nature.
#[derive(InputObject, Default)]
pub struct FundingFilter {
    pub conventions: Option<ConventionFilter>,
    pub funder_id: Option<ID>,
    pub beneficiary_id: Option<ID>,
    pub year: Option<i32>,
    pub nature: Option<FundingNature>,
    #[graphql(default)]
    pub include_unsigned: bool,
}

impl FundingFilter {
    pub(crate) fn into_domain(self) -> async_graphql::Result<domain::FundingFilter> {
        Ok(domain::FundingFilter {
            conventions: self.conventions.unwrap_or_default().into_domain()?,
            funder: party_filter(self.funder_id)?,
            beneficiary: party_filter(self.beneficiary_id)?,
            year: self.year,
            nature: self.nature.map(Into::into),
            include_unsigned: self.include_unsigned,
        })
    }
}

/// One group's amounts; the keys not grouped by are null.
pub struct FundingTotals(domain::FundingTotals, FederationId);

#[Object]
impl FundingTotals {
    async fn federation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Federation>> {
        match self.0.federation {
            Some(id) => federation(ctx, id).await,
            None => Ok(None),
        }
    }
    async fn funder(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Party>> {
        match self.0.funder {
            Some(p) => load_party(ctx, p, self.0.federation.unwrap_or(self.1)).await,
            None => Ok(None),
        }
    }
    async fn beneficiary(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Party>> {
        match self.0.beneficiary {
            Some(p) => load_party(ctx, p, self.0.federation.unwrap_or(self.1)).await,
            None => Ok(None),
        }
    }
    async fn year(&self) -> Option<i32> {
        self.0.year
    }
    async fn nature(&self) -> Option<FundingNature> {
        self.0.nature.map(Into::into)
    }
    async fn kind(&self) -> Option<ConventionKind> {
        self.0.kind.map(Into::into)
    }
    async fn committed(&self) -> Money {
        Money(self.0.committed)
    }
    async fn paid(&self) -> Money {
        Money(self.0.paid)
    }
    /// Committed and not paid yet.
    async fn outstanding(&self) -> async_graphql::Result<Money> {
        self.0
            .outstanding()
            .map(Money)
            .ok_or_else(|| internal("an outstanding amount past what an amount can hold"))
    }
}

#[derive(Default)]
pub struct ConventionsQuery;

#[Object]
impl ConventionsQuery {
    /// Your federation's conventions; for a partner token, those its partner is party to.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn conventions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<ConventionFilter>,
        order_by: Option<ConventionOrder>,
    ) -> async_graphql::Result<Connection<Cursor, Convention, Totals>> {
        let filter = filter.unwrap_or_default().into_domain()?;
        let args = PageArgs::new(first, after, last, before);
        conventions_page(ctx, args, filter, order_by.unwrap_or_default()).await
    }

    /// The conventions in force that end within `withinDays` days and that no signed convention renews, the
    /// first to end first.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn expiring_conventions(
        &self,
        ctx: &Context<'_>,
        within_days: u32,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> async_graphql::Result<Connection<Cursor, Convention, Totals>> {
        let filter = domain::ConventionFilter {
            expiring_within_days: Some(crate::bounds::within_days(within_days)?),
            ..Default::default()
        };
        let order = ConventionOrder {
            field: ConventionOrderField::End,
            direction: OrderDirection::Asc,
        };
        let args = PageArgs::new(first, after, last, before);
        conventions_page(ctx, args, filter, order).await
    }

    /// A convention of your federation (for a partner token: one its partner is party to); null otherwise.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST + child_complexity")]
    async fn convention(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Convention>> {
        read_scope(ctx, READ)?;
        let Some(uuid) = decode_as(&id, NodeKind::Convention) else {
            return Ok(None);
        };
        Ok(load_record::<ConventionData>(ctx, ConventionId::from_uuid(uuid))
            .await?
            .map(Convention))
    }

    /// Committed, paid and outstanding amounts per group, summed by the database to the cent: for your
    /// federation (a partner token: its conventions only), or across federations for a national caller.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST + 100 * child_complexity")]
    async fn funding_totals(
        &self,
        ctx: &Context<'_>,
        group_by: Vec<FundingGroup>,
        filter: Option<FundingFilter>,
    ) -> async_graphql::Result<Vec<FundingTotals>> {
        let scope = read_scope(ctx, READ)?;
        crate::bounds::distinct("groupBy", &group_by)?;
        let filter = filter.unwrap_or_default().into_domain()?;
        let group_by: Vec<domain::FundingGroup> = group_by.into_iter().map(Into::into).collect();
        let home = scope.federation().unwrap_or(FederationId::from_uuid(uuid::Uuid::nil()));
        let rows = request(ctx)
            .db
            .funding_totals(&scope, &group_by, &filter, today())
            .await
            .map_err(internal)?;
        Ok(rows.into_iter().map(|r| FundingTotals(r, home)).collect())
    }
}

/// A page of the conventions matching `filter` that the caller sees.
async fn conventions_page(
    ctx: &Context<'_>,
    args: PageArgs,
    filter: domain::ConventionFilter,
    order_by: ConventionOrder,
) -> async_graphql::Result<Connection<Cursor, Convention, Totals>> {
    let scope = read_scope(ctx, READ)?;
    let order = domain::ConventionOrder {
        field: order_by.field.into(),
        direction: order_by.direction.into(),
    };
    let ordering = ordering_code("conventions", order_by.field, order_by.direction);
    let key = match order_by.field {
        ConventionOrderField::Reference => Some(SortKeyKind::Text),
        ConventionOrderField::End => Some(SortKeyKind::Date),
        ConventionOrderField::CreatedAt => None,
    };
    let page = args.request(&ordering, key)?;
    let today = today();
    let found = request(ctx)
        .db
        .list_conventions(&scope, &filter, today, order, &page)
        .await
        .map_err(internal)?;
    Ok(connection(
        ctx,
        found,
        &ordering,
        |c| (c.sort_key(order.field), c.id.as_uuid()),
        Convention,
        Totals::new((scope, filter), move |db, (scope, filter): (Scope, _)| async move {
            db.count_conventions(&scope, &filter, today).await
        }),
    ))
}

/// A centre's conventions in force today and the first day its funding is not covered.
pub(crate) async fn centre_coverage(ctx: &Context<'_>, centre: CentreId) -> async_graphql::Result<CentreCoverage> {
    let scope = read_scope(ctx, READ)?;
    let coverage = request(ctx)
        .db
        .centre_coverage(&scope, centre, today())
        .await
        .map_err(internal)?;
    Ok(CentreCoverage(coverage))
}
