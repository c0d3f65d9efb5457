//! A pact as a tenant record: its row and its parts, read in one statement per child table for any number of
//! pacts, and rewritten with the root under its version. Amendments are only ever appended.

use std::collections::HashMap;

use pactes_domain::pacts::{
    Axis, Consultation, Criterion, Objective, PactContent, PactData, PactKind, PactStatus, Period, Signatory,
    SignatoryRole,
};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::text::Label;
use pactes_domain::{AxisId, FederationId, FromStored, ObjectiveId, PactId, Scope, TerritoryId};
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use uuid::Uuid;

use super::entity::{ActiveModel, Entity, Model};
use super::parts::{amendments, axes, consultations, criteria, labels, objectives, signatories};
use crate::error::{corrupt, decode_code, storage};
use crate::party::{party_columns, party_of};
use crate::tenant::{
    PartsById, TenantRecord, delete_children, insert_children, load_children, stored_meta, take_parts,
};

/// The parts of a page of pacts, by pact id.
#[derive(Default)]
pub(crate) struct PactParts {
    labels: PartsById<labels::Model>,
    axes: PartsById<axes::Model>,
    objectives: PartsById<objectives::Model>,
    criteria: PartsById<criteria::Model>,
    signatories: PartsById<signatories::Model>,
    consultations: PartsById<consultations::Model>,
    amendments: PartsById<amendments::Model>,
}

fn label(text: String) -> Label {
    Label::from_stored(text)
}

fn content(row: &Model, parts: &mut PactParts) -> RepositoryResult<PactContent> {
    let id = row.id;
    let mut values = Vec::new();
    let mut stakes = Vec::new();
    for item in take_parts(&mut parts.labels, id) {
        match item.list.as_str() {
            labels::VALUE => values.push(label(item.label)),
            labels::STAKE => stakes.push(label(item.label)),
            other => return Err(corrupt(format!("pact_labels.list: unknown list {other}"))),
        }
    }
    let mut criteria: HashMap<Uuid, Vec<Criterion>> = HashMap::new();
    for c in take_parts(&mut parts.criteria, id) {
        criteria.entry(c.objective_id).or_default().push(Criterion {
            label: label(c.label),
            target: c.target.map(label),
        });
    }
    let mut objectives: HashMap<Uuid, Vec<Objective>> = HashMap::new();
    for o in take_parts(&mut parts.objectives, id) {
        objectives.entry(o.axis_id).or_default().push(Objective {
            id: ObjectiveId::from_uuid(o.id),
            title: label(o.title),
            description: o.description,
            criteria: criteria.remove(&o.id).unwrap_or_default(),
        });
    }
    let axes = take_parts(&mut parts.axes, id)
        .into_iter()
        .map(|a| Axis {
            id: AxisId::from_uuid(a.id),
            title: label(a.title),
            subtitle: a.subtitle.map(label),
            objectives: objectives.remove(&a.id).unwrap_or_default(),
        })
        .collect();
    let signatories = take_parts(&mut parts.signatories, id)
        .into_iter()
        .map(|s| {
            Ok(Signatory {
                party: party_of("pact_signatories", s.centre_id, s.partner_id)?,
                role: decode_code::<SignatoryRole>("pact_signatories.role", &s.role)?,
                signer_name: label(s.signer_name),
                signer_title: s.signer_title.map(label),
                signed_on: s.signed_on,
            })
        })
        .collect::<RepositoryResult<Vec<_>>>()?;
    let consultations = take_parts(&mut parts.consultations, id)
        .into_iter()
        .map(|c| Consultation {
            group: label(c.group_name),
            people: u32::try_from(c.people).unwrap_or(0),
            held_on: c.held_on,
            summary: c.summary,
        })
        .collect();
    Ok(PactContent {
        kind: decode_code::<PactKind>("pacts.kind", &row.kind)?,
        title: label(row.title.clone()),
        territory_id: row.territory_id.map(TerritoryId::from_uuid),
        period: Period::from_stored((row.start_date, row.end_date)),
        sequence: u16::try_from(row.sequence).map_err(|_| corrupt("pacts.sequence out of range"))?,
        predecessor_id: row.predecessor_id.map(PactId::from_uuid),
        preamble: row.preamble.clone(),
        values,
        stakes,
        axes,
        signatories,
        consultations,
    })
}

