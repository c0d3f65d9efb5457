//! A centre as a tenant record: its row mapping, its parts and its visibility.

use chrono::NaiveDate;
use pactes_domain::directory::{
    Accreditation, AccreditationDraft, ActionDomain, Centre, CentreData, CentreDraft, CentreKind, CentreSummary,
    Management,
};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::text::Label;
use pactes_domain::{CentreId, FederationId, FromStored, TerritoryId};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, Set};

use super::entity::*;
use super::parts;
use crate::error::decode_code;
use crate::tenant::{PartsById, TenantRecord, parts_in_child_table, stored_meta, take_parts};

impl TenantRecord for CentreData {
    type Table = Entity;
    type Parts = PartsById<parts::Model>;

    /// Every caller of the federation reads its centres, partners included (the directory reads as a viewer's).
    fn visible_to(_scope: &pactes_domain::Scope) -> Option<sea_orm::Condition> {
        None
    }

    /// Stored values were validated on the way in: they are rebuilt as they are, unchecked (debug builds check
    /// that they would validate, so tests catch a stored form that would not). Codes are still decoded.
    fn from_row(row: Model, parts: &mut Self::Parts) -> RepositoryResult<Centre> {
        let kind = decode_code::<CentreKind>("centres.kind", &row.kind)?;
        let management = match &row.management {
            Some(code) => Some(decode_code::<Management>("centres.management", code)?),
            None => None,
        };
        let mut action_domains = take_parts(parts, row.id)
            .iter()
            .map(|d| decode_code::<ActionDomain>("centre_action_domains.domain", &d.domain))
            .collect::<RepositoryResult<Vec<_>>>()?;
        // Rows come in the order of their codes; the domain's normal form is the order of the enumeration.
        action_domains.sort();
        let accreditation = match (row.accreditation_start, row.accreditation_end) {
            (Some(start), Some(end)) => Some(Accreditation::from_stored((start, end))),
            _ => None,
        };
        let data = CentreData {
            kind,
            name: Label::from_stored(row.name),
            management,
            address: row.address,
            postal_code: row.postal_code.map(FromStored::from_stored),
            commune: Label::from_stored(row.commune),
            insee_code: row.insee_code.map(FromStored::from_stored),
            phone: row.phone.map(FromStored::from_stored),
            email: row.email.map(FromStored::from_stored),
            website: row.website.map(FromStored::from_stored),
            siret: row.siret.map(FromStored::from_stored),
            accreditation,
            territory_id: row.territory_id.map(TerritoryId::from_uuid),
            action_domains,
        };
        debug_assert_eq!(
            Ok(&data),
            revalidated(&data).as_ref(),
            "centre {} is stored in a form that does not validate",
            row.id
        );
        Ok(Record {
            id: CentreId::from_uuid(row.id),
            federation_id: FederationId::from_uuid(row.federation_id),
            data,
            meta: stored_meta(row.version, row.created_at, row.updated_at, row.archived_at),
        })
    }

    fn to_row(centre: &Centre) -> ActiveModel {
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
            version: Set(centre.meta.version),
            created_at: Set(centre.meta.created_at),
            updated_at: Set(centre.meta.updated_at),
            archived_at: Set(centre.meta.archived_at),
        }
    }

    fn row_id(row: &Model) -> Uuid {
        row.id
    }

    parts_in_child_table!(parts::Entity, parts::rows, action_domains);

    async fn check_references(
        db: &impl ConnectionTrait,
        tenant: FederationId,
        _id: Uuid,
        previous: Option<&CentreData>,
        data: &CentreData,
    ) -> RepositoryResult<()> {
        if previous.is_some_and(|p| p.territory_id == data.territory_id) {
            return Ok(());
        }
        super::references::ensure_territory(db, tenant, data.territory_id).await
    }
}

/// The columns of a centre's summary, in the order [`summary`] reads them.
pub(crate) const SUMMARY_COLUMNS: [Column; 7] = [
    Column::Id,
    Column::FederationId,
    Column::Kind,
    Column::Name,
    Column::Commune,
    Column::TerritoryId,
    Column::AccreditationEnd,
];

/// A centre's summary from a row selecting [`SUMMARY_COLUMNS`] first. Stored values are taken as they are,
/// as [`TenantRecord::from_row`] takes them.
pub(crate) fn summary(row: &sea_orm::QueryResult) -> RepositoryResult<CentreSummary> {
    use crate::error::storage;
    let mut cells = crate::rows::cells(row);
    let id: Uuid = cells.next().map_err(storage)?;
    let federation_id: Uuid = cells.next().map_err(storage)?;
    let kind: String = cells.next().map_err(storage)?;
    let name: String = cells.next().map_err(storage)?;
    let commune: String = cells.next().map_err(storage)?;
    let territory_id: Option<Uuid> = cells.next().map_err(storage)?;
    let accreditation_end: Option<NaiveDate> = cells.next().map_err(storage)?;
    Ok(CentreSummary {
        id: CentreId::from_uuid(id),
        federation_id: FederationId::from_uuid(federation_id),
        kind: decode_code::<CentreKind>("centres.kind", &kind)?,
        name: Label::from_stored(name),
        commune: Label::from_stored(commune),
        territory_id: territory_id.map(TerritoryId::from_uuid),
        accreditation_end,
    })
}

/// The centre as validation makes it from its own fields: what a record read back must equal.
fn revalidated(data: &CentreData) -> Result<CentreData, pactes_domain::ValidationErrors> {
    let text = |v: &Option<String>| v.clone();
    CentreDraft {
        kind: data.kind,
        name: data.name.as_str().to_owned(),
        management: data.management,
        address: text(&data.address),
        postal_code: data.postal_code.as_ref().map(|v| v.as_str().to_owned()),
        commune: data.commune.as_str().to_owned(),
        insee_code: data.insee_code.as_ref().map(|v| v.as_str().to_owned()),
        phone: data.phone.as_ref().map(|v| v.digits().to_owned()),
        email: data.email.as_ref().map(|v| v.as_str().to_owned()),
        website: data.website.as_ref().map(|v| v.as_str().to_owned()),
        siret: data.siret.as_ref().map(|v| v.as_str().to_owned()),
        accreditation: data.accreditation.map(|a| AccreditationDraft {
            start: a.start(),
            end: a.end(),
        }),
        territory_id: data.territory_id,
        action_domains: data.action_domains.clone(),
    }
    .validate()
}
