//! An action sheet as a tenant record: its row and its parts (roles, objectives, means), read in one statement
//! per child table for any number of sheets, rewritten with the row under its version. A scope sees the sheets
//! of the pacts it sees.

use pactes_domain::pacts::{ActionSheetData, ActionStatus, ActorRole, Means, MeansKind, Party, Period};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::text::Label;
use pactes_domain::{ActionSheetId, FederationId, FromStored, Money, ObjectiveId, PactId, Scope};
use sea_orm::{ConnectionTrait, Set};
use uuid::Uuid;

use super::entity::{ActiveModel, Column, Entity, Model};
use super::parts::{means, objectives, roles};
use crate::error::{corrupt, decode_code};
use crate::party::{party_columns, party_of};
use crate::tenant::{
    PartsById, TenantRecord, delete_children, insert_children, load_children, stored_meta, take_parts,
};

#[derive(Default)]
pub(crate) struct SheetParts {
    roles: PartsById<roles::Model>,
    objectives: PartsById<objectives::Model>,
    means: PartsById<means::Model>,
}

fn label(text: String) -> Label {
    Label::from_stored(text)
}

fn lead(row: &Model) -> RepositoryResult<Option<Party>> {
    if row.lead_federation {
        return Ok(Some(Party::Federation));
    }
    match (row.lead_centre_id, row.lead_partner_id) {
        (None, None) => Ok(None),
        (centre, partner) => party_of("action_sheets.lead", centre, partner).map(Some),
    }
}

fn position(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}

impl TenantRecord for ActionSheetData {
    type Table = Entity;
    type Parts = SheetParts;

    /// Stored values are rebuilt unchecked; debug builds check that the sheet would validate to itself.
    fn from_row(row: Model, parts: &mut SheetParts) -> RepositoryResult<Record<ActionSheetId, ActionSheetData>> {
        let id = row.id;
        let roles = take_parts(&mut parts.roles, id)
            .into_iter()
            .map(|r| {
                Ok(ActorRole {
                    actor: party_of("action_roles", r.centre_id, r.partner_id)?,
                    role: label(r.role),
                })
            })
            .collect::<RepositoryResult<Vec<_>>>()?;
        let means = take_parts(&mut parts.means, id)
            .into_iter()
            .map(|m| {
                Ok(Means {
                    kind: decode_code::<MeansKind>("action_means.kind", &m.kind)?,
                    description: label(m.description),
                    actor: party_of("action_means", m.centre_id, m.partner_id)?,
                    amount: m.amount_cents.map(Money::from_cents),
                })
            })
            .collect::<RepositoryResult<Vec<_>>>()?;
        let period = match (row.start_date, row.end_date) {
            (Some(start), Some(end)) => Some(Period::from_stored((start, end))),
            (None, None) => None,
            _ => return Err(corrupt("action_sheets: a start without an end, or the reverse")),
        };
        let data = ActionSheetData {
            pact_id: PactId::from_uuid(row.pact_id),
            objective_id: row.objective_id.map(ObjectiveId::from_uuid),
            title: label(row.title.clone()),
            description: row.description.clone(),
            period,
            status: decode_code::<ActionStatus>("action_sheets.status", &row.status)?,
            lead: lead(&row)?,
            roles,
            objectives: take_parts(&mut parts.objectives, id)
                .into_iter()
                .map(|o| label(o.label))
                .collect(),
            means,
        };
        debug_assert_eq!(
            Ok(&data),
            data.to_draft().validate_with(data.status).as_ref(),
            "action sheet {id} is stored in a form that does not validate"
        );
        Ok(Record {
            id: ActionSheetId::from_uuid(id),
            federation_id: FederationId::from_uuid(row.federation_id),
            data,
            meta: stored_meta(row.version, row.created_at, row.updated_at, row.archived_at),
        })
    }

