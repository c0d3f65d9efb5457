//! A pact on the wire. Lists and pages give pacts without their parts; a field that shows parts (axes,
//! signatories, consultations, amendments) reads the pact whole, in one batch for every pact of the response.

use async_graphql::{Context, ID, Object, SimpleObject, Union};
use pactes_domain::PactId;
use pactes_domain::directory::{CentreData, PartnerData};
use pactes_domain::pacts::{self as domain, PactData};

use super::actions::{ActionSheet, actions_of_pact};
use super::enums::{PactKind, PactStatus, SignatoryRole};
use crate::centre::Centre;
use crate::context::{load_record, whole_record};
use crate::directory::{Partner, Territory};
use crate::federation::{Federation, federation};
use crate::ids::encode;
use crate::node_kind::{NodeKind, NodeObject};
use crate::record::{Record, today};
use crate::scalars::Date;

/// A pacte, charte or protocole de coopération.
pub struct Pact(pub domain::Pact);

impl Pact {
    async fn whole(&self, ctx: &Context<'_>) -> async_graphql::Result<domain::Pact> {
        whole_record::<PactData>(ctx, self.0.id).await
    }
}

#[Object]
impl Pact {
    pub async fn id(&self) -> ID {
        encode(NodeKind::Pact, self.0.id.as_uuid())
    }
    async fn kind(&self) -> PactKind {
        self.0.data.content.kind.into()
    }
    async fn title(&self) -> &str {
        self.0.data.content.title.as_str()
    }
    /// Null for a pact of the whole federation.
    async fn territory(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Territory>> {
        let Some(id) = self.0.data.content.territory_id else {
            return Ok(None);
        };
        Ok(load_record::<pactes_domain::directory::TerritoryData>(ctx, id)
            .await?
            .map(Territory))
    }
    /// First day in force.
    async fn start_date(&self) -> Date {
        Date(self.0.data.content.period.start())
    }
    /// Last day in force.
    async fn end_date(&self) -> Date {
        Date(self.0.data.content.period.end())
    }
    /// 2 for a "deuxième pacte".
    async fn sequence(&self) -> u16 {
        self.0.data.content.sequence
    }
    /// The pact this one follows, when it is recorded.
    async fn predecessor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Pact>> {
        let Some(id) = self.0.data.content.predecessor_id else {
            return Ok(None);
        };
        Ok(load_record::<PactData>(ctx, id).await?.map(Pact))
    }
    async fn preamble(&self) -> Option<&str> {
        self.0.data.content.preamble.as_deref()
    }
    /// The values the signatories share (valeurs).
    #[graphql(complexity = "crate::pagination::LIST_FIELD_COST")]
    async fn values(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        let whole = self.whole(ctx).await?;
        Ok(whole
            .data
            .content
            .values
            .iter()
            .map(|v| v.as_str().to_owned())
            .collect())
    }
    /// The priority stakes (enjeux).
    #[graphql(complexity = "crate::pagination::LIST_FIELD_COST")]
    async fn stakes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        let whole = self.whole(ctx).await?;
        Ok(whole
            .data
            .content
            .stakes
            .iter()
            .map(|v| v.as_str().to_owned())
            .collect())
    }
    /// Its status today: the stored step, and for a signed pact whether it is in force or expired.
    async fn status(&self) -> PactStatus {
        self.0.data.effective_status(today()).into()
    }
    /// Why it was terminated early.
    async fn termination_reason(&self) -> Option<&str> {
        self.0.data.termination_reason.as_deref()
    }
    /// The axes (axes), in order, with their objectives.
    #[graphql(complexity = "crate::pagination::PART_LIST_COST * child_complexity")]
    async fn axes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Axis>> {
        let whole = self.whole(ctx).await?;
        Ok(whole.data.content.axes.iter().map(|a| Axis::of(a, whole.id)).collect())
    }
    /// Its action sheets (fiches action), by title: those serving one of its objectives and the others.
    #[graphql(complexity = "crate::pagination::LIST_FIELD_COST * child_complexity")]
    async fn actions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ActionSheet>> {
        let sheets = actions_of_pact(ctx, self.0.id).await?;
        Ok(sheets.into_iter().map(ActionSheet::whole).collect())
    }
    /// Who signs (signataires), and whether they have.
    #[graphql(complexity = "crate::pagination::LIST_FIELD_COST * child_complexity")]
    async fn signatories(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Signatory>> {
        let whole = self.whole(ctx).await?;
        let federation = whole.federation_id;
        Ok(whole
            .data
            .content
            .signatories
            .into_iter()
            .map(|s| Signatory(s, federation))
            .collect())
    }
    /// Who was consulted while it was drafted.
    #[graphql(complexity = "crate::pagination::LIST_FIELD_COST * child_complexity")]
    async fn consultations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Consultation>> {
        let whole = self.whole(ctx).await?;
        Ok(whole
            .data
            .content
            .consultations
            .iter()
            .map(|c| Consultation {
                group: c.group.as_str().to_owned(),
                people: c.people,
                held_on: Date(c.held_on),
                summary: c.summary.clone(),
            })
            .collect())
    }
    /// Its amendments (avenants), oldest first: how its content changed since signature.
    #[graphql(complexity = "crate::pagination::LIST_FIELD_COST * child_complexity")]
    async fn amendments(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Amendment>> {
        let whole = self.whole(ctx).await?;
        Ok(whole.data.amendments.iter().map(Amendment::from).collect())
    }
    async fn federation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Federation>> {
        federation(ctx, self.0.federation_id).await
    }
    #[graphql(flatten)]
    async fn record(&self) -> Record {
        Record::from(&self.0.meta)
    }
}

impl NodeObject for Pact {
    async fn load(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Option<Self>> {
        Ok(load_record::<PactData>(ctx, PactId::from_uuid(id)).await?.map(Pact))
    }
}

/// An axis (axe) of a pact.
#[derive(SimpleObject)]
pub struct Axis {
    /// Stable across edits and amendments; give it back to keep the axis.
    pub id: ID,
    pub title: String,
    pub subtitle: Option<String>,
    pub objectives: Vec<Objective>,
}

impl Axis {
    fn of(axis: &domain::Axis, pact: PactId) -> Axis {
        Axis {
            id: ID(axis.id.to_string()),
            title: axis.title.as_str().to_owned(),
            subtitle: axis.subtitle.as_ref().map(|s| s.as_str().to_owned()),
            objectives: axis.objectives.iter().map(|o| Objective::of(o, pact)).collect(),
        }
    }
}

impl Objective {
    pub(crate) fn of(objective: &domain::Objective, pact: PactId) -> Objective {
        Objective {
            pact,
            objective: objective.id,
            id: ID(objective.id.to_string()),
            title: objective.title.as_str().to_owned(),
            description: objective.description.clone(),
            criteria: objective
                .criteria
                .iter()
                .map(|c| Criterion {
                    label: c.label.as_str().to_owned(),
                    target: c.target.as_ref().map(|t| t.as_str().to_owned()),
                })
                .collect(),
        }
    }
}

/// An objective of an axis.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Objective {
    #[graphql(skip)]
    pub pact: PactId,
    #[graphql(skip)]
    pub objective: pactes_domain::ObjectiveId,
    /// Stable across edits and amendments, and when it moves to another axis; action sheets refer to it.
    pub id: ID,
    pub title: String,
    pub description: Option<String>,
    /// How it is evaluated (critères d'évaluation).
    pub criteria: Vec<Criterion>,
}

#[async_graphql::ComplexObject]
impl Objective {
    /// The action sheets that serve this objective, by title.
    #[graphql(complexity = "crate::pagination::PART_LIST_COST * child_complexity")]
    async fn actions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ActionSheet>> {
        let sheets = actions_of_pact(ctx, self.pact).await?;
        Ok(sheets
            .into_iter()
            .filter(|s| s.data.objective_id == Some(self.objective))
            .map(ActionSheet::whole)
            .collect())
    }
}

#[derive(SimpleObject)]
pub struct Criterion {
    pub label: String,
    /// The value aimed at, if any ("4 rencontres par an").
    pub target: Option<String>,
}

#[derive(SimpleObject)]
pub struct Consultation {
    /// Who: usagers, salariés, administrateurs, partenaires, habitants…
    pub group: String,
    pub people: u32,
    pub held_on: Date,
    pub summary: Option<String>,
}

/// An amendment (avenant) to a signed pact or convention.
#[derive(SimpleObject)]
pub struct Amendment {
    /// 1 for the first.
    pub number: u32,
    pub dated: Date,
    pub description: String,
    /// What it changed, field by field (`axes.3.objectives.0.title`).
    pub changes: Vec<AmendmentChange>,
}

impl From<&pactes_domain::agreement::Amendment> for Amendment {
    fn from(a: &pactes_domain::agreement::Amendment) -> Amendment {
        Amendment {
            number: a.number,
            dated: Date(a.dated),
            description: a.description.clone(),
            changes: a
                .changes
                .iter()
                .map(|c| AmendmentChange {
                    field: c.field.clone(),
                    before: c.before.clone(),
                    after: c.after.clone(),
                })
                .collect(),
        }
    }
}

#[derive(SimpleObject)]
pub struct AmendmentChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Who takes part: a centre, a partner, or the federation.
#[derive(Union)]
pub enum Party {
    Centre(Box<Centre>),
    Partner(Partner),
    Federation(Federation),
}

/// The party `party` of the federation `federation`, batched with the request's other look-ups.
pub(crate) async fn load_party(
    ctx: &Context<'_>,
    party: domain::Party,
    federation_id: pactes_domain::FederationId,
) -> async_graphql::Result<Option<Party>> {
    Ok(match party {
        domain::Party::Centre(id) => load_record::<CentreData>(ctx, id)
            .await?
            .map(|c| Party::Centre(Box::new(Centre::whole(c)))),
        domain::Party::Partner(id) => load_record::<PartnerData>(ctx, id)
            .await?
            .map(|p| Party::Partner(Partner(p))),
        domain::Party::Federation => federation(ctx, federation_id).await?.map(Party::Federation),
    })
}

/// A party that signs a pact, through a named person.
pub struct Signatory(domain::Signatory, pactes_domain::FederationId);

#[Object]
impl Signatory {
    async fn party(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Party>> {
        load_party(ctx, self.0.party, self.1).await
    }
    async fn role(&self) -> SignatoryRole {
        self.0.role.into()
    }
    /// The person who signs for the party.
    async fn signer_name(&self) -> &str {
        self.0.signer_name.as_str()
    }
    async fn signer_title(&self) -> Option<&str> {
        self.0.signer_title.as_ref().map(|t| t.as_str())
    }
    /// Null until the party has signed.
    async fn signed_on(&self) -> Option<Date> {
        self.0.signed_on.map(Date)
    }
}
