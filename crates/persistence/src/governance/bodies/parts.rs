//! A body's parts, one child table each: its members (personal data), its yearly designations, its rulebook
//! versions and their majorities per kind of decision. Fields are declared in the tables' column order.

pub(crate) mod members {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("body_members", parent body_id: BodyId, by Position, {
        #[sea_orm(primary_key, auto_increment = false)]
        id: Uuid,
        federation_id: Uuid,
        body_id: Uuid,
        position: i32,
        name: String,
        email: Option<String>,
        role: String,
        centre_id: Option<Uuid>,
        partner_id: Option<Uuid>,
        voting: bool,
        college: Option<String>,
        from_date: Option<Date>,
        to_date: Option<Date>,
    });
}

pub(crate) mod designations {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("body_designations", parent body_id: BodyId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        body_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        year: i32,
        role: String,
        member_id: Uuid,
    });
}

pub(crate) mod rulebooks {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("body_rulebooks", parent body_id: BodyId, by Version, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        body_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        version: i32,
        effective_from: Date,
        frequency_meetings: Option<i32>,
        frequency_period: Option<String>,
        notice_days: Option<i32>,
        channel: Option<String>,
        quorum_comparison: Option<String>,
        quorum_numerator: Option<i32>,
        quorum_denominator: Option<i32>,
        quorum_counts: Option<String>,
        quorum_waived_on_second_convocation: Option<bool>,
        proxy_cap: Option<i32>,
        majority_comparison: Option<String>,
        majority_numerator: Option<i32>,
        majority_denominator: Option<i32>,
        majority_base: Option<String>,
        casting_vote: Option<bool>,
        competence: Option<String>,
        competence_body_id: Option<Uuid>,
    });
}

pub(crate) mod majorities {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("body_majorities", parent body_id: BodyId, by Version, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        body_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        version: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        decision_kind: String,
        majority_comparison: String,
        majority_numerator: i32,
        majority_denominator: i32,
        majority_base: String,
    });
}
