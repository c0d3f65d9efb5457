//! A territory's communes, one row each, in the order the territory lists them.

use pactes_domain::directory::Territory;
use sea_orm::Set;
use sea_orm::entity::prelude::*;

use crate::tenant::ChildTable;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "territory_communes")]
pub struct Model {
    pub federation_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub territory_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i32,
    pub name: String,
    pub name_key: String,
    pub insee_code: Option<String>,
}

crate::rows::by_position!(Model {
    federation_id,
    territory_id,
    position,
    name,
    name_key,
    insee_code,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl ChildTable for Entity {
    fn parent_column() -> Column {
        Column::TerritoryId
    }
    fn federation_column() -> Column {
        Column::FederationId
    }
    fn position_column() -> Column {
        Column::Position
    }
    fn parent_of(row: &Model) -> Uuid {
        row.territory_id
    }
}

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
