//! Campaigns over GraphQL: a federation's yearly campaigns with their centres' submissions and completeness,
//! and the writes — open, close, publish a campaign; submit, validate, reject, reopen a centre's figures; enter a
//! centre's values.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use pactes_domain::directory::CentreData;
use pactes_domain::indicators::{
    self as domain, CampaignData, CampaignDraft, CentreValue, IndicatorCode, IndicatorRepository, Quantity,
};
use pactes_domain::{Area, CampaignId, CentreId, Permission};

use super::enums::{CampaignStatus, SubmissionStatus};
use crate::centre::Centre;
use crate::context::{authorize, caller, load_record, read_scope, request};
use crate::error::{ErrorCode, UserError, UserErrorCode, internal};
use crate::ids::encode;
use crate::inputs::object_id;
use crate::mutation::{Writer, on_object, outcome, with_valid, writer};
use crate::node_kind::{NodeKind, NodeObject};
use crate::record::Record;
use crate::scalars::Date;

const READ: Area = Area::Indicators;
const WRITE: Permission = Permission::Write(Area::Indicators);

pub struct Campaign(pub domain::Campaign);

#[derive(SimpleObject)]
pub struct Completeness {
    pub centres_expected: u64,
    /// Submitted or validated.
    pub centres_submitted: u64,
    /// Each expected centre × each collected indicator of the campaign.
    pub values_expected: u64,
    pub values_present: u64,
}

impl From<domain::Completeness> for Completeness {
    fn from(done: domain::Completeness) -> Completeness {
        Completeness {
            centres_expected: done.centres_expected,
            centres_submitted: done.centres_submitted,
            values_expected: done.values_expected,
            values_present: done.values_present,
        }
    }
}

pub struct Submission(domain::Submission);