impl TenantRecord for PactData {
    type Table = Entity;
    type Parts = PactParts;

    /// Stored values are rebuilt unchecked; debug builds check that the content would validate to itself.
    fn from_row(row: Model, parts: &mut PactParts) -> RepositoryResult<Record<PactId, PactData>> {
        let content = content(&row, parts)?;
        debug_assert_eq!(
            Ok(&content),
            content.to_draft().validate_against(&content).as_ref(),
            "pact {} is stored in a form that does not validate",
            row.id
        );
        let amendments = take_parts(&mut parts.amendments, row.id)
            .into_iter()
            .map(|a| crate::amendments::amendment("pact_amendments", a.number, a.dated, a.description, &a.changes))
            .collect::<RepositoryResult<Vec<_>>>()?;
        Ok(Record {
            id: PactId::from_uuid(row.id),
            federation_id: FederationId::from_uuid(row.federation_id),
            data: PactData {
                content,
                status: decode_code::<PactStatus>("pacts.status", &row.status)?,
                termination_reason: row.termination_reason,
                amendments,
            },
            meta: stored_meta(row.version, row.created_at, row.updated_at, row.archived_at),
        })
    }

    fn to_row(pact: &Record<PactId, PactData>) -> ActiveModel {
        let c = &pact.data.content;
        ActiveModel {
            id: Set(pact.id.as_uuid()),
            federation_id: Set(pact.federation_id.as_uuid()),
            kind: Set(c.kind.code().to_owned()),
            title: Set(c.title.as_str().to_owned()),
            title_key: Set(c.title.folded()),
            territory_id: Set(c.territory_id.map(|t| t.as_uuid())),
            start_date: Set(c.period.start()),
            end_date: Set(c.period.end()),
            sequence: Set(i32::from(c.sequence)),
            predecessor_id: Set(c.predecessor_id.map(|p| p.as_uuid())),
            preamble: Set(c.preamble.clone()),
            status: Set(pact.data.status.code().to_owned()),
            termination_reason: Set(pact.data.termination_reason.clone()),
            version: Set(pact.meta.version),
            created_at: Set(pact.meta.created_at),
            updated_at: Set(pact.meta.updated_at),
            archived_at: Set(pact.meta.archived_at),
        }
    }

    fn row_id(row: &Model) -> Uuid {
        row.id
    }

    async fn load_parts(db: &impl ConnectionTrait, scope: &Scope, ids: &[Uuid]) -> RepositoryResult<PactParts> {
        Ok(PactParts {
            labels: load_children::<labels::Entity>(db, scope, ids).await?,
            axes: load_children::<axes::Entity>(db, scope, ids).await?,
            objectives: load_children::<objectives::Entity>(db, scope, ids).await?,
            criteria: load_children::<criteria::Entity>(db, scope, ids).await?,
            signatories: load_children::<signatories::Entity>(db, scope, ids).await?,
            consultations: load_children::<consultations::Entity>(db, scope, ids).await?,
            amendments: load_children::<amendments::Entity>(db, scope, ids).await?,
        })
    }

