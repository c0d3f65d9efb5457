//! A centre's action domains, one row each, so indicators and filters can group centres by domain.

use pactes_domain::directory::Centre;
use sea_orm::Set;
use sea_orm::entity::prelude::*;

crate::tenant::child_table!("centre_action_domains", parent centre_id: CentreId, by Domain, {
    federation_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    centre_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    domain: String,
});

pub(super) fn rows(centre: &Centre) -> Vec<ActiveModel> {
    centre
        .data
        .action_domains
        .iter()
        .map(|domain| ActiveModel {
            federation_id: Set(centre.federation_id.as_uuid()),
            centre_id: Set(centre.id.as_uuid()),
            domain: Set(domain.code().to_owned()),
        })
        .collect()
}