    fn to_row(sheet: &Record<ActionSheetId, ActionSheetData>) -> ActiveModel {
        let d = &sheet.data;
        let (lead_centre, lead_partner) = d.lead.map_or((None, None), party_columns);
        ActiveModel {
            id: Set(sheet.id.as_uuid()),
            federation_id: Set(sheet.federation_id.as_uuid()),
            pact_id: Set(d.pact_id.as_uuid()),
            objective_id: Set(d.objective_id.map(|o| o.as_uuid())),
            title: Set(d.title.as_str().to_owned()),
            title_key: Set(d.title.folded()),
            description: Set(d.description.clone()),
            start_date: Set(d.period.as_ref().map(Period::start)),
            end_date: Set(d.period.as_ref().map(Period::end)),
            status: Set(d.status.code().to_owned()),
            lead_centre_id: Set(lead_centre),
            lead_partner_id: Set(lead_partner),
            lead_federation: Set(d.lead == Some(Party::Federation)),
            version: Set(sheet.meta.version),
            created_at: Set(sheet.meta.created_at),
            updated_at: Set(sheet.meta.updated_at),
            archived_at: Set(sheet.meta.archived_at),
        }
    }

    fn row_id(row: &Model) -> Uuid {
        row.id
    }

    async fn load_parts(db: &impl ConnectionTrait, scope: &Scope, ids: &[Uuid]) -> RepositoryResult<SheetParts> {
        Ok(SheetParts {
            roles: load_children::<roles::Entity>(db, scope, ids).await?,
            objectives: load_children::<objectives::Entity>(db, scope, ids).await?,
            means: load_children::<means::Entity>(db, scope, ids).await?,
        })
    }

    /// A status step leaves the roles, objectives and means as they are.
    fn same_parts(previous: &ActionSheetData, next: &ActionSheetData) -> bool {
        previous.roles == next.roles && previous.objectives == next.objectives && previous.means == next.means
    }

    async fn write_parts(
        db: &impl ConnectionTrait,
        previous: Option<&ActionSheetData>,
        sheet: &Record<ActionSheetId, ActionSheetData>,
    ) -> RepositoryResult<()> {
        if previous.is_some_and(|p| Self::same_parts(p, &sheet.data)) {
            return Ok(());
        }
        let (tenant, parent) = (sheet.federation_id, sheet.id.as_uuid());
        let federation_id = tenant.as_uuid();
        // A new sheet has no parts to delete.
        if previous.is_some() {
            delete_children::<roles::Entity>(db, tenant, parent).await?;
            delete_children::<objectives::Entity>(db, tenant, parent).await?;
            delete_children::<means::Entity>(db, tenant, parent).await?;
        }
        let d = &sheet.data;
        let role_rows = d
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let (centre, partner) = party_columns(r.actor);
                roles::ActiveModel {
                    federation_id: Set(federation_id),
                    action_id: Set(parent),
                    position: Set(position(i)),
                    centre_id: Set(centre),
                    partner_id: Set(partner),
                    role: Set(r.role.as_str().to_owned()),
                }
            })
            .collect();
        let objective_rows = d
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| objectives::ActiveModel {
                federation_id: Set(federation_id),
                action_id: Set(parent),
                position: Set(position(i)),
                label: Set(o.as_str().to_owned()),
            })
            .collect();
        let means_rows = d
            .means
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let (centre, partner) = party_columns(m.actor);
                means::ActiveModel {
                    federation_id: Set(federation_id),
                    action_id: Set(parent),
                    position: Set(position(i)),
                    kind: Set(m.kind.code().to_owned()),
                    description: Set(m.description.as_str().to_owned()),
                    centre_id: Set(centre),
                    partner_id: Set(partner),
                    amount_cents: Set(m.amount.map(Money::cents)),
                }
            })
            .collect();
        insert_children::<roles::Entity, _>(db, role_rows).await?;
        insert_children::<objectives::Entity, _>(db, objective_rows).await?;
        insert_children::<means::Entity, _>(db, means_rows).await
    }

    /// A partner's scope sees the sheets of the pacts its partner signed.
    fn visible_to(scope: &Scope) -> Option<sea_orm::Condition> {
        let partner = scope.partner()?;
        Some(crate::pacts::signed_by_partner(Column::PactId, partner))
    }

    async fn check_references(
        db: &impl ConnectionTrait,
        tenant: FederationId,
        _id: Uuid,
        previous: Option<&ActionSheetData>,
        data: &ActionSheetData,
    ) -> RepositoryResult<()> {
        super::references::check(db, tenant, previous, data).await
    }
}
