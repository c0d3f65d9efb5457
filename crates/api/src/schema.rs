//! The schema root: each area's queries, mutations and subscriptions merged, with the request limits installed.

use async_graphql::{MergedObject, MergedSubscription, Schema};

use crate::audit::{AuditQuery, AuditSubscription};
use crate::conventions::{ConventionsMutation, ConventionsQuery};
use crate::directory::{DirectoryMutation, DirectoryQuery};
use crate::governance::{GovernanceMutation, GovernanceQuery};
use crate::indicators::{
    CampaignsMutation, CampaignsQuery, CampaignsSubscription, IndicatorDefinitionsMutation, IndicatorImportMutation,
    IndicatorsQuery,
};
use crate::limits::Limits;
use crate::node::NodeQuery;
use crate::pacts::{ActionSheetsMutation, PactsMutation, PactsQuery};
use crate::viewer::ViewerQuery;

/// Named `Query` and `Mutation`, as client tools expect of root types.
#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(
    ViewerQuery,
    NodeQuery,
    DirectoryQuery,
    PactsQuery,
    ConventionsQuery,
    IndicatorsQuery,
    CampaignsQuery,
    GovernanceQuery,
    AuditQuery,
);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(
    DirectoryMutation,
    PactsMutation,
    ActionSheetsMutation,
    ConventionsMutation,
    CampaignsMutation,
    IndicatorDefinitionsMutation,
    IndicatorImportMutation,
    GovernanceMutation,
);

/// Served over a WebSocket (`graphql-transport-ws`) on the same path.
#[derive(MergedSubscription, Default)]
#[graphql(name = "Subscription")]
pub struct SubscriptionRoot(AuditSubscription, CampaignsSubscription);

pub type ApiSchema = Schema<QueryRoot, MutationRoot, SubscriptionRoot>;

/// The schema holds no state: the database and the caller arrive with each request in a
/// [`crate::RequestContext`], so one schema serves every tenant. This one checks every operation against
/// `limits` (see [`crate::limits`]) and runs it: the WebSocket's subscriptions use it.
pub fn build_schema(limits: Limits) -> ApiSchema {
    builder().extension(crate::limits::LimitChecks::new(limits)).finish()
}

/// The same schema without extensions, for operations the checking schema has accepted
/// ([`crate::Engine`]): async-graphql calls every extension on every field it resolves, a sixteenth of a page
/// of centres' time, though ours only act before execution. Validation here is the fast kind (what execution
/// needs, and complexity): the checking schema ran every rule.
pub(crate) fn build_running_schema() -> ApiSchema {
    builder().validation_mode(async_graphql::ValidationMode::Fast).finish()
}

fn builder() -> async_graphql::SchemaBuilder<QueryRoot, MutationRoot, SubscriptionRoot> {
    Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        SubscriptionRoot::default(),
    )
    // Money is the scalar every amount of the areas travels as; registered here so clients see it once.
    .register_output_type::<crate::scalars::Money>()
    // Bounds the parser's recursion before our own depth check can run.
    .limit_recursive_depth(64)
}
