//! Centres' values written in bulk: every value checked (a centre of the tenant, a collected indicator of the
//! catalogue, within its range), then written in one transaction by multi-row upserts, with one `IMPORT` audit
//! entry for the batch.

use std::collections::HashSet;

use pactes_domain::audit::{AuditAction, AuditEntry, FieldChange};
use pactes_domain::directory::FederationData;
use pactes_domain::indicators::{CentreValue, Indicator, IndicatorKind};
use pactes_domain::record::now;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{Actor, FederationId, FieldError, FieldErrorCode, RepositoryError, ValidationErrors};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DatabaseBackend, EntityTrait, Set, Statement};
use uuid::Uuid;

use super::entity::values::{ActiveModel, Column, Entity};
use crate::database::Database;
use crate::directory::centre::CentreTable;
use crate::row_security::RowScope;
use crate::tenant::states;
use crate::write::Write;

/// Rows per statement on SQLite (a multi-row upsert, eight parameters a row).
const CHUNK: usize = 4_000;
/// Rows per statement on PostgreSQL, whose four columns travel as four arrays.
const ARRAY_CHUNK: usize = 50_000;

fn invalid(index: usize, field: &str, message: impl Into<String>) -> FieldError {
    FieldError::new(&["values", &index.to_string(), field], FieldErrorCode::Invalid, message)
}

/// Every value's problems, by its index.
fn check(values: &[CentreValue], catalogue: &[Indicator], known_centres: &HashSet<Uuid>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match catalogue.iter().find(|c| c.code == v.code) {
            None => errors.push(invalid(i, "code", format!("{} is not in the catalogue", v.code))),
            Some(indicator) if indicator.kind == IndicatorKind::Derived => errors.push(invalid(
                i,
                "code",
                format!("{} is derived from its inputs, never typed in", v.code),
            )),
            Some(indicator) => {
                if let Err(e) = indicator.check_range(v.value) {
                    errors.push(invalid(i, "value", e.to_string()));
                }
            }
        }
        if !known_centres.contains(&v.centre.as_uuid()) {
            errors.push(FieldError::new(
                &["values", &i.to_string(), "centre"],
                FieldErrorCode::NotFound,
                "no such centre in this federation",
            ));
        }
        if let Err(e) = pactes_domain::calendar::indicator_year(v.year) {
            errors.push(invalid(i, "year", e.to_string()));
        }
    }
    errors
}

/// The index of the value an error is about (`values.<i>.…`), to report errors in the order of the values.
fn index_of(error: &FieldError) -> usize {
    error.field.get(1).and_then(|i| i.parse().ok()).unwrap_or(usize::MAX)
}

pub(super) async fn import_values(
    db: &Database,
    tenant: FederationId,
    actor: &Actor,
    catalogue: &[Indicator],
    values: Vec<CentreValue>,
    progress: &(dyn Fn(usize) + Sync),
) -> RepositoryResult<usize> {
    let write = db.write(RowScope::tenant(tenant)).await?;
    let written = write_values(&write, tenant, actor, catalogue, values, progress).await?;
    write.commit().await?;
    Ok(written)
}

