//! The national catalogue: read as the network publishes it (`shared/indicators/catalogue.csv`, a copy of which
//! ships in the binary for the demo), checked as a whole, and stored.

use pactes_domain::indicators::{Indicator, IndicatorCode, IndicatorDraft, Quantity, validate_catalogue};
use pactes_domain::text::Label;

use super::entity::catalogue::{ActiveModel, Model};
use crate::error::{corrupt, decode_code};
use pactes_domain::repository::RepositoryResult;
use sea_orm::Set;

/// The reference catalogue of the national network, as this build ships it.
pub const NATIONAL_CATALOGUE: &str = include_str!("catalogue.csv");

/// The indicators of a catalogue CSV (columns as `shared/indicators/README.md` defines them), every bad line
/// and every inconsistency of the whole reported.
pub fn parse_catalogue(text: &str) -> Result<Vec<Indicator>, Vec<String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut indicators = Vec::new();
    let mut errors = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(format!("line {line}: {e}"));
                continue;
            }
        };
        let get = |i: usize| record.get(i).unwrap_or("").trim().to_owned();
        let optional = |i: usize| Some(get(i)).filter(|v| !v.is_empty());
        let draft = IndicatorDraft {
            code: get(0),
            label_fr: get(1),
            label_en: get(2),
            category: get(3),
            unit: get(4),
            kind: get(5),
            rule: get(6),
            inputs: get(7)
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            min: optional(8),
            max: optional(9),
            core: get(10).eq_ignore_ascii_case("true"),
        };
        match draft.validate() {
            Ok(indicator) => indicators.push(indicator),
            Err(invalid) => {
                for e in invalid.errors() {
                    errors.push(format!("line {line}, column {}: {}", e.field.join("."), e.message));
                }
            }
        }
    }
    if errors.is_empty() {
        validate_catalogue(&indicators)?;
        Ok(indicators)
    } else {
        Err(errors)
    }
}

pub(super) fn to_row(position: usize, i: &Indicator) -> ActiveModel {
    ActiveModel {
        code: Set(i.code.as_str().to_owned()),
        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
        label_fr: Set(i.label_fr.as_str().to_owned()),
        label_en: Set(i.label_en.as_str().to_owned()),
        category: Set(i.category.code().to_owned()),
        unit: Set(i.unit.code().to_owned()),
        kind: Set(i.kind.code().to_owned()),
        rule: Set(i.rule.code().to_owned()),
        inputs: Set(i.inputs.iter().map(IndicatorCode::as_str).collect::<Vec<_>>().join(";")),
        min_value: Set(i.min.map(Quantity::hundredths)),
        max_value: Set(i.max.map(Quantity::hundredths)),
        core: Set(i.core),
    }
}

pub(super) fn from_row(row: Model) -> RepositoryResult<Indicator> {
    let label = |text: String| {
        use pactes_domain::FromStored;
        Label::from_stored(text)
    };
    if IndicatorCode::parse(&row.code).is_err() {
        return Err(corrupt(format!("indicators.code: {:?}", row.code)));
    }
    Ok(Indicator {
        code: IndicatorCode::from_stored(row.code),
        label_fr: label(row.label_fr),
        label_en: label(row.label_en),
        category: decode_code("indicators.category", &row.category)?,
        unit: decode_code("indicators.unit", &row.unit)?,
        kind: decode_code("indicators.kind", &row.kind)?,
        rule: decode_code("indicators.rule", &row.rule)?,
        inputs: row
            .inputs
            .split(';')
            .filter(|s| !s.is_empty())
            .map(|s| IndicatorCode::from_stored(s.to_owned()))
            .collect(),
        min: row.min_value.map(Quantity::from_hundredths),
        max: row.max_value.map(Quantity::from_hundredths),
        core: row.core,
    })
}

/// Replaces the stored national catalogue with `indicators`, inside the caller's write.
pub(crate) async fn replace_in(write: &crate::write::Write, indicators: &[Indicator]) -> RepositoryResult<usize> {
    use super::entity::catalogue::Entity;
    use sea_orm::EntityTrait;
    Entity::delete_many()
        .exec(&**write)
        .await
        .map_err(crate::error::storage)?;
    let rows = indicators.iter().enumerate().map(|(i, indicator)| to_row(i, indicator));
    Entity::insert_many(rows)
        .exec_without_returning(&**write)
        .await
        .map_err(crate::error::storage)?;
    Ok(indicators.len())
}

