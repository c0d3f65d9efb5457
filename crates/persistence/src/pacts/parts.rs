//! A pact's parts, one child table each: its values and stakes, axes, objectives (with the ids action sheets
//! refer to), evaluation criteria, signatories, consultations and amendments. Every row names its pact (the
//! parent the machinery groups parts by) and its federation. Fields are declared in the tables' column order,
//! which `by_position!` reads them in.

/// The [`crate::tenant::ChildTable`] of a pact's part, ordered by `$position` within the pact.
macro_rules! part_of_pact {
    ($position:ident) => {
        impl crate::tenant::ChildTable for Entity {
            fn parent_column() -> Column {
                Column::PactId
            }
            fn federation_column() -> Column {
                Column::FederationId
            }
            fn position_column() -> Column {
                Column::$position
            }
            fn parent_of(row: &Model) -> Uuid {
                row.pact_id
            }
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    };
}

/// Values and stakes, told apart by `list`.
pub(crate) mod labels {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "pact_labels")]
    pub struct Model {
        pub federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub pact_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub list: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub label: String,
    }
    crate::rows::by_position!(Model {
        federation_id,
        pact_id,
        list,
        position,
        label
    });
    part_of_pact!(Position);

    pub const VALUE: &str = "VALUE";
    pub const STAKE: &str = "STAKE";
}

pub(crate) mod axes {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "pact_axes")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub federation_id: Uuid,
        pub pact_id: Uuid,
        pub position: i32,
        pub title: String,
        pub subtitle: Option<String>,
    }
    crate::rows::by_position!(Model {
        id,
        federation_id,
        pact_id,
        position,
        title,
        subtitle
    });
    part_of_pact!(Position);
}

/// Ordered by `position` within their axis.
pub(crate) mod objectives {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "pact_objectives")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub federation_id: Uuid,
        pub pact_id: Uuid,
        pub axis_id: Uuid,
        pub position: i32,
        pub title: String,
        pub description: Option<String>,
    }
    crate::rows::by_position!(Model {
        id,
        federation_id,
        pact_id,
        axis_id,
        position,
        title,
        description
    });
    part_of_pact!(Position);
}

/// Ordered by `position` within their objective.
pub(crate) mod criteria {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "pact_criteria")]
    pub struct Model {
        pub federation_id: Uuid,
        pub pact_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub objective_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub label: String,
        pub target: Option<String>,
    }
    crate::rows::by_position!(Model {
        federation_id,
        pact_id,
        objective_id,
        position,
        label,
        target
    });
    part_of_pact!(Position);
}

/// A centre (`centre_id`), a partner (`partner_id`), or the federation (neither).
pub(crate) mod signatories {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "pact_signatories")]
    pub struct Model {
        pub federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub pact_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub centre_id: Option<Uuid>,
        pub partner_id: Option<Uuid>,
        pub role: String,
        pub signer_name: String,
        pub signer_title: Option<String>,
        pub signed_on: Option<Date>,
    }
    crate::rows::by_position!(Model {
        federation_id,
        pact_id,
        position,
        centre_id,
        partner_id,
        role,
        signer_name,
        signer_title,
        signed_on,
    });
    part_of_pact!(Position);
}

pub(crate) mod consultations {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "pact_consultations")]
    pub struct Model {
        pub federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub pact_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub group_name: String,
        pub people: i32,
        pub held_on: Date,
        pub summary: Option<String>,
    }
    crate::rows::by_position!(Model {
        federation_id,
        pact_id,
        position,
        group_name,
        people,
        held_on,
        summary
    });
    part_of_pact!(Position);
}

/// Appended, never rewritten; `changes` is display text (JSON).
pub(crate) mod amendments {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "pact_amendments")]
    pub struct Model {
        pub federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub pact_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub number: i32,
        pub dated: Date,
        pub description: String,
        pub changes: String,
    }
    crate::rows::by_position!(Model {
        federation_id,
        pact_id,
        number,
        dated,
        description,
        changes
    });
    part_of_pact!(Number);
}
