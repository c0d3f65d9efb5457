//! A sheet's parts, one child table each: the actors' roles, its own objectives, its means. Every row names its
//! sheet (`action_id`, the parent the machinery groups parts by) and its federation; an actor is a centre, a
//! partner, or (neither) the federation.

/// The [`crate::tenant::ChildTable`] of a sheet's part, ordered by position within the sheet.
macro_rules! part_of_sheet {
    () => {
        impl crate::tenant::ChildTable for Entity {
            fn parent_column() -> Column {
                Column::ActionId
            }
            fn federation_column() -> Column {
                Column::FederationId
            }
            fn position_column() -> Column {
                Column::Position
            }
            fn parent_of(row: &Model) -> Uuid {
                row.action_id
            }
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    };
}

pub(crate) mod roles {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "action_roles")]
    pub struct Model {
        pub federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub action_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub centre_id: Option<Uuid>,
        pub partner_id: Option<Uuid>,
        pub role: String,
    }
    crate::rows::by_position!(Model {
        federation_id,
        action_id,
        position,
        centre_id,
        partner_id,
        role
    });
    part_of_sheet!();
}

pub(crate) mod objectives {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "action_objectives")]
    pub struct Model {
        pub federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub action_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub label: String,
    }
    crate::rows::by_position!(Model {
        federation_id,
        action_id,
        position,
        label
    });
    part_of_sheet!();
}

pub(crate) mod means {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "action_means")]
    pub struct Model {
        pub federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub action_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub kind: String,
        pub description: String,
        pub centre_id: Option<Uuid>,
        pub partner_id: Option<Uuid>,
        pub amount_cents: Option<i64>,
    }
    crate::rows::by_position!(Model {
        federation_id,
        action_id,
        position,
        kind,
        description,
        centre_id,
        partner_id,
        amount_cents
    });
    part_of_sheet!();
}
