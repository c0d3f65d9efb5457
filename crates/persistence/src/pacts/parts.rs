//! A pact's parts, one child table each: its values and stakes, axes, objectives (with the ids action sheets
//! refer to), evaluation criteria, signatories, consultations and amendments. Every row names its pact (the
//! parent the machinery groups parts by) and its federation. Fields are declared in the tables' column order,
//! which `by_position!` reads them in.

/// Values and stakes, told apart by `list`.
pub(crate) mod labels {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("pact_labels", parent pact_id: PactId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pact_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        list: String,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        label: String,
    });

    pub const VALUE: &str = "VALUE";
    pub const STAKE: &str = "STAKE";
}

pub(crate) mod axes {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("pact_axes", parent pact_id: PactId, by Position, {
        #[sea_orm(primary_key, auto_increment = false)]
        id: Uuid,
        federation_id: Uuid,
        pact_id: Uuid,
        position: i32,
        title: String,
        subtitle: Option<String>,
    });
}

/// Ordered by `position` within their axis.
pub(crate) mod objectives {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("pact_objectives", parent pact_id: PactId, by Position, {
        #[sea_orm(primary_key, auto_increment = false)]
        id: Uuid,
        federation_id: Uuid,
        pact_id: Uuid,
        axis_id: Uuid,
        position: i32,
        title: String,
        description: Option<String>,
    });
}

/// Ordered by `position` within their objective.
pub(crate) mod criteria {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("pact_criteria", parent pact_id: PactId, by Position, {
        federation_id: Uuid,
        pact_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        objective_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        label: String,
        target: Option<String>,
    });
}

/// A centre (`centre_id`), a partner (`partner_id`), or the federation (neither).
pub(crate) mod signatories {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("pact_signatories", parent pact_id: PactId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pact_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        centre_id: Option<Uuid>,
        partner_id: Option<Uuid>,
        role: String,
        signer_name: String,
        signer_title: Option<String>,
        signed_on: Option<Date>,
    });
}

pub(crate) mod consultations {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("pact_consultations", parent pact_id: PactId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pact_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        group_name: String,
        people: i32,
        held_on: Date,
        summary: Option<String>,
    });
}

/// Appended, never rewritten; `changes` is display text (JSON).
pub(crate) mod amendments {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("pact_amendments", parent pact_id: PactId, by Number, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pact_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        number: i32,
        dated: Date,
        description: String,
        changes: String,
    });
}