/// A new indicator of the tenant's own: a code no indicator it reads has, and a catalogue still whole with it
/// (a derived indicator's inputs among the indicators it reads). Written with an audit entry on the federation.
pub(super) async fn create_own(
    db: &crate::database::Database,
    tenant: pactes_domain::FederationId,
    actor: &pactes_domain::Actor,
    indicator: Indicator,
) -> RepositoryResult<Indicator> {
    use pactes_domain::audit::{AuditAction, AuditEntry, FieldChange};
    use pactes_domain::directory::FederationData;
    use pactes_domain::indicators::IndicatorRepository;
    use pactes_domain::{FieldError, FieldErrorCode, RepositoryError, Scope, ValidationErrors};
    use sea_orm::EntityTrait;

    use super::entity::own;

    let indicator = Indicator {
        core: false,
        ..indicator
    };
    let mut catalogue = db.catalogue(&Scope::Federation(tenant)).await?;
    let refuse = |field: &str, code: FieldErrorCode, message: String| {
        RepositoryError::Invalid(ValidationErrors::from_errors(vec![FieldError::new(
            &[field],
            code,
            message,
        )]))
    };
    if catalogue.iter().any(|i| i.code == indicator.code) {
        let message = format!("{} is already an indicator of the catalogue", indicator.code);
        return Err(refuse("code", FieldErrorCode::AlreadyExists, message));
    }
    let position = catalogue.iter().filter(|i| !i.core).count();
    catalogue.push(indicator.clone());
    if let Err(errors) = validate_catalogue(&catalogue) {
        return Err(refuse("inputs", FieldErrorCode::Invalid, errors.join("; ")));
    }
    let at = pactes_domain::record::now();
    let row = to_row(position, &indicator);
    let write = db.write(crate::row_security::RowScope::tenant(tenant)).await?;
    own::Entity::insert(own::ActiveModel {
        federation_id: Set(tenant.as_uuid()),
        code: row.code,
        position: row.position,
        label_fr: row.label_fr,
        label_en: row.label_en,
        category: row.category,
        unit: row.unit,
        kind: row.kind,
        rule: row.rule,
        inputs: row.inputs,
        min_value: row.min_value,
        max_value: row.max_value,
        created_at: Set(at),
    })
    .exec_without_returning(&*write)
    .await
    .map_err(crate::constraints::map_write_error)?;
    let change = FieldChange {
        field: "indicators".to_owned(),
        before: None,
        after: Some(format!("{} ({})", indicator.code, indicator.label_fr.as_str())),
    };
    write
        .audit(&AuditEntry::describe::<FederationData>(
            Some(tenant),
            actor,
            AuditAction::Update,
            tenant.as_uuid(),
            vec![change],
            at,
        ))
        .await?;
    write.commit().await?;
    Ok(indicator)
}

/// Replaces the national core with `indicators`, checked as a whole, unless it would drop an indicator some
/// federation has values of, or take a code a federation uses for one of its own: one audit entry.
pub(super) async fn import_core(
    db: &crate::database::Database,
    actor: &pactes_domain::Actor,
    indicators: Vec<Indicator>,
) -> RepositoryResult<usize> {
    use pactes_domain::audit::{AuditAction, AuditEntry, FieldChange};
    use pactes_domain::directory::FederationData;
    use pactes_domain::{FieldError, FieldErrorCode, RepositoryError, ValidationErrors};
    use sea_orm::{ConnectionTrait, Statement};

    let refuse = |errors: Vec<String>| {
        let errors = errors
            .into_iter()
            .map(|e| FieldError::new(&["indicators"], FieldErrorCode::Invalid, e))
            .collect();
        RepositoryError::Invalid(ValidationErrors::from_errors(errors))
    };
    validate_catalogue(&indicators).map_err(refuse)?;
    let write = db.write(crate::row_security::RowScope::All).await?;
    let codes: Vec<String> = indicators.iter().map(|i| i.code.as_str().to_owned()).collect();
    let mut sql = crate::sql::Sql::new(write.get_database_backend());
    let (kept, taken) = (sql.list(&codes), sql.list(&codes));
    sql.text = format!(
        "SELECT DISTINCT v.code FROM indicator_values v WHERE v.code NOT IN ({kept}) AND NOT EXISTS \
         (SELECT 1 FROM federation_indicators f WHERE f.federation_id = v.federation_id AND f.code = v.code) \
         UNION SELECT DISTINCT f.code FROM federation_indicators f WHERE f.code IN ({taken})"
    );
    let clashes = write
        .query_all_raw(Statement::from_sql_and_values(sql.backend, sql.text, sql.values))
        .await
        .map_err(crate::error::storage)?;
    if !clashes.is_empty() {
        let mut errors = Vec::new();
        for row in clashes {
            let code: String = row.try_get_by_index(0).map_err(crate::error::storage)?;
            errors.push(if indicators.iter().any(|i| i.code.as_str() == code) {
                format!("{code} is a federation's own indicator")
            } else {
                format!("{code} has centres' values: it stays in the catalogue")
            });
        }
        return Err(refuse(errors));
    }
    let written = replace_in(&write, &indicators).await?;
    let change = FieldChange {
        field: "catalogue".to_owned(),
        before: None,
        after: Some(format!("{written} indicators")),
    };
    // National reference data: the entry belongs to no federation and names no object.
    let at = pactes_domain::record::now();
    write
        .audit(&AuditEntry::describe::<FederationData>(
            None,
            actor,
            AuditAction::Import,
            uuid::Uuid::nil(),
            vec![change],
            at,
        ))
        .await?;
    write.commit().await?;
    Ok(written)
}
