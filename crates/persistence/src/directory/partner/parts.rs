//! A partner's contacts, one row each with a stable id, in the order the partner lists them.

use pactes_domain::directory::Partner;
use sea_orm::Set;
use sea_orm::entity::prelude::*;

crate::tenant::child_table!("partner_contacts", parent partner_id: PartnerId, by Position, {
    #[sea_orm(primary_key, auto_increment = false)]
    id: Uuid,
    federation_id: Uuid,
    partner_id: Uuid,
    position: i32,
    name: String,
    title: Option<String>,
    email: Option<String>,
    phone: Option<String>,
});

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
