//! A convention's parts, one child table each: its objectives, the action sheets an annex covers, its parties,
//! its funding lines (with the ids payments refer to), its payments and its amendments. Every row names its
//! convention (the parent the machinery groups parts by) and its federation; fields are declared in the tables'
//! column order, which `by_position!` reads them in.

pub(crate) mod objectives {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("convention_objectives", parent convention_id: ConventionId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        convention_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        label: String,
    });
}

pub(crate) mod action_sheets {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("convention_action_sheets", parent convention_id: ConventionId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        convention_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        action_id: Uuid,
    });
}

pub(crate) mod parties {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("convention_parties", parent convention_id: ConventionId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        convention_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        centre_id: Option<Uuid>,
        partner_id: Option<Uuid>,
        role: String,
    });
}

pub(crate) mod lines {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("convention_lines", parent convention_id: ConventionId, by Position, {
        #[sea_orm(primary_key, auto_increment = false)]
        id: Uuid,
        federation_id: Uuid,
        convention_id: Uuid,
        position: i32,
        funder_centre_id: Option<Uuid>,
        funder_partner_id: Option<Uuid>,
        beneficiary_centre_id: Option<Uuid>,
        beneficiary_partner_id: Option<Uuid>,
        year: i32,
        nature: String,
        committed_cents: i64,
        overpayment_allowed: bool,
    });
}

/// Appended, never rewritten; in the order recorded (their ids are time-ordered).
pub(crate) mod payments {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("convention_payments", parent convention_id: ConventionId, by Id, {
        #[sea_orm(primary_key, auto_increment = false)]
        id: Uuid,
        federation_id: Uuid,
        convention_id: Uuid,
        line_id: Uuid,
        paid_on: Date,
        amount_cents: i64,
        reference: Option<String>,
        idempotency_key: String,
    });
}

pub(crate) mod amendments {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("convention_amendments", parent convention_id: ConventionId, by Number, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        convention_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        number: i32,
        dated: Date,
        description: String,
        changes: String,
    });
}
