use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub federation_id: Option<Uuid>,
    pub occurred_at: DateTimeUtc,
    pub actor_subject: String,
    pub actor_roles: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Uuid,
    pub changes: String,
}

crate::rows::by_position!(Model {
    id,
    federation_id,
    occurred_at,
    actor_subject,
    actor_roles,
    action,
    entity_type,
    entity_id,
    changes,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
