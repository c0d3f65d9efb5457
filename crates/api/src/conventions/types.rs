//! A convention on the wire. Lists and pages give conventions without their parts; a field that shows parts
//! (parties, lines, payments, amendments) reads the convention whole, in one batch for every convention of the
//! response.

use async_graphql::{Context, ID, Object, SimpleObject};
use pactes_domain::conventions::{self as domain, ConventionData};
use pactes_domain::pacts::{ActionSheetData, PactData};
use pactes_domain::{ConventionId, FederationId};

use super::enums::{ConventionKind, ConventionRole, ConventionStatus, FundingNature};
use crate::context::{load_record, records, whole_record};
use crate::federation::{Federation, federation};
use crate::ids::encode;
use crate::node_kind::{NodeKind, NodeObject};
use crate::pacts::{ActionSheet, Amendment, Pact, Party, load_party};
use crate::record::{Record, today};
use crate::scalars::{Date, Money};

/// A partner convention: a multi-year agreement with funders.
pub struct Convention(pub domain::Convention);

impl Convention {
    async fn whole(&self, ctx: &Context<'_>) -> async_graphql::Result<domain::Convention> {
        whole_record::<ConventionData>(ctx, self.0.id).await
    }
}

/// A party and its role in the convention.
pub struct ConventionParty(domain::ConventionParty, FederationId);

