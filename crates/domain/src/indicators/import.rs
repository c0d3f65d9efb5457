//! A spreadsheet of centres' values, in long format (one row per centre, indicator and year) or wide (one row
//! per centre, one column per indicator code), as cells: each resolved against the catalogue and the
//! federation's centres (by id, SIRET or exact name), every bad cell reported by line and column.

use std::collections::HashMap;

use crate::conventions::RowError;
use crate::ids::CentreId;
use crate::text::fold;

use super::catalogue::{Indicator, IndicatorCode, IndicatorKind};
use super::quantity::Quantity;
use super::repository::CentreValue;

/// One value as the file gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValueCell {
    pub line: usize,
    pub centre: String,
    pub indicator: String,
    /// `None` in a file without a year column: the import's year.
    pub year: Option<String>,
    pub value: String,
    /// The file's column the value is in (`value` in long format, the code in wide).
    pub column: String,
}

/// A resolved value and where it came from, to report what storage refuses at its cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedValue {
    pub line: usize,
    pub column: String,
    pub value: CentreValue,
}

/// The values of `cells`, or every bad cell. `centres` maps a folded id, SIRET or name to its centre.
pub fn resolve_values(
    cells: &[ValueCell],
    default_year: Option<i32>,
    catalogue: &[Indicator],
    centres: &HashMap<String, CentreId>,
) -> Result<Vec<ResolvedValue>, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut resolved = Vec::with_capacity(cells.len());
    let mut last_line = None;
    let mut bad_columns = std::collections::HashSet::new();
    for cell in cells {
        let centre = centres.get(&fold(cell.centre.trim()));
        // A wide row repeats its centre in every cell, and a wide column its indicator in every row: each is
        // reported once (a file with one bad column would otherwise report as many errors as it has rows).
        let new_line = last_line.replace(cell.line) != Some(cell.line);
        if centre.is_none() && new_line {
            errors.push(RowError::new(
                cell.line,
                "centre",
                format!(
                    "{:?} is not a centre of this federation (an id, a SIRET or its exact name)",
                    cell.centre
                ),
            ));
        }
        let indicator = IndicatorCode::parse(&cell.indicator)
            .ok()
            .and_then(|code| catalogue.iter().find(|i| i.code == code));
        let indicator_column = if cell.column == "value" {
            "indicator"
        } else {
            cell.column.as_str()
        };
        let wide_column = cell.column != "value";
        let first_of_column = !wide_column || bad_columns.insert(cell.column.as_str());
        match indicator {
            _ if !first_of_column => {}
            None => errors.push(RowError::new(
                cell.line,
                indicator_column,
                format!("{:?} is not in the catalogue", cell.indicator),
            )),
            Some(i) if i.kind == IndicatorKind::Derived => errors.push(RowError::new(
                cell.line,
                indicator_column,
                format!("{} is derived from its inputs, never imported", i.code),
            )),
            Some(_) => {}
        }
        let year = match (&cell.year, default_year) {
            (Some(text), _) if !text.trim().is_empty() => match text.trim().parse::<i32>() {
                Ok(year) => Some(year),
                Err(_) => {
                    if new_line {
                        errors.push(RowError::new(cell.line, "year", format!("{text:?} is not a year")));
                    }
                    None
                }
            },
            (_, Some(year)) => Some(year),
            (_, None) => {
                if new_line {
                    errors.push(RowError::new(
                        cell.line,
                        "year",
                        "no year: add a year column or give --year",
                    ));
                }
                None
            }
        };
        let (Some(centre), Some(indicator), Some(year)) = (centre, indicator, year) else {
            continue;
        };
        if indicator.kind == IndicatorKind::Derived {
            continue;
        }
        match Quantity::parse(&cell.value, indicator.unit).and_then(|v| indicator.check_range(v).map(|()| v)) {
            Ok(value) => resolved.push(ResolvedValue {
                line: cell.line,
                column: cell.column.clone(),
                value: CentreValue {
                    centre: *centre,
                    code: indicator.code.clone(),
                    year,
                    value,
                },
            }),
            Err(e) => errors.push(RowError::new(cell.line, &cell.column, e.to_string())),
        }
    }
    if errors.is_empty() {
        Ok(resolved)
    } else {
        // A wide row repeats its centre in every cell: its error is reported once.
        errors.dedup();
        Err(errors)
    }
}
