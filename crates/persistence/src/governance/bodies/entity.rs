//! The `bodies` table: one row per body, its kind, name and what it belongs to.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bodies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub federation_id: Uuid,
    pub kind: String,
    pub name: String,
    pub name_key: String,
    pub pact_id: Option<Uuid>,
    pub parent_id: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub archived_at: Option<DateTimeUtc>,
}

crate::rows::by_position!(Model {
    id,
    federation_id,
    kind,
    name,
    name_key,
    pact_id,
    parent_id,
    version,
    created_at,
    updated_at,
    archived_at,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant::tenant_table!();