#[Object]
impl ConventionParty {
    async fn party(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Party>> {
        load_party(ctx, self.0.party, self.1).await
    }
    async fn role(&self) -> ConventionRole {
        self.0.role.into()
    }
}

/// What one funder commits to one beneficiary for one year, and what it has paid.
pub struct FundingLine {
    line: domain::FundingLine,
    paid: pactes_domain::Money,
    payments: Vec<domain::Payment>,
    federation: FederationId,
}

#[Object]
impl FundingLine {
    /// Stable across edits and amendments; payments name it.
    async fn id(&self) -> ID {
        ID(self.line.id.to_string())
    }
    async fn funder(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Party>> {
        load_party(ctx, self.line.funder, self.federation).await
    }
    async fn beneficiary(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Party>> {
        load_party(ctx, self.line.beneficiary, self.federation).await
    }
    async fn year(&self) -> i32 {
        self.line.year
    }
    async fn nature(&self) -> FundingNature {
        self.line.nature.into()
    }
    async fn committed(&self) -> Money {
        Money(self.line.committed)
    }
    /// The sum of its payments.
    async fn paid(&self) -> Money {
        Money(self.paid)
    }
    /// Committed and not paid yet (negative when over-paid, which the line must allow).
    async fn outstanding(&self) -> Money {
        Money(
            self.line
                .committed
                .checked_sub(self.paid)
                .unwrap_or(self.line.committed),
        )
    }
    async fn overpayment_allowed(&self) -> bool {
        self.line.overpayment_allowed
    }
    /// In the order recorded.
    async fn payments(&self) -> Vec<Payment> {
        self.payments.iter().cloned().map(Payment).collect()
    }
}

pub struct Payment(domain::Payment);

#[Object]
impl Payment {
    async fn paid_on(&self) -> Date {
        Date(self.0.paid_on)
    }
    async fn amount(&self) -> Money {
        Money(self.0.amount)
    }
    /// The payer's own reference (a mandate number).
    async fn reference(&self) -> Option<&str> {
        self.0.reference.as_ref().map(|r| r.as_str())
    }
    /// The same key is the same payment: recorded once.
    async fn idempotency_key(&self) -> &str {
        &self.0.idempotency_key
    }
}

/// A convention's amounts, all lines together.
#[derive(SimpleObject)]
pub struct ConventionTotals {
    pub committed: Money,
    pub paid: Money,
    pub outstanding: Money,
}

#[Object]
impl Convention {
    pub async fn id(&self) -> ID {
        encode(NodeKind::Convention, self.0.id.as_uuid())
    }
    async fn kind(&self) -> ConventionKind {
        self.0.data.content.kind.into()
    }
    /// The federation's own number for it, unique within the federation.
    async fn reference(&self) -> &str {
        self.0.data.content.reference.as_str()
    }
    async fn title(&self) -> &str {
        self.0.data.content.title.as_str()
    }
    #[graphql(complexity = "crate::pagination::LIST_FIELD_COST")]
    async fn objectives(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        let whole = self.whole(ctx).await?;
        Ok(whole
            .data
            .content
            .objectives
            .iter()
            .map(|o| o.as_str().to_owned())
            .collect())
    }
    async fn start_date(&self) -> Date {
        Date(self.0.data.content.period.start())
    }
    async fn end_date(&self) -> Date {
        Date(self.0.data.content.period.end())
    }
    /// Its status today: the stored step, and for a signed convention whether it is in force or expired.
    async fn status(&self) -> ConventionStatus {
        self.0.data.state(today()).into()
    }
    async fn termination_reason(&self) -> Option<&str> {
        self.0.data.termination_reason.as_deref()
    }
    /// The convention this one renews.
    async fn renews(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Convention>> {
        let Some(id) = self.0.data.content.renews else {
            return Ok(None);
        };
        Ok(load_record::<ConventionData>(ctx, id).await?.map(Convention))
    }
    /// The pact or charter an annex convention is attached to.
    async fn pact(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Pact>> {
        let Some(id) = self.0.data.content.pact_id else {
            return Ok(None);
        };
        Ok(load_record::<PactData>(ctx, id).await?.map(Pact))
    }
    /// The action sheets of that pact an annex convention covers.
    #[graphql(complexity = "crate::pagination::PART_LIST_COST * child_complexity")]
    async fn action_sheets(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ActionSheet>> {
        let whole = self.whole(ctx).await?;
        let ids = &whole.data.content.action_sheets;
        // One batch for all of them (awaited one by one, each would be a statement of its own).
        let mut found = records::<ActionSheetData>(ctx)?
            .load_many(ids.iter().copied())
            .await
            .map_err(crate::error::internal)?;
        Ok(ids
            .iter()
            .filter_map(|id| found.remove(id))
            .map(ActionSheet::root)
            .collect())
    }
    #[graphql(complexity = "crate::pagination::PART_LIST_COST * child_complexity")]
    async fn parties(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ConventionParty>> {
        let whole = self.whole(ctx).await?;
        Ok(whole
            .data
            .content
            .parties
            .iter()
            .map(|p| ConventionParty(*p, whole.federation_id))
            .collect())
    }
    /// Its funding lines (lignes de financement), with what each has been paid.
    #[graphql(complexity = "crate::pagination::PART_LIST_COST * child_complexity")]
    async fn funding_lines(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<FundingLine>> {
        let whole = self.whole(ctx).await?;
        Ok(whole
            .data
            .content
            .lines
            .iter()
            .map(|l| FundingLine {
                line: l.clone(),
                paid: whole.data.paid(l),
                payments: whole
                    .data
                    .payments
                    .iter()
                    .filter(|p| p.line_id == l.id)
                    .cloned()
                    .collect(),
                federation: whole.federation_id,
            })
            .collect())
    }
    /// All its lines together.
    async fn totals(&self, ctx: &Context<'_>) -> async_graphql::Result<ConventionTotals> {
        let whole = self.whole(ctx).await?;
        let committed = pactes_domain::Money::checked_sum(whole.data.content.lines.iter().map(|l| l.committed));
        let paid = pactes_domain::Money::checked_sum(whole.data.payments.iter().map(|p| p.amount));
        let (Some(committed), Some(paid)) = (committed, paid) else {
            return Err(crate::error::internal(
                "a convention's amounts add up past what an amount can hold",
            ));
        };
        Ok(ConventionTotals {
            committed: Money(committed),
            paid: Money(paid),
            outstanding: Money(committed.checked_sub(paid).unwrap_or(committed)),
        })
    }
    /// Its amendments (avenants), oldest first.
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

impl NodeObject for Convention {
    async fn load(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Option<Self>> {
        Ok(load_record::<ConventionData>(ctx, ConventionId::from_uuid(id))
            .await?
            .map(Convention))
    }
}

/// A centre's conventions in force today, and the first day its funding is not covered.
pub struct CentreCoverage(pub domain::CentreCoverage);

#[Object]
impl CentreCoverage {
    /// Its conventions in force today.
    async fn in_force(&self) -> Vec<Convention> {
        self.0.in_force.iter().cloned().map(Convention).collect()
    }
    /// The end of the first of them to expire, renewals followed: a renewed convention is not a gap.
    async fn covered_until(&self) -> Option<Date> {
        self.0.first_expiry.map(Date)
    }
}
