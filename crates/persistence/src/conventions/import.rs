//! The payments import: every row resolved against the federation's conventions and parties first (three
//! statements), then written in one transaction, convention by convention, each locked and checked again
//! against its current payments; any refusal rolls everything back and is reported at its row.

use std::collections::{BTreeMap, HashMap, HashSet};

use pactes_domain::agreement::Party;
use pactes_domain::audit::{AuditAction, AuditEntry};
use pactes_domain::conventions::{ConventionContent, ConventionData, ImportReport, PaymentRow, RowError, resolve_rows};
use pactes_domain::record::{Record, now};
use pactes_domain::repository::RepositoryResult;
use pactes_domain::text::fold;
use pactes_domain::{Actor, CentreId, ConventionId, FederationId, PartnerId, Scope};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::entity::Column;
use crate::database::Database;
use crate::directory::centre::{CentreColumn, CentreTable};
use crate::directory::partner::{PartnerColumn, PartnerTable};
use crate::error::storage;
use crate::row_security::RowScope;
use crate::scope::tenant_rows;
use crate::tenant::{Readable, find_whole};

/// The federation's parties by folded name: its partners, its centres, and itself (by its name or as
/// "fédération").
async fn parties_by_name(db: &Database, tenant: FederationId) -> RepositoryResult<HashMap<String, Party>> {
    let scope = Scope::Federation(tenant);
    let conn = db.scoped(&scope);
    let mut named = HashMap::new();
    let partners: Vec<(Uuid, String)> = PartnerTable::find()
        .select_only()
        .column(PartnerColumn::Id)
        .column(PartnerColumn::Name)
        .filter(tenant_rows(PartnerColumn::FederationId, tenant))
        .into_tuple()
        .all(&conn)
        .await
        .map_err(storage)?;
    let centres: Vec<(Uuid, String)> = CentreTable::find()
        .select_only()
        .column(CentreColumn::Id)
        .column(CentreColumn::Name)
        .filter(tenant_rows(CentreColumn::FederationId, tenant))
        .into_tuple()
        .all(&conn)
        .await
        .map_err(storage)?;
    for (id, name) in centres {
        named.insert(fold(&name), Party::Centre(CentreId::from_uuid(id)));
    }
    for (id, name) in partners {
        named.insert(fold(&name), Party::Partner(PartnerId::from_uuid(id)));
    }
    use pactes_domain::directory::FederationRepository;
    if let Some(federation) = db.federations_by_ids_public(&[tenant]).await?.pop() {
        named.insert(fold(federation.data.name.as_str()), Party::Federation);
    }
    for alias in ["federation", "fédération", "la fédération"] {
        named.insert(fold(alias), Party::Federation);
    }
    Ok(named)
}

pub(super) async fn import_payments(
    db: &Database,
    tenant: FederationId,
    actor: &Actor,
    rows: Vec<PaymentRow>,
    progress: &(dyn Fn(usize) + Sync),
) -> RepositoryResult<Result<ImportReport, Vec<RowError>>> {
    let scope = Scope::Federation(tenant);
    let references: HashSet<String> = rows.iter().map(|r| fold(&r.reference)).collect();
    let select = Readable::<ConventionData>::live(&scope).filter(Column::ReferenceKey.is_in(references));
    let found = find_whole::<ConventionData>(&db.scoped(&scope), &scope, select).await?;
    let conventions: HashMap<String, (ConventionId, ConventionContent)> = found
        .into_iter()
        .map(|c| (c.data.content.reference.folded(), (c.id, c.data.content)))
        .collect();
    let parties = parties_by_name(db, tenant).await?;
    let resolved = match resolve_rows(&rows, &conventions, &parties) {
        Ok(resolved) => resolved,
        Err(errors) => return Ok(Err(errors)),
    };
    // Convention by convention, in a stable order (locks are always taken in the same order).
    let mut by_convention: BTreeMap<Uuid, Vec<_>> = BTreeMap::new();
    for payment in resolved {
        by_convention
            .entry(payment.convention.as_uuid())
            .or_default()
            .push(payment);
    }
    let write = db.write(RowScope::tenant(tenant)).await?;
    let mut report = ImportReport {
        rows: rows.len(),
        conventions: by_convention.len(),
        ..Default::default()
    };
    let mut errors = Vec::new();
    let mut written = 0;
    for (id, payments) in by_convention {
        let current = write.lock::<ConventionData>(tenant, id).await?;
        let lines: Vec<usize> = payments.iter().map(|p| p.line).collect();
        let drafts = payments.into_iter().map(|p| p.payment).collect::<Vec<_>>();
        let count = drafts.len();
        match current.data.record_payments(drafts) {
            Err(invalid) => {
                for e in invalid.into_errors() {
                    // `payments.<i>.<field>`: the i-th payment of this convention, the row's column.
                    let index = e.field.get(1).and_then(|i| i.parse::<usize>().ok()).unwrap_or(0);
                    let column = match e.field.get(2).map(String::as_str) {
                        Some("amount") => "amount",
                        Some("reference") => "payment_reference",
                        Some("idempotencyKey") => "idempotency_key",
                        _ => "reference",
                    };
                    errors.push(RowError::new(lines.get(index).copied().unwrap_or(0), column, e.message));
                }
            }
            Ok((data, added)) => {
                report.recorded += added;
                report.already_recorded += count - added;
                if added > 0 {
                    let at = now();
                    let entry = AuditEntry::record(
                        Some(tenant),
                        actor,
                        AuditAction::Update,
                        current.id.as_uuid(),
                        Some(&current.data),
                        &data,
                        at,
                    );
                    let meta = current.meta.touched(at);
                    let recorded = Record {
                        id: current.id,
                        federation_id: current.federation_id,
                        data,
                        meta,
                    };
                    write.put(&current.data, &recorded).await?;
                    write.audit(&entry).await?;
                }
            }
        }
        written += count;
        progress(written);
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        // Dropped without commit: nothing of the import stays.
        return Ok(Err(errors));
    }
    write.commit().await?;
    Ok(Ok(report))
}
