//! A convention's parts, one child table each: its objectives, the action sheets an annex covers, its parties,
//! its funding lines (with the ids payments refer to), its payments and its amendments. Every row names its
//! convention (the parent the machinery groups parts by) and its federation; fields are declared in the tables'
//! column order, which `by_position!` reads them in.

/// The [`crate::tenant::ChildTable`] of a convention's part, ordered by `$position` within the convention.
macro_rules! part_of_convention {
    ($position:ident) => {
        impl crate::tenant::ChildTable for Entity {
            fn parent_column() -> Column {
                Column::ConventionId
            }
            fn federation_column() -> Column {
                Column::FederationId
            }
            fn position_column() -> Column {
                Column::$position
            }
            fn parent_of(row: &Model) -> Uuid {
                row.convention_id
            }
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    };
}

pub(crate) mod objectives {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "convention_objectives")]
    pub struct Model {
        pub federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub convention_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub label: String,
    }
    crate::rows::by_position!(Model {
        federation_id,
        convention_id,
        position,
        label
    });
    part_of_convention!(Position);
}

pub(crate) mod action_sheets {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "convention_action_sheets")]
    pub struct Model {
        pub federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub convention_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub action_id: Uuid,
    }
    crate::rows::by_position!(Model {
        federation_id,
        convention_id,
        position,
        action_id
    });
    part_of_convention!(Position);
}

pub(crate) mod parties {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "convention_parties")]
    pub struct Model {
        pub federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub convention_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub centre_id: Option<Uuid>,
        pub partner_id: Option<Uuid>,
        pub role: String,
    }
    crate::rows::by_position!(Model {
        federation_id,
        convention_id,
        position,
        centre_id,
        partner_id,
        role
    });
    part_of_convention!(Position);
}

pub(crate) mod lines {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "convention_lines")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub federation_id: Uuid,
        pub convention_id: Uuid,
        pub position: i32,
        pub funder_centre_id: Option<Uuid>,
        pub funder_partner_id: Option<Uuid>,
        pub beneficiary_centre_id: Option<Uuid>,
        pub beneficiary_partner_id: Option<Uuid>,
        pub year: i32,
        pub nature: String,
        pub committed_cents: i64,
        pub overpayment_allowed: bool,
    }
    crate::rows::by_position!(Model {
        id,
        federation_id,
        convention_id,
        position,
        funder_centre_id,
        funder_partner_id,
        beneficiary_centre_id,
        beneficiary_partner_id,
        year,
        nature,
        committed_cents,
        overpayment_allowed
    });
    part_of_convention!(Position);
}

/// Appended, never rewritten; in the order recorded (their ids are time-ordered).
pub(crate) mod payments {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "convention_payments")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub federation_id: Uuid,
        pub convention_id: Uuid,
        pub line_id: Uuid,
        pub paid_on: Date,
        pub amount_cents: i64,
        pub reference: Option<String>,
        pub idempotency_key: String,
    }
    crate::rows::by_position!(Model {
        id,
        federation_id,
        convention_id,
        line_id,
        paid_on,
        amount_cents,
        reference,
        idempotency_key
    });
    part_of_convention!(Id);
}

pub(crate) mod amendments {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "convention_amendments")]
    pub struct Model {
        pub federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub convention_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub number: i32,
        pub dated: Date,
        pub description: String,
        pub changes: String,
    }
    crate::rows::by_position!(Model {
        federation_id,
        convention_id,
        number,
        dated,
        description,
        changes
    });
    part_of_convention!(Number);
}
