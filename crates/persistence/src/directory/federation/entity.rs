use pactes_domain::FederationId;
use pactes_domain::directory::{Federation, FederationDraft, FederationKind};
use pactes_domain::repository::RepositoryResult;
use sea_orm::Set;
use sea_orm::entity::prelude::*;

use crate::error::corrupt;
use crate::lists::{decode, encode};
use crate::tenant::stored_meta;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "federations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub departements: String,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub archived_at: Option<DateTimeUtc>,
}

crate::rows::by_position!(Model {
    id,
    slug,
    name,
    kind,
    departements,
    version,
    created_at,
    updated_at,
    archived_at,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

pub(crate) fn to_domain(row: Model) -> RepositoryResult<Federation> {
    let kind = FederationKind::from_code(&row.kind).ok_or_else(|| corrupt(format!("federation kind {}", row.kind)))?;
    let departements: Vec<String> = decode("federations.departements", &row.departements)?;
    let data = FederationDraft {
        slug: row.slug,
        name: row.name,
        kind,
        departements,
    }
    .validate()
    .map_err(|e| corrupt(format!("federation {}: {e}", row.id)))?;
    Ok(Federation {
        id: FederationId::from_uuid(row.id),
        data,
        meta: stored_meta(row.version, row.created_at, row.updated_at, row.archived_at),
    })
}

pub(crate) fn to_row(federation: &Federation) -> ActiveModel {
    let d = &federation.data;
    ActiveModel {
        id: Set(federation.id.as_uuid()),
        slug: Set(d.slug.as_str().to_owned()),
        name: Set(d.name.as_str().to_owned()),
        kind: Set(d.kind.code().to_owned()),
        departements: Set(encode(&d.departements.iter().map(|c| c.as_str()).collect::<Vec<_>>())),
        version: Set(federation.meta.version),
        created_at: Set(federation.meta.created_at),
        updated_at: Set(federation.meta.updated_at),
        archived_at: Set(federation.meta.archived_at),
    }
}
