//! Governance queries: a federation's bodies, a body's meetings, decisions, and how a body kept its rules over a
//! year. A partner's token reads none of it (the permission table).

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object};
use pactes_domain::governance::{self as domain, GovernanceRepository};
use pactes_domain::page::SortKey;
use pactes_domain::page::SortKeyKind;
use pactes_domain::{Area, BodyId, MeetingId};

use super::enums::{BodyKind, MeetingStatus};
use super::types::{Body, Conformity, Decision, Meeting};
use crate::context::{read_scope, request};
use crate::error::{ErrorCode, internal};
use crate::node_kind::NodeKind;
use crate::pagination::{Cursor, OrderDirection, PageArgs, connection, filter_id, ordering_code, page_cost};
use crate::record::today;
use crate::scalars::Date;

const READ: Area = Area::Governance;

#[derive(Default)]
pub struct GovernanceQuery;

#[Object]
impl GovernanceQuery {
    /// Your federation's governance bodies, by name.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn bodies(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        kind: Option<BodyKind>,
        #[graphql(default)] include_archived: bool,
    ) -> async_graphql::Result<Connection<Cursor, Body>> {
        let ordering = ordering_code("bodies", "NAME", OrderDirection::Asc);
        let page = PageArgs::new(first, after, last, before).request(&ordering, Some(SortKeyKind::Text))?;
        let filter = domain::BodyFilter {
            kind: kind.map(Into::into),
            centre: None,
            include_archived,
        };
        bodies_page(ctx, page, &ordering, filter).await
    }

    /// Your federation's bodies that held fewer meetings than their rulebook asks in a period of `year` that is
    /// over, each with its report, by name.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST * 5 + 100 * child_complexity")]
    async fn bodies_missing_frequency(
        &self,
        ctx: &Context<'_>,
        year: i32,
    ) -> async_graphql::Result<Vec<BodyConformity>> {
        let scope = read_scope(ctx, READ)?;
        let year = pactes_domain::calendar::indicator_year(year)
            .map_err(|e| ErrorCode::InvalidArgument.error(e.to_string()))?;
        let found = request(ctx)
            .db
            .bodies_missing_frequency(&scope, year, today())
            .await
            .map_err(internal)?;
        Ok(found
            .into_iter()
            .map(|(body, report)| BodyConformity {
                body: Body(body),
                conformity: report.into(),
            })
            .collect())
    }

    /// Meetings, the latest first: of one body, in a status, held from one day to another.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn meetings(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        body_id: Option<ID>,
        status: Option<MeetingStatus>,
        from: Option<Date>,
        to: Option<Date>,
    ) -> async_graphql::Result<Connection<Cursor, Meeting>> {
        let scope = read_scope(ctx, READ)?;
        let ordering = ordering_code("meetings", "STARTS_AT", OrderDirection::Desc);
        let page = PageArgs::new(first, after, last, before).request(&ordering, Some(SortKeyKind::Timestamp))?;
        let filter = domain::MeetingFilter {
            body: filter_id(body_id, NodeKind::Body)?.map(BodyId::from_uuid),
            status: status.map(Into::into),
            from: from.map(|d| d.0),
            to: to.map(|d| d.0),
            include_archived: false,
        };
        let found = request(ctx)
            .db
            .list_meetings(&scope, &filter, &page)
            .await
            .map_err(internal)?;
        Ok(connection(
            ctx,
            found,
            &ordering,
            |m| {
                (
                    Some(SortKey::Timestamp(m.data.content.starts_at.to_utc())),
                    m.id.as_uuid(),
                )
            },
            Meeting,
            async_graphql::connection::EmptyFields,
        ))
    }

    /// Decisions, the latest first: of one body, or of one meeting.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn decisions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        body_id: Option<ID>,
        meeting_id: Option<ID>,
    ) -> async_graphql::Result<Connection<Cursor, Decision>> {
        let scope = read_scope(ctx, READ)?;
        let ordering = ordering_code("decisions", "CREATED_AT", OrderDirection::Desc);
        let page = PageArgs::new(first, after, last, before).request(&ordering, None)?;
        let filter = domain::DecisionFilter {
            body: filter_id(body_id, NodeKind::Body)?.map(BodyId::from_uuid),
            meeting: filter_id(meeting_id, NodeKind::Meeting)?.map(MeetingId::from_uuid),
        };
        let found = request(ctx)
            .db
            .list_decisions(&scope, &filter, &page)
            .await
            .map_err(internal)?;
        Ok(connection(
            ctx,
            found,
            &ordering,
            |d| (None, d.id.as_uuid()),
            Decision,
            async_graphql::connection::EmptyFields,
        ))
    }

    /// How a body kept its rules in `year`: meetings per period against its minimum (a period not over yet is
    /// ongoing, never missed), convocations on time, quorum reached, minutes approved. Null for a body that is
    /// not your federation's.
    #[graphql(complexity = "crate::pagination::DB_FIELD_COST * 3")]
    async fn conformity(&self, ctx: &Context<'_>, body_id: ID, year: i32) -> async_graphql::Result<Option<Conformity>> {
        let scope = read_scope(ctx, READ)?;
        let year = pactes_domain::calendar::indicator_year(year)
            .map_err(|e| ErrorCode::InvalidArgument.error(e.to_string()))?;
        let Some(body) = filter_id(Some(body_id), NodeKind::Body)? else {
            return Ok(None);
        };
        let report = request(ctx)
            .db
            .conformity(&scope, BodyId::from_uuid(body), year, today())
            .await
            .map_err(internal)?;
        Ok(report.map(Into::into))
    }
}

/// A body and how it kept its rules over a year.
#[derive(async_graphql::SimpleObject)]
pub struct BodyConformity {
    pub body: Body,
    pub conformity: Conformity,
}

/// A page of bodies, by name.
pub(crate) async fn bodies_page(
    ctx: &Context<'_>,
    page: pactes_domain::page::PageRequest,
    ordering: &str,
    filter: domain::BodyFilter,
) -> async_graphql::Result<Connection<Cursor, Body>> {
    let scope = read_scope(ctx, READ)?;
    let found = request(ctx)
        .db
        .list_bodies(&scope, &filter, &page)
        .await
        .map_err(internal)?;
    Ok(connection(
        ctx,
        found,
        ordering,
        |b| (Some(SortKey::Text(b.data.content.name.folded())), b.id.as_uuid()),
        Body,
        async_graphql::connection::EmptyFields,
    ))
}
