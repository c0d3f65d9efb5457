//! The `decisions` table: a decision's meeting and body, its kind and text, its tally, its outcome and how it
//! was reckoned.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "decisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub federation_id: Uuid,
    pub body_id: Uuid,
    pub meeting_id: Uuid,
    pub agenda_item: Option<i32>,
    pub kind: String,
    pub text: String,
    pub votes_mode: String,
    pub votes_for: i32,
    pub votes_against: i32,
    pub votes_abstain: i32,
    pub chair_vote: Option<String>,
    pub outcome: String,
    pub basis: String,
    pub rulebook_version: Option<i32>,
    pub majority_comparison: Option<String>,
    pub majority_numerator: Option<i32>,
    pub majority_denominator: Option<i32>,
    pub majority_base: Option<String>,
    pub base: Option<i32>,
    pub required: Option<i32>,
    pub casting_vote_used: bool,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub archived_at: Option<DateTimeUtc>,
}

crate::rows::by_position!(Model {
    id,
    federation_id,
    body_id,
    meeting_id,
    agenda_item,
    kind,
    text,
    votes_mode,
    votes_for,
    votes_against,
    votes_abstain,
    chair_vote,
    outcome,
    basis,
    rulebook_version,
    majority_comparison,
    majority_numerator,
    majority_denominator,
    majority_base,
    base,
    required,
    casting_vote_used,
    version,
    created_at,
    updated_at,
    archived_at,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant::tenant_table!();
