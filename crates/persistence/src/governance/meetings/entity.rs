//! The `meetings` table: a meeting's date and place, its status, its convocation, its quorum as counted, who
//! chaired and took the minutes, and the minutes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub federation_id: Uuid,
    pub body_id: Uuid,
    pub starts_at: DateTimeUtc,
    pub utc_offset_minutes: i32,
    pub place: Option<String>,
    pub video_link: Option<String>,
    pub second_convocation_of: Option<Uuid>,
    pub status: String,
    pub rulebook_version: Option<i32>,
    pub convocation_sent_at: Option<DateTimeUtc>,
    pub convocation_days_ahead: Option<i32>,
    pub urgent_reason: Option<String>,
    pub quorum_voting_members: Option<i32>,
    pub quorum_present: Option<i32>,
    pub quorum_represented: Option<i32>,
    pub quorum_required: Option<i32>,
    pub quorum_reached: Option<bool>,
    pub quorum_waived: Option<bool>,
    pub chair_id: Option<Uuid>,
    pub secretary_id: Option<Uuid>,
    pub minutes: Option<String>,
    pub minutes_approved_by: Option<Uuid>,
    pub cancellation_reason: Option<String>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub archived_at: Option<DateTimeUtc>,
}

crate::rows::by_position!(Model {
    id,
    federation_id,
    body_id,
    starts_at,
    utc_offset_minutes,
    place,
    video_link,
    second_convocation_of,
    status,
    rulebook_version,
    convocation_sent_at,
    convocation_days_ahead,
    urgent_reason,
    quorum_voting_members,
    quorum_present,
    quorum_represented,
    quorum_required,
    quorum_reached,
    quorum_waived,
    chair_id,
    secretary_id,
    minutes,
    minutes_approved_by,
    cancellation_reason,
    version,
    created_at,
    updated_at,
    archived_at,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant::tenant_table!();
