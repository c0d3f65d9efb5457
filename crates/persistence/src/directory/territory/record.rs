//! A territory as a tenant record: its row mapping, its parts and its visibility.

use pactes_domain::directory::{Commune, CommuneDraft, Territory, TerritoryData, TerritoryDraft, TerritoryKind};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::text::Label;
use pactes_domain::{FederationId, FromStored, TerritoryId};
use sea_orm::Set;
use sea_orm::entity::prelude::*;

use super::entity::*;
use super::parts;
use crate::error::decode_code;
use crate::tenant::{PartsById, TenantRecord, parts_in_child_table, stored_meta, take_parts};

impl TenantRecord for TerritoryData {
    type Table = Entity;
    type Parts = PartsById<parts::Model>;

    /// Every caller of the federation reads its territories.
    fn visible_to(_scope: &pactes_domain::Scope) -> Option<sea_orm::Condition> {
        None
    }

    /// Stored values are rebuilt unchecked, as a centre's are (debug builds check them).
    fn from_row(row: Model, parts: &mut Self::Parts) -> RepositoryResult<Territory> {
        let communes = take_parts(parts, row.id)
            .into_iter()
            .map(|c| Commune {
                name: Label::from_stored(c.name),
                insee_code: c.insee_code.map(FromStored::from_stored),
            })
            .collect();
        let data = TerritoryData {
            name: Label::from_stored(row.name),
            kind: decode_code::<TerritoryKind>("territories.kind", &row.kind)?,
            communes,
        };
        debug_assert_eq!(
            Ok(&data),
            revalidated(&data).as_ref(),
            "territory {} is stored in a form that does not validate",
            row.id
        );
        Ok(Record {
            id: TerritoryId::from_uuid(row.id),
            federation_id: FederationId::from_uuid(row.federation_id),
            data,
            meta: stored_meta(row.version, row.created_at, row.updated_at, row.archived_at),
        })
    }

    fn to_row(territory: &Territory) -> ActiveModel {
        let TerritoryData { name, kind, .. } = &territory.data;
        ActiveModel {
            id: Set(territory.id.as_uuid()),
            federation_id: Set(territory.federation_id.as_uuid()),
            name: Set(name.as_str().to_owned()),
            name_key: Set(name.folded()),
            kind: Set(kind.code().to_owned()),
            version: Set(territory.meta.version),
            created_at: Set(territory.meta.created_at),
            updated_at: Set(territory.meta.updated_at),
            archived_at: Set(territory.meta.archived_at),
        }
    }

    fn row_id(row: &Model) -> Uuid {
        row.id
    }

    parts_in_child_table!(parts::Entity, parts::rows, communes);
}

/// The territory as validation makes it from its own fields: what a record read back must equal.
fn revalidated(data: &TerritoryData) -> Result<TerritoryData, pactes_domain::ValidationErrors> {
    TerritoryDraft {
        name: data.name.as_str().to_owned(),
        kind: data.kind,
        communes: data
            .communes
            .iter()
            .map(|c| CommuneDraft {
                name: c.name.as_str().to_owned(),
                insee_code: c.insee_code.as_ref().map(|i| i.as_str().to_owned()),
            })
            .collect(),
    }
    .validate()
}
