//! The `conventions` table: one row per convention, its content's scalar fields and its lifecycle status.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "conventions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub federation_id: Uuid,
    pub kind: String,
    pub reference: String,
    pub reference_key: String,
    pub title: String,
    pub start_date: Date,
    pub end_date: Date,
    pub renews_id: Option<Uuid>,
    pub pact_id: Option<Uuid>,
    pub status: String,
    pub termination_reason: Option<String>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub archived_at: Option<DateTimeUtc>,
}

crate::rows::by_position!(Model {
    id,
    federation_id,
    kind,
    reference,
    reference_key,
    title,
    start_date,
    end_date,
    renews_id,
    pact_id,
    status,
    termination_reason,
    version,
    created_at,
    updated_at,
    archived_at,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant::tenant_table!();
