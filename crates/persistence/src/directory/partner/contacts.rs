//! A partner's contacts, one row each with a stable id, in the order the partner lists them.

use pactes_domain::directory::Partner;
use sea_orm::Set;
use sea_orm::entity::prelude::*;

use crate::tenant::ChildTable;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partner_contacts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub federation_id: Uuid,
    pub partner_id: Uuid,
    pub position: i32,
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

crate::rows::by_position!(Model {
    id,
    federation_id,
    partner_id,
    position,
    name,
    title,
    email,
    phone,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl ChildTable for Entity {
    fn parent_column() -> Column {
        Column::PartnerId
    }
    fn federation_column() -> Column {
        Column::FederationId
    }
    fn position_column() -> Column {
        Column::Position
    }
    fn parent_of(row: &Model) -> Uuid {
        row.partner_id
    }
}

pub(super) fn rows(partner: &Partner) -> Vec<ActiveModel> {
    partner
        .data
        .contacts
        .iter()
        .enumerate()
        .map(|(position, c)| ActiveModel {
            id: Set(c.id.as_uuid()),
            federation_id: Set(partner.federation_id.as_uuid()),
            partner_id: Set(partner.id.as_uuid()),
            position: Set(position as i32),
            name: Set(c.name.as_str().to_owned()),
            title: Set(c.title.as_ref().map(|t| t.as_str().to_owned())),
            email: Set(c.email.as_ref().map(|e| e.as_str().to_owned())),
            phone: Set(c.phone.as_ref().map(|p| p.digits().to_owned())),
        })
        .collect()
}
