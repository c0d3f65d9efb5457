use chrono::NaiveDate;
use pactes_domain::directory::{
    AccreditationDraft, ActionDomain, Centre, CentreData, CentreDraft, CentreKind, Management,
};
use pactes_domain::record::RecordMeta;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{CentreId, FederationId, TerritoryId};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, Set};

use crate::directory::tenant_table::{StoredRecord, TenantTable};
use crate::error::corrupt;
use crate::lists::{decode, encode};

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
    pub action_domains: String,
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

/// Stored values were validated on the way in; they are validated again on the way out, so a row edited by
/// hand into an invalid state is reported instead of served.
pub(crate) fn to_domain(row: Model) -> RepositoryResult<Centre> {
    let kind = CentreKind::from_code(&row.kind).ok_or_else(|| corrupt(format!("centre kind {}", row.kind)))?;
    let management = match &row.management {
        Some(code) => Some(Management::from_code(code).ok_or_else(|| corrupt(format!("management {code}")))?),
        None => None,
    };
    let domain_codes: Vec<String> = decode("centres.action_domains", &row.action_domains)?;
    let action_domains = domain_codes
        .iter()
        .map(|code| ActionDomain::from_code(code).ok_or_else(|| corrupt(format!("action domain {code}"))))
        .collect::<RepositoryResult<Vec<_>>>()?;
    let accreditation = match (row.accreditation_start, row.accreditation_end) {
        (Some(start), Some(end)) => Some(AccreditationDraft { start, end }),
        _ => None,
    };
    let data = CentreDraft {
        kind,
        name: row.name,
        management,
        address: row.address,
        postal_code: row.postal_code,
        commune: row.commune,
        insee_code: row.insee_code,
        phone: row.phone,
        email: row.email,
        website: row.website,
        siret: row.siret,
        accreditation,
        territory_id: row.territory_id.map(TerritoryId::from_uuid),
        action_domains,
    }
    .validate()
    .map_err(|e| corrupt(format!("centre {}: {e}", row.id)))?;
    Ok(Centre {
        id: CentreId::from_uuid(row.id),
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

pub(crate) fn to_row(centre: &Centre) -> ActiveModel {
    let d = &centre.data;
    ActiveModel {
        id: Set(centre.id.as_uuid()),
        federation_id: Set(centre.federation_id.as_uuid()),
        territory_id: Set(d.territory_id.map(|t| t.as_uuid())),
        kind: Set(d.kind.code().to_owned()),
        name: Set(d.name.as_str().to_owned()),
        name_key: Set(d.name.folded()),
        management: Set(d.management.map(|m| m.code().to_owned())),
        address: Set(d.address.clone()),
        postal_code: Set(d.postal_code.as_ref().map(|p| p.as_str().to_owned())),
        commune: Set(d.commune.as_str().to_owned()),
        commune_key: Set(d.commune.folded()),
        insee_code: Set(d.insee_code.as_ref().map(|c| c.as_str().to_owned())),
        phone: Set(d.phone.as_ref().map(|p| p.digits().to_owned())),
        email: Set(d.email.as_ref().map(|e| e.as_str().to_owned())),
        website: Set(d.website.as_ref().map(|w| w.as_str().to_owned())),
        siret: Set(d.siret.as_ref().map(|s| s.as_str().to_owned())),
        accreditation_start: Set(d.accreditation.map(|a| a.start())),
        accreditation_end: Set(d.accreditation.map(|a| a.end())),
        action_domains: Set(encode(&d.action_domains.iter().map(|a| a.code()).collect::<Vec<_>>())),
        version: Set(centre.meta.version),
        created_at: Set(centre.meta.created_at),
        updated_at: Set(centre.meta.updated_at),
        archived_at: Set(centre.meta.archived_at),
    }
}

impl StoredRecord for Centre {
    type Table = Entity;
    type Data = CentreData;

    fn from_row(row: Model) -> RepositoryResult<Centre> {
        to_domain(row)
    }
    fn to_row(&self) -> ActiveModel {
        to_row(self)
    }
    fn id(&self) -> Uuid {
        self.id.as_uuid()
    }
    fn data(&self) -> &CentreData {
        &self.data
    }
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn with(self, data: CentreData, meta: RecordMeta) -> Centre {
        Centre { data, meta, ..self }
    }
    fn with_meta(self, meta: RecordMeta) -> Centre {
        Centre { meta, ..self }
    }
    async fn check_references(
        db: &impl ConnectionTrait,
        tenant: FederationId,
        previous: Option<&CentreData>,
        data: &CentreData,
    ) -> RepositoryResult<()> {
        if previous.is_some_and(|p| p.territory_id == data.territory_id) {
            return Ok(());
        }
        super::repository::ensure_territory(db, tenant, data.territory_id).await
    }
}
