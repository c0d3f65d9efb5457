//! A centre's row: the columns of `centres`, in their order.

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "centres")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub federation_id: Uuid,
    pub territory_id: Option<Uuid>,
    pub kind: String,
    pub name: String,
    pub name_key: String,
    pub management: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub commune: String,
    pub commune_key: String,
    pub insee_code: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub siret: Option<String>,
    pub accreditation_start: Option<NaiveDate>,
    pub accreditation_end: Option<NaiveDate>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub archived_at: Option<DateTimeUtc>,
}

crate::rows::by_position!(Model {
    id,
    federation_id,
    territory_id,
    kind,
    name,
    name_key,
    management,
    address,
    postal_code,
    commune,
    commune_key,
    insee_code,
    phone,
    email,
    website,
    siret,
    accreditation_start,
    accreditation_end,
    version,
    created_at,
    updated_at,
    archived_at,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant::tenant_table!();
