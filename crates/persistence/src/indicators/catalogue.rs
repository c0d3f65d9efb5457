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