#[Object]
impl Submission {
    async fn centre(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Centre>> {
        Ok(load_record::<CentreData>(ctx, self.0.centre).await?.map(Centre::whole))
    }
    async fn status(&self) -> SubmissionStatus {
        self.0.status.into()
    }
    /// Why the figures were rejected, or what the centre says of them.
    async fn comment(&self) -> Option<&str> {
        self.0.comment.as_deref()
    }
}

#[Object]
impl Campaign {
    pub async fn id(&self) -> ID {
        encode(NodeKind::Campaign, self.0.id.as_uuid())
    }
    async fn year(&self) -> i32 {
        self.0.data.content.year
    }
    async fn status(&self) -> CampaignStatus {
        self.0.data.status.into()
    }
    /// The codes of the indicators it collects, in order.
    async fn indicators(&self) -> Vec<&str> {
        self.0.data.content.indicators.iter().map(|c| c.as_str()).collect()
    }
    async fn opens_on(&self) -> Date {
        Date(self.0.data.content.opens_on)
    }
    async fn closes_on(&self) -> Date {
        Date(self.0.data.content.closes_on)
    }
    /// Every centre's submission (`NOT_STARTED` for a centre that has not begun), by centre name. The
    /// federation's own callers only: a partner's token gets null and `FORBIDDEN`.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST + 20 * child_complexity")]
    async fn submissions(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Vec<Submission>>> {
        let scope = read_scope(ctx, READ)?;
        authorize(ctx, Permission::ReadProgress)?;
        let found = request(ctx).db.submissions(&scope, self.0.id).await.map_err(internal)?;
        Ok(Some(found.into_iter().map(Submission).collect()))
    }
    /// How far the centres have got. The federation's own callers only: a partner's token gets null and
    /// `FORBIDDEN`.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST")]
    async fn completeness(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Completeness>> {
        let scope = read_scope(ctx, READ)?;
        authorize(ctx, Permission::ReadProgress)?;
        let done = request(ctx)
            .db
            .completeness(&scope, self.0.id)
            .await
            .map_err(internal)?;
        Ok(Some(done.into()))
    }
    #[graphql(flatten)]
    async fn record(&self) -> Record {
        Record::from(&self.0.meta)
    }
}

impl NodeObject for Campaign {
    async fn load(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Option<Self>> {
        Ok(load_record::<CampaignData>(ctx, CampaignId::from_uuid(id))
            .await?
            .map(Campaign))
    }
}

#[derive(Default)]
pub struct CampaignsQuery;

#[Object]
impl CampaignsQuery {
    /// Your federation's campaigns, the newest first (one a year).
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST + 10 * child_complexity")]
    async fn campaigns(&self, ctx: &Context<'_>, year: Option<i32>) -> async_graphql::Result<Vec<Campaign>> {
        let scope = read_scope(ctx, READ)?;
        let found = request(ctx).db.campaigns(&scope, year).await.map_err(internal)?;
        Ok(found.into_iter().map(Campaign).collect())
    }
}

#[derive(InputObject)]
pub struct CreateCampaignInput {
    pub year: i32,
    /// Indicator codes of the catalogue.
    pub indicators: Vec<String>,
    pub opens_on: Date,
    pub closes_on: Date,
}

#[derive(InputObject)]
pub struct TransitionCampaignInput {
    pub id: ID,
    pub version: i64,
    /// `OPEN`, `CLOSED`, `OPEN` again from closed, `PUBLISHED`.
    pub to: CampaignStatus,
}

#[derive(InputObject)]
pub struct TransitionSubmissionInput {
    pub campaign_id: ID,
    pub centre_id: ID,
    /// `SUBMITTED` (the centre), `VALIDATED` or `REJECTED` with a comment (staff), `IN_PROGRESS` (a rejected
    /// centre starting again; validated figures reopened by a federation admin).
    pub to: SubmissionStatus,
    pub comment: Option<String>,
}

#[derive(InputObject)]
pub struct IndicatorValueInput {
    pub code: String,
    /// As the indicator's unit writes it: `12`, `12.50`, `1234.05`, `true`.
    pub value: String,
}

#[derive(InputObject)]
pub struct SetIndicatorValuesInput {
    pub centre_id: ID,
    pub year: i32,
    pub values: Vec<IndicatorValueInput>,
}

#[derive(SimpleObject)]
pub struct CampaignPayload {
    pub campaign: Option<Campaign>,
    pub user_errors: Vec<UserError>,
}

#[derive(SimpleObject)]
pub struct SubmissionPayload {
    pub submission: Option<Submission>,
    pub user_errors: Vec<UserError>,
}

#[derive(SimpleObject)]
pub struct SetIndicatorValuesPayload {
    /// How many values were written (none when there are user errors).
    pub written: u64,
    pub user_errors: Vec<UserError>,
}

#[derive(Default)]
pub struct CampaignsMutation;

#[Object]
impl CampaignsMutation {
    /// A new campaign (a draft) for a year the federation has none for.
    async fn create_campaign(
        &self,
        ctx: &Context<'_>,
        input: CreateCampaignInput,
    ) -> async_graphql::Result<CampaignPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let draft = CampaignDraft {
            year: input.year,
            indicators: input.indicators,
            opens_on: input.opens_on.0,
            closes_on: input.closes_on.0,
        };
        let (campaign, user_errors) = with_valid(
            draft.validate(),
            |content| db.create_campaign(tenant, &actor, content),
            Campaign,
        )
        .await?;
        Ok(CampaignPayload { campaign, user_errors })
    }

    /// One step of the campaign: `DRAFT → OPEN → CLOSED` (and back to open) `→ PUBLISHED`.
    async fn transition_campaign(
        &self,
        ctx: &Context<'_>,
        input: TransitionCampaignInput,
    ) -> async_graphql::Result<CampaignPayload> {
        let Writer { tenant, actor, db } = writer(ctx, WRITE)?;
        let to = input.to.into();
        let write = |uuid| db.transition_campaign(tenant, &actor, CampaignId::from_uuid(uuid), input.version, to);
        let (campaign, user_errors) = on_object(&input.id, NodeKind::Campaign, write, Campaign).await?;
        Ok(CampaignPayload { campaign, user_errors })
    }

    /// One step of a centre's submission. A centre's manager submits its own centre's figures; staff validate
    /// or reject them; only a federation admin reopens validated figures.
    async fn transition_submission(
        &self,
        ctx: &Context<'_>,
        input: TransitionSubmissionInput,
    ) -> async_graphql::Result<SubmissionPayload> {
        let caller = caller(ctx)?;
        let centre = match object_id(&input.centre_id, NodeKind::Centre, "centreId") {
            Ok(uuid) => CentreId::from_uuid(uuid),
            Err(user_errors) => {
                return Ok(SubmissionPayload {
                    submission: None,
                    user_errors,
                });
            }
        };
        let to: domain::SubmissionStatus = input.to.into();
        let by_centre = matches!(
            to,
            domain::SubmissionStatus::Submitted | domain::SubmissionStatus::InProgress
        );
        if !(caller.can(WRITE) || (by_centre && caller.can(Permission::EditCentre(centre)))) {
            return Err(ErrorCode::Forbidden.error("your roles do not allow this step of this centre's figures"));
        }
        let (tenant, actor) = (crate::mutation::tenant(caller)?, caller.actor());
        let db = &request(ctx).db;
        let can_reopen = caller.can(Permission::ReopenSubmission);
        let campaign_id = input.campaign_id.clone();
        let write = |uuid| {
            db.transition_submission(
                tenant,
                &actor,
                CampaignId::from_uuid(uuid),
                centre,
                to,
                input.comment,
                can_reopen,
            )
        };
        let (submission, user_errors) = match object_id(&campaign_id, NodeKind::Campaign, "campaignId") {
            Ok(uuid) => outcome(write(uuid).await, Submission)?,
            Err(errors) => (None, errors),
        };
        Ok(SubmissionPayload {
            submission,
            user_errors,
        })
    }

    /// A centre's values for a year, into the year's open campaign: staff for any centre, a centre's manager
    /// for its own. All or none; each value is checked against its indicator's unit and range.
    async fn set_indicator_values(
        &self,
        ctx: &Context<'_>,
        input: SetIndicatorValuesInput,
    ) -> async_graphql::Result<SetIndicatorValuesPayload> {
        let caller = caller(ctx)?;
        let refused = |user_errors| {
            Ok(SetIndicatorValuesPayload {
                written: 0,
                user_errors,
            })
        };
        let centre = match object_id(&input.centre_id, NodeKind::Centre, "centreId") {
            Ok(uuid) => CentreId::from_uuid(uuid),
            Err(errors) => return refused(errors),
        };
        if !(caller.can(WRITE) || caller.can(Permission::EditCentre(centre))) {
            return Err(ErrorCode::Forbidden.error("your roles do not allow entering this centre's figures"));
        }
        let (tenant, actor) = (crate::mutation::tenant(caller)?, caller.actor());
        let db = &request(ctx).db;
        let catalogue = db.catalogue(caller.scope()).await.map_err(internal)?;
        let mut values = Vec::with_capacity(input.values.len());
        let mut errors = Vec::new();
        for (i, v) in input.values.iter().enumerate() {
            let at = |field: &str| vec!["input".to_owned(), "values".to_owned(), i.to_string(), field.to_owned()];
            let Some(indicator) = IndicatorCode::parse(&v.code)
                .ok()
                .and_then(|code| catalogue.iter().find(|c| c.code == code))
            else {
                errors.push(UserError {
                    field: at("code"),
                    code: UserErrorCode::NotFound,
                    message: format!("{} is not in the catalogue", v.code),
                });
                continue;
            };
            match Quantity::parse(&v.value, indicator.unit) {
                Ok(value) => values.push(CentreValue {
                    centre,
                    code: indicator.code.clone(),
                    year: input.year,
                    value,
                }),
                Err(e) => errors.push(UserError {
                    field: at("value"),
                    code: UserErrorCode::Validation,
                    message: e.to_string(),
                }),
            }
        }
        if !errors.is_empty() {
            return refused(errors);
        }
        let (written, user_errors) = outcome(db.import_values(tenant, &actor, values).await, |n| n as u64)?;
        Ok(SetIndicatorValuesPayload {
            written: written.unwrap_or(0),
            user_errors,
        })
    }
}
