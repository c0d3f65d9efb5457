//! A campaign's parts: the indicators it collects, in order.

use sea_orm::entity::prelude::*;

crate::tenant::child_table!("campaign_indicators", parent campaign_id: CampaignId, by Position, {
    federation_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    campaign_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    position: i32,
    code: String,
});

/// A campaign's rows.
pub(crate) fn rows(campaign: &pactes_domain::indicators::Campaign) -> Vec<ActiveModel> {
    use sea_orm::Set;
    campaign
        .data
        .content
        .indicators
        .iter()
        .enumerate()
        .map(|(i, code)| ActiveModel {
            federation_id: Set(campaign.federation_id.as_uuid()),
            campaign_id: Set(campaign.id.as_uuid()),
            position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            code: Set(code.as_str().to_owned()),
        })
        .collect()
}
