//! The `action_sheets` table: one row per sheet, under its pact.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action_sheets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub federation_id: Uuid,
    pub pact_id: Uuid,
    pub objective_id: Option<Uuid>,
    pub title: String,
    pub title_key: String,
    pub description: Option<String>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub status: String,
    pub lead_centre_id: Option<Uuid>,
    pub lead_partner_id: Option<Uuid>,
    pub lead_federation: bool,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub archived_at: Option<DateTimeUtc>,
}

crate::rows::by_position!(Model {
    id,
    federation_id,
    pact_id,
    objective_id,
    title,
    title_key,
    description,
    start_date,
    end_date,
    status,
    lead_centre_id,
    lead_partner_id,
    lead_federation,
    version,
    created_at,
    updated_at,
    archived_at,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant::tenant_table!();
