use pactes_domain::directory::{Territory, TerritoryData, TerritoryDraft, TerritoryKind};
use pactes_domain::record::RecordMeta;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::text::Label;
use pactes_domain::{FederationId, TerritoryId};
use sea_orm::entity::prelude::*;
use sea_orm::{DbErr, Set};

use crate::directory::tenant_table::{StoredRecord, TenantTable};
use crate::error::{corrupt, unique_as_field};
use crate::lists::{decode, encode};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "territories")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub federation_id: Uuid,
    pub name: String,
    pub name_key: String,
    pub kind: String,
    pub communes: String,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub archived_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl TenantTable for Entity {
    fn id_column() -> Column {
        Column::Id
    }
    fn federation_column() -> Column {
        Column::FederationId
    }
}

pub(crate) fn to_domain(row: Model) -> RepositoryResult<Territory> {
    let kind = TerritoryKind::from_code(&row.kind).ok_or_else(|| corrupt(format!("territory kind {}", row.kind)))?;
    let communes: Vec<String> = decode("territories.communes", &row.communes)?;
    let data = TerritoryDraft {
        name: row.name,
        kind,
        communes,
    }
    .validate()
    .map_err(|e| corrupt(format!("territory {}: {e}", row.id)))?;
    Ok(Territory {
        id: TerritoryId::from_uuid(row.id),
        federation_id: FederationId::from_uuid(row.federation_id),
        data,
        meta: RecordMeta {
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
            archived_at: row.archived_at,
        },
    })
}

pub(crate) fn to_row(territory: &Territory) -> ActiveModel {
    let TerritoryData { name, kind, communes } = &territory.data;
    ActiveModel {
        id: Set(territory.id.as_uuid()),
        federation_id: Set(territory.federation_id.as_uuid()),
        name: Set(name.as_str().to_owned()),
        name_key: Set(name.folded()),
        kind: Set(kind.code().to_owned()),
        communes: Set(encode(&communes.iter().map(Label::as_str).collect::<Vec<_>>())),
        version: Set(territory.meta.version),
        created_at: Set(territory.meta.created_at),
        updated_at: Set(territory.meta.updated_at),
        archived_at: Set(territory.meta.archived_at),
    }
}

impl StoredRecord for Territory {
    type Table = Entity;
    type Data = TerritoryData;

    fn from_row(row: Model) -> RepositoryResult<Territory> {
        to_domain(row)
    }
    fn to_row(&self) -> ActiveModel {
        to_row(self)
    }
    fn id(&self) -> Uuid {
        self.id.as_uuid()
    }
    fn data(&self) -> &TerritoryData {
        &self.data
    }
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn with(self, data: TerritoryData, meta: RecordMeta) -> Territory {
        Territory { data, meta, ..self }
    }
    fn with_meta(self, meta: RecordMeta) -> Territory {
        Territory { meta, ..self }
    }
    fn write_error(error: DbErr) -> pactes_domain::RepositoryError {
        unique_as_field(error, "name", "this federation already has a territory with this name")
    }
}
