//! The `pacts` table: one row per pact, its content's scalar fields and its lifecycle status.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pacts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub federation_id: Uuid,
    pub kind: String,
    pub title: String,
    pub title_key: String,
    pub territory_id: Option<Uuid>,
    pub start_date: Date,
    pub end_date: Date,
    pub sequence: i32,
    pub predecessor_id: Option<Uuid>,
    pub preamble: Option<String>,
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
    title,
    title_key,
    territory_id,
    start_date,
    end_date,
    sequence,
    predecessor_id,
    preamble,
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
