use pactes_domain::directory::{ContactDraft, Partner, PartnerData, PartnerDraft, PartnerKind};
use pactes_domain::record::RecordMeta;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{FederationId, PartnerId};
use sea_orm::Set;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::directory::tenant_table::{StoredRecord, TenantTable};
use crate::error::corrupt;
use crate::lists::{decode, encode};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partners")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub federation_id: Uuid,
    pub kind: String,
    pub name: String,
    pub name_key: String,
    pub siret: Option<String>,
    pub contacts: String,
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

#[derive(Serialize, Deserialize)]
struct StoredContact {
    name: String,
    title: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

pub(crate) fn to_domain(row: Model) -> RepositoryResult<Partner> {
    let kind = PartnerKind::from_code(&row.kind).ok_or_else(|| corrupt(format!("partner kind {}", row.kind)))?;
    let contacts: Vec<StoredContact> = decode("partners.contacts", &row.contacts)?;
    let data = PartnerDraft {
        kind,
        name: row.name,
        siret: row.siret,
        contacts: contacts
            .into_iter()
            .map(|c| ContactDraft {
                name: c.name,
                title: c.title,
                email: c.email,
                phone: c.phone,
            })
            .collect(),
    }
    .validate()
    .map_err(|e| corrupt(format!("partner {}: {e}", row.id)))?;
    Ok(Partner {
        id: PartnerId::from_uuid(row.id),
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

pub(crate) fn to_row(partner: &Partner) -> ActiveModel {
    let d = &partner.data;
    let contacts: Vec<StoredContact> = d
        .contacts
        .iter()
        .map(|c| StoredContact {
            name: c.name.as_str().to_owned(),
            title: c.title.as_ref().map(|t| t.as_str().to_owned()),
            email: c.email.as_ref().map(|e| e.as_str().to_owned()),
            phone: c.phone.as_ref().map(|p| p.digits().to_owned()),
        })
        .collect();
    ActiveModel {
        id: Set(partner.id.as_uuid()),
        federation_id: Set(partner.federation_id.as_uuid()),
        kind: Set(d.kind.code().to_owned()),
        name: Set(d.name.as_str().to_owned()),
        name_key: Set(d.name.folded()),
        siret: Set(d.siret.as_ref().map(|s| s.as_str().to_owned())),
        contacts: Set(encode(&contacts)),
        version: Set(partner.meta.version),
        created_at: Set(partner.meta.created_at),
        updated_at: Set(partner.meta.updated_at),
        archived_at: Set(partner.meta.archived_at),
    }
}

impl StoredRecord for Partner {
    type Table = Entity;
    type Data = PartnerData;

    fn from_row(row: Model) -> RepositoryResult<Partner> {
        to_domain(row)
    }
    fn to_row(&self) -> ActiveModel {
        to_row(self)
    }
    fn id(&self) -> Uuid {
        self.id.as_uuid()
    }
    fn data(&self) -> &PartnerData {
        &self.data
    }
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn with(self, data: PartnerData, meta: RecordMeta) -> Partner {
        Partner { data, meta, ..self }
    }
    fn with_meta(self, meta: RecordMeta) -> Partner {
        Partner { meta, ..self }
    }
}
