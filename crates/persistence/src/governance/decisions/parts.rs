//! A decision's parts: its named votes and what it concerns (one of an action sheet, a convention, a pact or an
//! earlier meeting per row). Fields are declared in the tables' column order.

pub(crate) mod votes {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("decision_votes", parent decision_id: DecisionId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        decision_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        member_id: Uuid,
        choice: String,
    });
}

pub(crate) mod concerns {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("decision_concerns", parent decision_id: DecisionId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        decision_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        action_sheet_id: Option<Uuid>,
        convention_id: Option<Uuid>,
        pact_id: Option<Uuid>,
        meeting_id: Option<Uuid>,
    });
}
