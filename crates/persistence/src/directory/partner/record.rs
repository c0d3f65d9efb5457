//! A partner as a tenant record: its row mapping, its parts and its visibility.

use pactes_domain::directory::{ContactDraft, Partner, PartnerData, PartnerDraft, PartnerKind};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{ContactId, FederationId, PartnerId};
use sea_orm::Set;
use sea_orm::entity::prelude::*;

use super::entity::*;
use super::parts;
use crate::error::{corrupt, decode_code};
use crate::tenant::{PartsById, TenantRecord, parts_in_child_table, stored_meta, take_parts};

impl TenantRecord for PartnerData {
    type Table = Entity;
    type Parts = PartsById<parts::Model>;

    /// Every caller of the federation reads its partners (a partner's contacts are guarded by role, in the API).
    fn visible_to(_scope: &pactes_domain::Scope) -> Option<sea_orm::Condition> {
        None
    }

    fn from_row(row: Model, parts: &mut Self::Parts) -> RepositoryResult<Partner> {
        let contacts = take_parts(parts, row.id)
            .into_iter()
            .map(|c| ContactDraft {
                id: Some(ContactId::from_uuid(c.id)),
                name: c.name,
                title: c.title,
                email: c.email,
                phone: c.phone,
            })
            .collect::<Vec<_>>();
        let known: Vec<ContactId> = contacts.iter().filter_map(|c| c.id).collect();
        let data = PartnerDraft {
            kind: decode_code::<PartnerKind>("partners.kind", &row.kind)?,
            name: row.name,
            siret: row.siret,
            contacts,
        }
        .validate_known(&known)
        .map_err(|e| corrupt(format!("partner {}: {e}", row.id)))?;
        Ok(Record {
            id: PartnerId::from_uuid(row.id),
            federation_id: FederationId::from_uuid(row.federation_id),
            data,
            meta: stored_meta(row.version, row.created_at, row.updated_at, row.archived_at),
        })
    }

    fn to_row(partner: &Partner) -> ActiveModel {
        let d = &partner.data;
        ActiveModel {
            id: Set(partner.id.as_uuid()),
            federation_id: Set(partner.federation_id.as_uuid()),
            kind: Set(d.kind.code().to_owned()),
            name: Set(d.name.as_str().to_owned()),
            name_key: Set(d.name.folded()),
            siret: Set(d.siret.as_ref().map(|s| s.as_str().to_owned())),
            version: Set(partner.meta.version),
            created_at: Set(partner.meta.created_at),
            updated_at: Set(partner.meta.updated_at),
            archived_at: Set(partner.meta.archived_at),
        }
    }

    fn row_id(row: &Model) -> Uuid {
        row.id
    }

    parts_in_child_table!(parts::Entity, parts::rows, contacts);
}
