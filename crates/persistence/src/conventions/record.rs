//! A convention as a tenant record: its row and its parts, read in one statement per child table for any number
//! of conventions, and rewritten with the root under its version. Amendments and payments are only appended.
//! A partner's scope sees the conventions its partner is party to.

use pactes_domain::agreement::Period;
use pactes_domain::conventions::{
    ConventionContent, ConventionData, ConventionKind, ConventionParty, ConventionRole, ConventionStatus, FundingLine,
    FundingNature, Payment,
};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::text::Label;
use pactes_domain::{
    ActionSheetId, ConventionId, FederationId, FromStored, FundingLineId, Money, PactId, PaymentId, Scope,
};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, Set};
use uuid::Uuid;

use super::entity::{ActiveModel, Column, Entity, Model};
use super::parts::{action_sheets, amendments, lines, objectives, parties, payments};
use crate::error::{decode_code, storage};
use crate::party::{party_columns, party_of};
use crate::tenant::{
    PartsById, TenantRecord, delete_children, insert_children, load_children, stored_meta, take_parts,
};

#[derive(Default)]
pub(crate) struct ConventionParts {
    /// False for roots read without their parts (a page), which are not whole contents to check.
    loaded: bool,
    objectives: PartsById<objectives::Model>,
    action_sheets: PartsById<action_sheets::Model>,
    parties: PartsById<parties::Model>,
    lines: PartsById<lines::Model>,
    payments: PartsById<payments::Model>,
    amendments: PartsById<amendments::Model>,
}

fn label(text: String) -> Label {
    Label::from_stored(text)
}

fn position(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}

/// The conventions the partner is party to (in any role): what a partner's scope sees.
pub(crate) fn bound_to(convention: impl ColumnTrait, condition: Condition) -> Condition {
    Condition::all().add(
        convention.in_subquery(
            Query::select()
                .column(parties::Column::ConventionId)
                .from(parties::Entity)
                .cond_where(condition)
                .to_owned(),
        ),
    )
}

fn content(row: &Model, parts: &mut ConventionParts) -> RepositoryResult<ConventionContent> {
    let id = row.id;
    let parties = take_parts(&mut parts.parties, id)
        .into_iter()
        .map(|p| {
            Ok(ConventionParty {
                party: party_of("convention_parties", p.centre_id, p.partner_id)?,
                role: decode_code::<ConventionRole>("convention_parties.role", &p.role)?,
            })
        })
        .collect::<RepositoryResult<Vec<_>>>()?;
    let lines = take_parts(&mut parts.lines, id)
        .into_iter()
        .map(|l| {
            Ok(FundingLine {
                id: FundingLineId::from_uuid(l.id),
                funder: party_of("convention_lines.funder", l.funder_centre_id, l.funder_partner_id)?,
                beneficiary: party_of(
                    "convention_lines.beneficiary",
                    l.beneficiary_centre_id,
                    l.beneficiary_partner_id,
                )?,
                year: l.year,
                nature: decode_code::<FundingNature>("convention_lines.nature", &l.nature)?,
                committed: Money::from_cents(l.committed_cents),
                overpayment_allowed: l.overpayment_allowed,
            })
        })
        .collect::<RepositoryResult<Vec<_>>>()?;
    Ok(ConventionContent {
        kind: decode_code::<ConventionKind>("conventions.kind", &row.kind)?,
        reference: label(row.reference.clone()),
        title: label(row.title.clone()),
        objectives: take_parts(&mut parts.objectives, id)
            .into_iter()
            .map(|o| label(o.label))
            .collect(),
        period: Period::from_stored((row.start_date, row.end_date)),
        renews: row.renews_id.map(ConventionId::from_uuid),
        pact_id: row.pact_id.map(PactId::from_uuid),
        action_sheets: take_parts(&mut parts.action_sheets, id)
            .into_iter()
            .map(|s| ActionSheetId::from_uuid(s.action_id))
            .collect(),
        parties,
        lines,
    })
}

impl TenantRecord for ConventionData {
    type Table = Entity;
    type Parts = ConventionParts;

