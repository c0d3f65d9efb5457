//! A campaign as a tenant record: its row mapping and its indicators as parts.

use pactes_domain::indicators::{Campaign, CampaignContent, CampaignData, IndicatorCode};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{CampaignId, FederationId};
use sea_orm::Set;
use uuid::Uuid;

use super::entity;
use super::parts;
use crate::error::decode_code;
use crate::tenant::{PartsById, TenantRecord, stored_meta, take_parts};

impl TenantRecord for CampaignData {
    type Table = entity::Entity;
    type Parts = PartsById<parts::Model>;

    /// Every caller of the federation reads its campaigns; a partner is refused their submissions and
    /// completeness apart (`submissions_for`).
    fn visible_to(_scope: &pactes_domain::Scope) -> Option<sea_orm::Condition> {
        None
    }

    fn from_row(row: entity::Model, parts: &mut Self::Parts) -> RepositoryResult<Record<CampaignId, CampaignData>> {
        Ok(Record {
            id: CampaignId::from_uuid(row.id),
            federation_id: FederationId::from_uuid(row.federation_id),
            data: CampaignData {
                content: CampaignContent {
                    year: row.year,
                    indicators: take_parts(parts, row.id)
                        .into_iter()
                        .map(|i| IndicatorCode::from_stored(i.code))
                        .collect(),
                    opens_on: row.opens_on,
                    closes_on: row.closes_on,
                },
                status: decode_code("campaigns.status", &row.status)?,
            },
            meta: stored_meta(row.version, row.created_at, row.updated_at, row.archived_at),
        })
    }

    fn to_row(campaign: &Campaign) -> entity::ActiveModel {
        let c = &campaign.data.content;
        entity::ActiveModel {
            id: Set(campaign.id.as_uuid()),
            federation_id: Set(campaign.federation_id.as_uuid()),
            year: Set(c.year),
            opens_on: Set(c.opens_on),
            closes_on: Set(c.closes_on),
            status: Set(campaign.data.status.code().to_owned()),
            version: Set(campaign.meta.version),
            created_at: Set(campaign.meta.created_at),
            updated_at: Set(campaign.meta.updated_at),
            archived_at: Set(campaign.meta.archived_at),
        }
    }

    fn row_id(row: &entity::Model) -> Uuid {
        row.id
    }

    crate::tenant::parts_in_child_table!(parts::Entity, parts::rows, content.indicators);
}
