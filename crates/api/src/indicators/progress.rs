//! `campaignProgress`: a campaign's completeness as centres fill in and submit their figures, through any
//! replica. The count is read at once, then again after each change committed in the campaign's federation
//! (values imported, a submission's step), and sent when it moved; after lost notices it is read again all the
//! same, so a dashboard never stays behind.

use async_graphql::futures_util::Stream;
use async_graphql::{Context, ID, Subscription};
use pactes_domain::indicators::{self as domain, IndicatorRepository};
use pactes_domain::{Area, CampaignId, FederationId, Permission, RepositoryError, Scope};
use pactes_persistence::{Changes, Database, Notice};

use super::campaigns::Completeness;
use crate::context::{authorize, read_scope, request};
use crate::error::{ErrorCode, internal};
use crate::node_kind::NodeKind;
use crate::pagination::filter_id;

#[derive(Default)]
pub struct CampaignsSubscription;

#[Subscription]
impl CampaignsSubscription {
    /// The campaign's completeness now, then each time it changes. The federation's own callers, not a
    /// partner's token (`FORBIDDEN`).
    async fn campaign_progress(
        &self,
        ctx: &Context<'_>,
        campaign_id: ID,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<Completeness>> + use<>> {
        let scope = read_scope(ctx, Area::Indicators)?;
        authorize(ctx, Permission::ReadProgress)?;
        let id = filter_id(Some(campaign_id), NodeKind::Campaign)?
            .map(CampaignId::from_uuid)
            .ok_or_else(|| ErrorCode::InvalidArgument.error("a campaign's id"))?;
        let db = request(ctx).db.clone();
        // Listening starts before the first count, so a change committed in between is heard.
        let changes = db.changes().await.map_err(internal)?;
        let first = db.completeness(&scope, id).await.map_err(|e| match e {
            RepositoryError::NotFound => ErrorCode::InvalidArgument.error("no such campaign in your federation"),
            other => internal(other),
        })?;
        let watch = Watch {
            db,
            scope,
            id,
            federation: scope.federation(),
            changes,
            last: None,
            pending: Some(first),
            failed: false,
        };
        Ok(async_graphql::futures_util::stream::unfold(
            watch,
            |mut watch| async move {
                let next = watch.next().await?;
                Some((next.map(Completeness::from), watch))
            },
        ))
    }
}

/// One subscription's state, dropped with it.
struct Watch {
    db: Database,
    scope: Scope,
    id: CampaignId,
    /// Notices of other federations are dropped unread (a national caller hears every federation's).
    federation: Option<FederationId>,
    changes: Changes,
    last: Option<domain::Completeness>,
    pending: Option<domain::Completeness>,
    failed: bool,
}

impl Watch {
    async fn next(&mut self) -> Option<async_graphql::Result<domain::Completeness>> {
        if self.failed {
            return None;
        }
        loop {
            if let Some(now) = self.pending.take()
                && self.last != Some(now)
            {
                self.last = Some(now);
                return Some(Ok(now));
            }
            let concerns_us = match self.changes.next().await? {
                Notice::Change(notice) => self.federation.is_none_or(|f| notice.federation == Some(f)),
                Notice::Gap => true,
            };
            if !concerns_us {
                continue;
            }
            match self.db.completeness(&self.scope, self.id).await {
                Ok(now) => self.pending = Some(now),
                Err(error) => {
                    self.failed = true;
                    return Some(Err(internal(error)));
                }
            }
        }
    }
}
