//! A campaign's row, and centres' submissions: rows keyed by campaign and centre, not parts of the campaign (read
//! and written on their own, with the campaign locked).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "campaigns")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub federation_id: Uuid,
    pub year: i32,
    pub opens_on: Date,
    pub closes_on: Date,
    pub status: String,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub archived_at: Option<DateTimeUtc>,
}
crate::rows::by_position!(Model {
    id,
    federation_id,
    year,
    opens_on,
    closes_on,
    status,
    version,
    created_at,
    updated_at,
    archived_at
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant::tenant_table!();

/// A centre's submission to a campaign, once it has begun.
pub(crate) mod submissions {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "submissions")]
    pub struct Model {
        pub federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub campaign_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub centre_id: Uuid,
        pub status: String,
        pub comment: Option<String>,
        pub updated_at: DateTimeUtc,
    }
    crate::rows::by_position!(Model {
        federation_id,
        campaign_id,
        centre_id,
        status,
        comment,
        updated_at
    });

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