    /// Stored values are rebuilt unchecked; debug builds check that the content would validate to itself.
    fn from_row(row: Model, parts: &mut ConventionParts) -> RepositoryResult<Record<ConventionId, ConventionData>> {
        let content = content(&row, parts)?;
        debug_assert!(
            !parts.loaded || Ok(&content) == content.to_draft().validate_against(&content).as_ref(),
            "convention {} is stored in a form that does not validate",
            row.id
        );
        let amendments = take_parts(&mut parts.amendments, row.id)
            .into_iter()
            .map(|a| {
                crate::amendments::amendment("convention_amendments", a.number, a.dated, a.description, &a.changes)
            })
            .collect::<RepositoryResult<Vec<_>>>()?;
        let payments = take_parts(&mut parts.payments, row.id)
            .into_iter()
            .map(|p| Payment {
                id: PaymentId::from_uuid(p.id),
                line_id: FundingLineId::from_uuid(p.line_id),
                paid_on: p.paid_on,
                amount: Money::from_cents(p.amount_cents),
                reference: p.reference.map(label),
                idempotency_key: p.idempotency_key,
            })
            .collect();
        Ok(Record {
            id: ConventionId::from_uuid(row.id),
            federation_id: FederationId::from_uuid(row.federation_id),
            data: ConventionData {
                content,
                status: decode_code::<ConventionStatus>("conventions.status", &row.status)?,
                termination_reason: row.termination_reason,
                amendments,
                payments,
            },
            meta: stored_meta(row.version, row.created_at, row.updated_at, row.archived_at),
        })
    }

    fn to_row(convention: &Record<ConventionId, ConventionData>) -> ActiveModel {
        let c = &convention.data.content;
        ActiveModel {
            id: Set(convention.id.as_uuid()),
            federation_id: Set(convention.federation_id.as_uuid()),
            kind: Set(c.kind.code().to_owned()),
            reference: Set(c.reference.as_str().to_owned()),
            reference_key: Set(c.reference.folded()),
            title: Set(c.title.as_str().to_owned()),
            start_date: Set(c.period.start()),
            end_date: Set(c.period.end()),
            renews_id: Set(c.renews.map(|r| r.as_uuid())),
            pact_id: Set(c.pact_id.map(|p| p.as_uuid())),
            status: Set(convention.data.status.code().to_owned()),
            termination_reason: Set(convention.data.termination_reason.clone()),
            version: Set(convention.meta.version),
            created_at: Set(convention.meta.created_at),
            updated_at: Set(convention.meta.updated_at),
            archived_at: Set(convention.meta.archived_at),
        }
    }

    fn row_id(row: &Model) -> Uuid {
        row.id
    }

    async fn load_parts(db: &impl ConnectionTrait, scope: &Scope, ids: &[Uuid]) -> RepositoryResult<ConventionParts> {
        Ok(ConventionParts {
            loaded: true,
            objectives: load_children::<objectives::Entity>(db, scope, ids).await?,
            action_sheets: load_children::<action_sheets::Entity>(db, scope, ids).await?,
            parties: load_children::<parties::Entity>(db, scope, ids).await?,
            lines: load_children::<lines::Entity>(db, scope, ids).await?,
            payments: load_children::<payments::Entity>(db, scope, ids).await?,
            amendments: load_children::<amendments::Entity>(db, scope, ids).await?,
        })
    }

