//! A centre's action domains, one row each, so indicators and filters can group centres by domain.

use pactes_domain::directory::Centre;
use sea_orm::Set;
use sea_orm::entity::prelude::*;

use crate::tenant::ChildTable;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "centre_action_domains")]
pub struct Model {
    pub federation_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub centre_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub domain: String,
}

crate::rows::by_position!(Model {
    federation_id,
    centre_id,
    domain,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl ChildTable for Entity {
    fn parent_column() -> Column {
        Column::CentreId
    }
    fn federation_column() -> Column {
        Column::FederationId
    }
    fn position_column() -> Column {
        Column::Domain
    }
    fn parent_of(row: &Model) -> Uuid {
        row.centre_id
    }
}

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
