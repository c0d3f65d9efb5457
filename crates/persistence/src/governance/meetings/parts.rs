//! A meeting's parts: its agenda, the recipients its convocation went to (personal data, as they were then) and
//! its attendance. Fields are declared in the tables' column order.

pub(crate) mod agenda {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("meeting_agenda", parent meeting_id: MeetingId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        meeting_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        title: String,
        description: Option<String>,
    });
}

pub(crate) mod recipients {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("meeting_recipients", parent meeting_id: MeetingId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        meeting_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        member_id: Uuid,
        name: String,
        email: Option<String>,
    });
}

pub(crate) mod attendance {
    use sea_orm::entity::prelude::*;

    crate::tenant::child_table!("meeting_attendance", parent meeting_id: MeetingId, by Position, {
        federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        meeting_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        position: i32,
        member_id: Uuid,
        presence: String,
        proxy_id: Option<Uuid>,
    });
}