    async fn write_parts(
        db: &impl ConnectionTrait,
        previous: Option<&PactData>,
        pact: &Record<PactId, PactData>,
    ) -> RepositoryResult<()> {
        let (tenant, parent) = (pact.federation_id, pact.id.as_uuid());
        let (next, before) = (&pact.data.content, previous.map(|p| &p.content));
        let labels = before.is_none_or(|b| b.values != next.values || b.stakes != next.stakes);
        let axes = before.is_none_or(|b| b.axes != next.axes);
        let signed = before.is_none_or(|b| b.signatories != next.signatories);
        let consulted = before.is_none_or(|b| b.consultations != next.consultations);
        // A new pact has no parts to delete. Children before their parents: criteria point at objectives,
        // objectives at axes.
        let replacing = previous.is_some();
        if replacing && axes {
            delete_children::<criteria::Entity>(db, tenant, parent).await?;
            delete_children::<objectives::Entity>(db, tenant, parent).await?;
            delete_children::<axes::Entity>(db, tenant, parent).await?;
        }
        if replacing && labels {
            delete_children::<labels::Entity>(db, tenant, parent).await?;
        }
        if replacing && signed {
            delete_children::<signatories::Entity>(db, tenant, parent).await?;
        }
        if replacing && consulted {
            delete_children::<consultations::Entity>(db, tenant, parent).await?;
        }
        let rows = Rows::of(pact);
        if labels {
            insert_children::<labels::Entity, _>(db, rows.labels).await?;
        }
        if axes {
            insert_children::<axes::Entity, _>(db, rows.axes).await?;
            insert_children::<objectives::Entity, _>(db, rows.objectives).await?;
            insert_children::<criteria::Entity, _>(db, rows.criteria).await?;
        }
        if signed {
            insert_children::<signatories::Entity, _>(db, rows.signatories).await?;
        }
        if consulted {
            insert_children::<consultations::Entity, _>(db, rows.consultations).await?;
        }
        // Amendments are only ever appended: the new ones are inserted, the others are left alone.
        let written = previous.map_or(0, |p| p.amendments.len());
        let appended: Vec<_> = rows.amendments.into_iter().skip(written).collect();
        if !appended.is_empty() {
            amendments::Entity::insert_many(appended)
                .on_conflict_do_nothing_on([amendments::Column::PactId, amendments::Column::Number])
                .exec_without_returning(db)
                .await
                .map_err(storage)?;
        }
        Ok(())
    }

    /// Signing checks the signatories: a step reads them, and no other part.
    async fn load_step_parts(db: &impl ConnectionTrait, tenant: FederationId, id: Uuid) -> RepositoryResult<PactParts> {
        Ok(PactParts {
            signatories: load_children::<signatories::Entity>(db, &Scope::Federation(tenant), &[id]).await?,
            ..PactParts::default()
        })
    }

    /// A status step or a termination leaves the content and the amendments as they are.
    fn same_parts(previous: &PactData, next: &PactData) -> bool {
        previous.content == next.content && previous.amendments == next.amendments
    }

    /// A partner's scope sees the pacts its partner signed, and only those.
    fn visible_to(scope: &Scope) -> Option<sea_orm::Condition> {
        let partner = scope.partner()?;
        Some(super::repository::signed_by_partner(super::entity::Column::Id, partner))
    }

    async fn check_references(
        db: &impl ConnectionTrait,
        tenant: FederationId,
        id: Uuid,
        previous: Option<&PactData>,
        data: &PactData,
    ) -> RepositoryResult<()> {
        super::references::check(db, tenant, previous.map(|p| &p.content), &data.content).await?;
        if let Some(previous) = previous {
            super::actions::objectives_kept(db, tenant, PactId::from_uuid(id), &previous.content, &data.content)
                .await?;
        }
        Ok(())
    }
}

/// A pact's child rows.
struct Rows {
    labels: Vec<labels::ActiveModel>,
    axes: Vec<axes::ActiveModel>,
    objectives: Vec<objectives::ActiveModel>,
    criteria: Vec<criteria::ActiveModel>,
    signatories: Vec<signatories::ActiveModel>,
    consultations: Vec<consultations::ActiveModel>,
    amendments: Vec<amendments::ActiveModel>,
}

fn position(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}

