//! A sheet's parts, one child table each: the actors' roles, its own objectives, its means. Every row names its
//! sheet (`action_id`, the parent the machinery groups parts by) and its federation; an actor is a centre, a
//! partner, or (neither) the federation.

pub(crate) mod roles {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("action_roles", parent action_id: ActionId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        action_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        centre_id: Option<Uuid>,
        partner_id: Option<Uuid>,
        role: String,
    });
}

pub(crate) mod objectives {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("action_objectives", parent action_id: ActionId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        action_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        label: String,
    });
}

pub(crate) mod means {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("action_means", parent action_id: ActionId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        action_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        kind: String,
        description: String,
        centre_id: Option<Uuid>,
        partner_id: Option<Uuid>,
        amount_cents: Option<i64>,
    });
}