/// The steps of [`import_values`] inside a write the caller commits (the demo data's).
pub(crate) async fn write_values(
    write: &Write,
    tenant: FederationId,
    actor: &Actor,
    catalogue: &[Indicator],
    values: Vec<CentreValue>,
    progress: &(dyn Fn(usize) + Sync),
) -> RepositoryResult<usize> {
    let centres: HashSet<Uuid> = values.iter().map(|v| v.centre.as_uuid()).collect();
    let known: HashSet<Uuid> = states::<CentreTable>(&**write, tenant, centres)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut errors = check(&values, catalogue, &known);
    let refused: HashSet<usize> = errors.iter().map(index_of).collect();
    let (closed, starting) = super::campaigns::check_values_open(&**write, tenant, &values, &refused).await?;
    errors.extend(closed);
    errors.sort_by_key(index_of);
    if !errors.is_empty() {
        return Err(RepositoryError::Invalid(ValidationErrors::from_errors(errors)));
    }
    let batch = Uuid::now_v7();
    let at = now();
    let federation_id = tenant.as_uuid();
    let mut written = 0;
    let postgres = write.get_database_backend() == DatabaseBackend::Postgres;
    for chunk in values.chunks(if postgres { ARRAY_CHUNK } else { CHUNK }) {
        if postgres {
            upsert_as_arrays(write, federation_id, batch, at, chunk).await?;
        } else {
            upsert_rows(write, federation_id, batch, at, chunk).await?;
        }
        written += chunk.len();
        progress(written);
    }
    super::campaigns::put_submissions(&**write, tenant, &starting).await?;
    let mut years: Vec<i32> = values
        .iter()
        .map(|v| v.year)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    years.sort_unstable();
    let summary = |field: &str, after: String| FieldChange {
        field: field.to_owned(),
        before: None,
        after: Some(after),
    };
    let changes = vec![
        summary("indicatorValues", values.len().to_string()),
        summary("centres", known.len().to_string()),
        summary("years", years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")),
        summary("batch", batch.to_string()),
    ];
    write
        .audit(&AuditEntry::describe::<FederationData>(
            Some(tenant),
            actor,
            AuditAction::Import,
            federation_id,
            changes,
            at,
        ))
        .await?;
    Ok(values.len())
}

/// A multi-row upsert of `chunk`.
async fn upsert_rows(
    write: &Write,
    federation_id: Uuid,
    batch: Uuid,
    at: chrono::DateTime<chrono::Utc>,
    chunk: &[CentreValue],
) -> RepositoryResult<()> {
    let rows = chunk.iter().map(|v| ActiveModel {
        federation_id: Set(federation_id),
        centre_id: Set(v.centre.as_uuid()),
        code: Set(v.code.as_str().to_owned()),
        year: Set(v.year),
        value: Set(v.value.hundredths()),
        source: Set("IMPORT".to_owned()),
        batch_id: Set(Some(batch)),
        entered_at: Set(at),
    });
    Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([Column::FederationId, Column::Code, Column::Year, Column::CentreId])
                .update_columns([Column::Value, Column::Source, Column::BatchId, Column::EnteredAt])
                .to_owned(),
        )
        .exec_without_returning(&**write)
        .await
        .map_err(crate::constraints::map_write_error)?;
    Ok(())
}

/// The same upsert on PostgreSQL, each column of `chunk` sent as one comma-separated text unnested into rows:
/// four parameters however many rows, and no statement text to build per row (codes, years, numbers and ids
/// hold no comma).
async fn upsert_as_arrays(
    write: &Write,
    federation_id: Uuid,
    batch: Uuid,
    at: chrono::DateTime<chrono::Utc>,
    chunk: &[CentreValue],
) -> RepositoryResult<()> {
    use std::fmt::Write as _;
    let (mut centres, mut codes, mut years, mut numbers) = (String::new(), String::new(), String::new(), String::new());
    for (i, v) in chunk.iter().enumerate() {
        if i > 0 {
            centres.push(',');
            codes.push(',');
            years.push(',');
            numbers.push(',');
        }
        let _ = write!(centres, "{}", v.centre.as_uuid());
        codes.push_str(v.code.as_str());
        let _ = write!(years, "{}", v.year);
        let _ = write!(numbers, "{}", v.value.hundredths());
    }
    let statement = Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "INSERT INTO indicator_values (federation_id, centre_id, code, year, value, source, batch_id, entered_at) \
         SELECT $1, t.centre_id, t.code, t.year, t.value, 'IMPORT', $2, $3 \
         FROM UNNEST(CAST(string_to_array($4, ',') AS uuid[]), string_to_array($5, ','), \
                     CAST(string_to_array($6, ',') AS integer[]), CAST(string_to_array($7, ',') AS bigint[])) \
              AS t(centre_id, code, year, value) \
         ON CONFLICT (federation_id, code, year, centre_id) DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source, \
         batch_id = EXCLUDED.batch_id, entered_at = EXCLUDED.entered_at",
        [
            federation_id.into(),
            batch.into(),
            at.into(),
            centres.into(),
            codes.into(),
            years.into(),
            numbers.into(),
        ],
    );
    write
        .execute_raw(statement)
        .await
        .map_err(crate::constraints::map_write_error)?;
    Ok(())
}