impl Rows {
    fn of(pact: &Record<PactId, PactData>) -> Rows {
        let federation_id = pact.federation_id.as_uuid();
        let pact_id = pact.id.as_uuid();
        let c = &pact.data.content;
        let list = |name: &'static str, items: &[Label]| {
            items
                .iter()
                .enumerate()
                .map(move |(i, l)| labels::ActiveModel {
                    federation_id: Set(federation_id),
                    pact_id: Set(pact_id),
                    list: Set(name.to_owned()),
                    position: Set(position(i)),
                    label: Set(l.as_str().to_owned()),
                })
                .collect::<Vec<_>>()
        };
        let mut rows = Rows {
            labels: list(labels::VALUE, &c.values),
            axes: Vec::new(),
            objectives: Vec::new(),
            criteria: Vec::new(),
            signatories: Vec::new(),
            consultations: Vec::new(),
            amendments: Vec::new(),
        };
        rows.labels.extend(list(labels::STAKE, &c.stakes));
        for (i, axis) in c.axes.iter().enumerate() {
            rows.axes.push(axes::ActiveModel {
                id: Set(axis.id.as_uuid()),
                federation_id: Set(federation_id),
                pact_id: Set(pact_id),
                position: Set(position(i)),
                title: Set(axis.title.as_str().to_owned()),
                subtitle: Set(axis.subtitle.as_ref().map(|s| s.as_str().to_owned())),
            });
            for (j, objective) in axis.objectives.iter().enumerate() {
                rows.objectives.push(objectives::ActiveModel {
                    id: Set(objective.id.as_uuid()),
                    federation_id: Set(federation_id),
                    pact_id: Set(pact_id),
                    axis_id: Set(axis.id.as_uuid()),
                    position: Set(position(j)),
                    title: Set(objective.title.as_str().to_owned()),
                    description: Set(objective.description.clone()),
                });
                for (k, criterion) in objective.criteria.iter().enumerate() {
                    rows.criteria.push(criteria::ActiveModel {
                        federation_id: Set(federation_id),
                        pact_id: Set(pact_id),
                        objective_id: Set(objective.id.as_uuid()),
                        position: Set(position(k)),
                        label: Set(criterion.label.as_str().to_owned()),
                        target: Set(criterion.target.as_ref().map(|t| t.as_str().to_owned())),
                    });
                }
            }
        }
        for (i, s) in c.signatories.iter().enumerate() {
            let (centre, partner) = party_columns(s.party);
            rows.signatories.push(signatories::ActiveModel {
                federation_id: Set(federation_id),
                pact_id: Set(pact_id),
                position: Set(position(i)),
                centre_id: Set(centre),
                partner_id: Set(partner),
                role: Set(s.role.code().to_owned()),
                signer_name: Set(s.signer_name.as_str().to_owned()),
                signer_title: Set(s.signer_title.as_ref().map(|t| t.as_str().to_owned())),
                signed_on: Set(s.signed_on),
            });
        }
        for (i, consultation) in c.consultations.iter().enumerate() {
            rows.consultations.push(consultations::ActiveModel {
                federation_id: Set(federation_id),
                pact_id: Set(pact_id),
                position: Set(position(i)),
                group_name: Set(consultation.group.as_str().to_owned()),
                people: Set(i32::try_from(consultation.people).unwrap_or(i32::MAX)),
                held_on: Set(consultation.held_on),
                summary: Set(consultation.summary.clone()),
            });
        }
        for amendment in &pact.data.amendments {
            rows.amendments.push(amendments::ActiveModel {
                federation_id: Set(federation_id),
                pact_id: Set(pact_id),
                number: Set(i32::try_from(amendment.number).unwrap_or(i32::MAX)),
                dated: Set(amendment.dated),
                description: Set(amendment.description.clone()),
                changes: Set(crate::amendments::encode_changes(&amendment.changes)),
            });
        }
        rows
    }
}
