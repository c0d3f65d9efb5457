//! A territory's communes, one row each, in the order the territory lists them.

use pactes_domain::directory::Territory;
use sea_orm::Set;
use sea_orm::entity::prelude::*;

crate::tenant::child_table!("territory_communes", parent territory_id: TerritoryId, by Position, {
    federation_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    territory_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    position: i32,
    name: String,
    name_key: String,
    insee_code: Option<String>,
});

pub(super) fn rows(territory: &Territory) -> Vec<ActiveModel> {
    territory
        .data
        .communes
        .iter()
        .enumerate()
        .map(|(position, commune)| ActiveModel {
            federation_id: Set(territory.federation_id.as_uuid()),
            territory_id: Set(territory.id.as_uuid()),
            position: Set(position as i32),
            name: Set(commune.name.as_str().to_owned()),
            name_key: Set(commune.name.folded()),
            insee_code: Set(commune.insee_code.as_ref().map(|c| c.as_str().to_owned())),
        })
        .collect()
}
