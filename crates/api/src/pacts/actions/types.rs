//! An action sheet on the wire. A pact's sheets come whole (parts included); a sheet reached by id or in a
//! centre's page reads its parts when a field shows them, in one batch for the response.

use async_graphql::{Context, ID, Object, SimpleObject};
use pactes_domain::ActionSheetId;
use pactes_domain::pacts::{self as domain, ActionSheetData, PactData};

use super::loaders::totals_of;
use crate::context::{load_record, whole_record};
use crate::ids::encode;
use crate::node_kind::{NodeKind, NodeObject};
use crate::pacts::enums::{ActionStatus, MeansKind};
use crate::pacts::types::{Objective, Pact, Party, load_party};
use crate::record::Record;
use crate::scalars::{Date, Money};

/// A fiche action: one action carried out under a pact, who does what in it, with which means.
pub struct ActionSheet {
    sheet: domain::ActionSheet,
    /// Whether `sheet` holds its parts (roles, objectives, means).
    whole: bool,
}

impl ActionSheet {
    pub(crate) fn whole(sheet: domain::ActionSheet) -> ActionSheet {
        ActionSheet { sheet, whole: true }
    }

    pub(crate) fn root(sheet: domain::ActionSheet) -> ActionSheet {
        ActionSheet { sheet, whole: false }
    }

    async fn parts(&self, ctx: &Context<'_>) -> async_graphql::Result<std::borrow::Cow<'_, domain::ActionSheet>> {
        if self.whole {
            return Ok(std::borrow::Cow::Borrowed(&self.sheet));
        }
        Ok(std::borrow::Cow::Owned(
            whole_record::<ActionSheetData>(ctx, self.sheet.id).await?,
        ))
    }
}

/// What one actor does in the action.
pub struct ActorRole(domain::ActorRole, pactes_domain::FederationId);

#[Object]
impl ActorRole {
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Party>> {
        load_party(ctx, self.0.actor, self.1).await
    }
    /// The role in words ("porteur de l'action").
    async fn role(&self) -> &str {
        self.0.role.as_str()
    }
}

/// A means of the action: pooled, requested or the actor's own.
pub struct Means(domain::Means, pactes_domain::FederationId);

#[Object]
impl Means {
    async fn kind(&self) -> MeansKind {
        self.0.kind.into()
    }
    async fn description(&self) -> &str {
        self.0.description.as_str()
    }
    /// Who provides it, or is asked for it.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Party>> {
        load_party(ctx, self.0.actor, self.1).await
    }
    async fn amount(&self) -> Option<Money> {
        self.0.amount.map(Money)
    }
}

/// The amounts of an action's means by kind, summed exactly by the database.
#[derive(SimpleObject)]
pub struct MeansTotals {
    pub pooled: Money,
    pub requested: Money,
    pub own: Money,
}

#[Object]
impl ActionSheet {
    pub async fn id(&self) -> ID {
        encode(NodeKind::ActionSheet, self.sheet.id.as_uuid())
    }
    async fn pact(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Pact>> {
        Ok(load_record::<PactData>(ctx, self.sheet.data.pact_id).await?.map(Pact))
    }
    /// The pact's objective it serves, if one.
    async fn objective(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Objective>> {
        let Some(id) = self.sheet.data.objective_id else {
            return Ok(None);
        };
        let pact = whole_record::<PactData>(ctx, self.sheet.data.pact_id).await?;
        Ok(pact
            .data
            .content
            .axes
            .iter()
            .flat_map(|a| &a.objectives)
            .find(|o| o.id == id)
            .map(|o| Objective::of(o, pact.id)))
    }
    async fn title(&self) -> &str {
        self.sheet.data.title.as_str()
    }
    async fn description(&self) -> Option<&str> {
        self.sheet.data.description.as_deref()
    }
    async fn start_date(&self) -> Option<Date> {
        self.sheet.data.period.as_ref().map(|p| Date(p.start()))
    }
    async fn end_date(&self) -> Option<Date> {
        self.sheet.data.period.as_ref().map(|p| Date(p.end()))
    }
    async fn status(&self) -> ActionStatus {
        self.sheet.data.status.into()
    }
    /// Who leads it (le porteur).
    async fn lead(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Party>> {
        match self.sheet.data.lead {
            Some(lead) => load_party(ctx, lead, self.sheet.federation_id).await,
            None => Ok(None),
        }
    }
    /// The role of each actor.
    #[graphql(complexity = "crate::pagination::PART_LIST_COST * child_complexity")]
    async fn roles(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ActorRole>> {
        let sheet = self.parts(ctx).await?;
        Ok(sheet
            .data
            .roles
            .iter()
            .map(|r| ActorRole(r.clone(), sheet.federation_id))
            .collect())
    }
    /// The action's own objectives, in words.
    #[graphql(complexity = "crate::pagination::LIST_FIELD_COST")]
    async fn objectives(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        let sheet = self.parts(ctx).await?;
        Ok(sheet.data.objectives.iter().map(|o| o.as_str().to_owned()).collect())
    }
    /// Its means, pooled (mutualisés), requested (sollicités) or the actors' own.
    #[graphql(complexity = "crate::pagination::PART_LIST_COST * child_complexity")]
    async fn means(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Means>> {
        let sheet = self.parts(ctx).await?;
        Ok(sheet
            .data
            .means
            .iter()
            .map(|m| Means(m.clone(), sheet.federation_id))
            .collect())
    }
    /// What its means come to, by kind.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST")]
    async fn totals(&self, ctx: &Context<'_>) -> async_graphql::Result<MeansTotals> {
        let totals = totals_of(ctx, self.sheet.id).await?;
        Ok(MeansTotals {
            pooled: Money(totals.pooled),
            requested: Money(totals.requested),
            own: Money(totals.own),
        })
    }
    #[graphql(flatten)]
    async fn record(&self) -> Record {
        Record::from(&self.sheet.meta)
    }
}

impl NodeObject for ActionSheet {
    async fn load(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Option<Self>> {
        Ok(load_record::<ActionSheetData>(ctx, ActionSheetId::from_uuid(id))
            .await?
            .map(ActionSheet::root))
    }
}