    async fn write_parts(
        db: &impl ConnectionTrait,
        previous: Option<&ConventionData>,
        convention: &Record<ConventionId, ConventionData>,
    ) -> RepositoryResult<()> {
        let (tenant, parent) = (convention.federation_id, convention.id.as_uuid());
        let federation_id = tenant.as_uuid();
        let c = &convention.data.content;
        let before = previous.map(|p| &p.content);
        let objectives_changed = before.is_none_or(|b| b.objectives != c.objectives);
        let sheets_changed = before.is_none_or(|b| b.action_sheets != c.action_sheets);
        let parties_changed = before.is_none_or(|b| b.parties != c.parties);
        let lines_changed = before.is_none_or(|b| b.lines != c.lines);
        // A new convention has no parts to delete.
        let replacing = previous.is_some();
        if replacing && objectives_changed {
            delete_children::<objectives::Entity>(db, tenant, parent).await?;
        }
        if replacing && sheets_changed {
            delete_children::<action_sheets::Entity>(db, tenant, parent).await?;
        }
        if replacing && parties_changed {
            delete_children::<parties::Entity>(db, tenant, parent).await?;
        }
        if replacing && lines_changed {
            delete_children::<lines::Entity>(db, tenant, parent).await?;
        }
        let objective_rows = c
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| objectives::ActiveModel {
                federation_id: Set(federation_id),
                convention_id: Set(parent),
                position: Set(position(i)),
                label: Set(o.as_str().to_owned()),
            })
            .collect();
        let sheet_rows = c
            .action_sheets
            .iter()
            .enumerate()
            .map(|(i, s)| action_sheets::ActiveModel {
                federation_id: Set(federation_id),
                convention_id: Set(parent),
                position: Set(position(i)),
                action_id: Set(s.as_uuid()),
            })
            .collect();
        let party_rows = c
            .parties
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let (centre, partner) = party_columns(p.party);
                parties::ActiveModel {
                    federation_id: Set(federation_id),
                    convention_id: Set(parent),
                    position: Set(position(i)),
                    centre_id: Set(centre),
                    partner_id: Set(partner),
                    role: Set(p.role.code().to_owned()),
                }
            })
            .collect();
        let line_rows = c
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let (funder_centre, funder_partner) = party_columns(l.funder);
                let (beneficiary_centre, beneficiary_partner) = party_columns(l.beneficiary);
                lines::ActiveModel {
                    id: Set(l.id.as_uuid()),
                    federation_id: Set(federation_id),
                    convention_id: Set(parent),
                    position: Set(position(i)),
                    funder_centre_id: Set(funder_centre),
                    funder_partner_id: Set(funder_partner),
                    beneficiary_centre_id: Set(beneficiary_centre),
                    beneficiary_partner_id: Set(beneficiary_partner),
                    year: Set(l.year),
                    nature: Set(l.nature.code().to_owned()),
                    committed_cents: Set(l.committed.cents()),
                    overpayment_allowed: Set(l.overpayment_allowed),
                }
            })
            .collect();
        if objectives_changed {
            insert_children::<objectives::Entity, _>(db, objective_rows).await?;
        }
        if sheets_changed {
            insert_children::<action_sheets::Entity, _>(db, sheet_rows).await?;
        }
        if parties_changed {
            insert_children::<parties::Entity, _>(db, party_rows).await?;
        }
        if lines_changed {
            insert_children::<lines::Entity, _>(db, line_rows).await?;
        }
        // Amendments and payments are only ever appended: the new ones are inserted, the others left alone.
        let amendment_rows: Vec<amendments::ActiveModel> = convention
            .data
            .amendments
            .iter()
            .skip(previous.map_or(0, |p| p.amendments.len()))
            .map(|a| amendments::ActiveModel {
                federation_id: Set(federation_id),
                convention_id: Set(parent),
                number: Set(i32::try_from(a.number).unwrap_or(i32::MAX)),
                dated: Set(a.dated),
                description: Set(a.description.clone()),
                changes: Set(crate::amendments::encode_changes(&a.changes)),
            })
            .collect();
        if !amendment_rows.is_empty() {
            amendments::Entity::insert_many(amendment_rows)
                .on_conflict_do_nothing_on([amendments::Column::ConventionId, amendments::Column::Number])
                .exec_without_returning(db)
                .await
                .map_err(storage)?;
        }
        let payment_rows: Vec<payments::ActiveModel> = convention
            .data
            .payments
            .iter()
            .skip(previous.map_or(0, |p| p.payments.len()))
            .map(|p| payments::ActiveModel {
                id: Set(p.id.as_uuid()),
                federation_id: Set(federation_id),
                convention_id: Set(parent),
                line_id: Set(p.line_id.as_uuid()),
                paid_on: Set(p.paid_on),
                amount_cents: Set(p.amount.cents()),
                reference: Set(p.reference.as_ref().map(|r| r.as_str().to_owned())),
                idempotency_key: Set(p.idempotency_key.clone()),
            })
            .collect();
        if !payment_rows.is_empty() {
            payments::Entity::insert_many(payment_rows)
                .on_conflict_do_nothing_on([payments::Column::Id])
                .exec_without_returning(db)
                .await
                .map_err(crate::constraints::map_write_error)?;
        }
        Ok(())
    }

    /// A status step or a termination leaves the content, the amendments and the payments as they are.
    fn same_parts(previous: &ConventionData, next: &ConventionData) -> bool {
        previous.content == next.content && previous.amendments == next.amendments && previous.payments == next.payments
    }

    /// A partner's scope sees the conventions its partner is party to, and only those.
    fn visible_to(scope: &Scope) -> Option<Condition> {
        let partner = scope.partner()?;
        Some(bound_to(
            Column::Id,
            Condition::all().add(parties::Column::PartnerId.eq(partner.as_uuid())),
        ))
    }

    async fn check_references(
        db: &impl ConnectionTrait,
        tenant: FederationId,
        _id: Uuid,
        previous: Option<&ConventionData>,
        data: &ConventionData,
    ) -> RepositoryResult<()> {
        super::references::check(db, tenant, previous.map(|p| &p.content), &data.content).await?;
        if let Some(previous) = previous {
            pactes_domain::conventions::check_lines_keep_payments(&data.content, &previous.payments)
                .map_err(|e| e.under("content"))?;
        }
        Ok(())
    }

    fn write_error(error: sea_orm::DbErr) -> pactes_domain::RepositoryError {
        crate::constraints::map_write_error(error)
    }
}
