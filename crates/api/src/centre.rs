//! `Centre` as the API shows it: the directory's fields, then those each area adds from its own module, then
//! its version and dates. Adding an area's fields to a centre is one more member here; the directory does not
//! know the areas.

use async_graphql::{Context, ID, MergedObject};
use pactes_domain::directory::{self as domain, CentreRepository};
use pactes_domain::page::SortKey;
use pactes_domain::{CentreId, FederationId, TerritoryId};

use crate::context::load_record;
use crate::conventions::ConventionsOfCentre;
use crate::directory::{CentreFields, CentreRecord};
use crate::governance::GovernanceOfCentre;
use crate::ids::encode;
use crate::indicators::IndicatorsOfCentre;
use crate::node_kind::{NodeKind, NodeObject};
use crate::pacts::PactsOfCentre;

// No doc comment: the schema has never described `Centre`, and one would change it.
#[derive(MergedObject)]
#[graphql(name = "Centre")]
pub struct Centre(
    CentreFields,
    PactsOfCentre,
    ConventionsOfCentre,
    IndicatorsOfCentre,
    GovernanceOfCentre,
    CentreRecord,
);

/// The fields a centre's summary answers: a page whose items ask for no other reads summaries. The areas'
/// fields need only the centre's id.
pub(crate) const SUMMARY_FIELDS: &[&str] = &[
    "__typename",
    "id",
    "kind",
    "name",
    "commune",
    "territory",
    "federation",
    "pacts",
    "actions",
    "conventions",
    "indicatorSeries",
    "bodies",
];

impl Centre {
    /// Its id, as the `Node` interface reads it.
    pub async fn id(&self, _ctx: &Context<'_>) -> async_graphql::Result<ID> {
        Ok(encode(NodeKind::Centre, self.0.centre_id().as_uuid()))
    }

    pub(crate) fn whole(record: domain::Centre) -> Centre {
        Centre::of(CentreFields::whole(record))
    }

    pub(crate) fn summary(summary: domain::CentreSummary) -> Centre {
        Centre::of(CentreFields::summary(summary))
    }

    fn of(fields: CentreFields) -> Centre {
        let (centre, federation) = (fields.centre_id(), fields.federation_id());
        let record = fields.record();
        Centre(
            fields,
            PactsOfCentre(centre),
            ConventionsOfCentre(centre),
            IndicatorsOfCentre { centre, federation },
            GovernanceOfCentre(centre),
            record,
        )
    }

    pub(crate) fn territory_id(&self) -> Option<TerritoryId> {
        self.0.territory_id()
    }

    pub(crate) fn federation_id(&self) -> FederationId {
        self.0.federation_id()
    }

    /// Its place in a list in `field`'s order, for its cursor.
    pub(crate) fn position(&self, field: domain::CentreOrderField) -> (Option<SortKey>, uuid::Uuid) {
        self.0.position(field)
    }
}

impl NodeObject for Centre {
    async fn load(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Option<Self>> {
        // `nodes(ids:)` batches its centres in one read; territories follow in one more.
        if ctx.field().name() == "nodes" {
            return Ok(load_record(ctx, CentreId::from_uuid(id)).await?.map(Centre::whole));
        }
        centre_for(ctx, CentreId::from_uuid(id)).await
    }
}

/// One centre asked by id, for the field `ctx` resolves: read with its territory in the same statement when the
/// selection shows the territory (which then comes from the request's loader, fed here), else through the
/// request's batched loader.
pub(crate) async fn centre_for(ctx: &Context<'_>, id: CentreId) -> async_graphql::Result<Option<Centre>> {
    if !ctx.look_ahead().field("territory").exists() {
        return Ok(load_record(ctx, id).await?.map(Centre::whole));
    }
    let scope = *crate::context::caller(ctx)?.scope();
    let found = crate::context::request(ctx)
        .db
        .centre_with_territory(&scope, id)
        .await
        .map_err(crate::error::internal)?;
    let Some((centre, territory)) = found else {
        return Ok(None);
    };
    crate::context::feed::<domain::TerritoryData>(ctx, territory);
    crate::context::feed::<domain::CentreData>(ctx, [centre.clone()]);
    Ok(Some(Centre::whole(centre)))
}
