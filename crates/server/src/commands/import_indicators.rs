//! `pactes import indicators FILE.csv --federation <slug> [--year Y]`: a spreadsheet of centres' values, long or
//! wide, checked cell by cell, then written in one transaction (one audit entry) with a progress bar, or,
//! with every bad cell reported by line and column, not at all.

use std::collections::HashMap;

use indicatif::ProgressBar;
use pactes_domain::conventions::RowError;
use pactes_domain::directory::{CentreFilter, CentreOrder, CentreRepository, FederationRepository};
use pactes_domain::indicators::{IndicatorRepository, ResolvedValue, ValueCell, resolve_values};
use pactes_domain::page::PageRequest;
use pactes_domain::text::fold;
use pactes_domain::{Actor, RepositoryError, Scope};
use pactes_persistence::Database;

use super::CommandResult;
use super::import::{progress_style, report};
use crate::config::DatabaseArgs;

/// The cells of a values CSV, long format (`centre`, `indicator`, `value`, optional `year`) or wide (`centre`
/// and one column per indicator code, optional `year`).
pub fn read_value_cells(input: impl std::io::Read) -> Result<Vec<ValueCell>, Vec<RowError>> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(input);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| vec![RowError::new(1, "header", e.to_string())])?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_owned())
        .collect();
    let position = |name: &str| headers.iter().position(|h| h == name);
    let Some(centre) = position("centre") else {
        return Err(vec![RowError::new(1, "centre", "missing column")]);
    };
    let year = position("year");
    let long = position("indicator").zip(position("value"));
    let mut cells = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                errors.push(RowError::new(line, "row", e.to_string()));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let get = |i: usize| record.get(i).unwrap_or("").to_owned();
        let year = year.map(get);
        match long {
            Some((indicator, value)) => cells.push(ValueCell {
                line,
                centre: get(centre),
                indicator: get(indicator),
                year,
                value: get(value),
                column: "value".to_owned(),
            }),
            None => {
                for (i, header) in headers.iter().enumerate() {
                    if i == centre || Some(i) == position("year") || get(i).is_empty() {
                        continue;
                    }
                    cells.push(ValueCell {
                        line,
                        centre: get(centre),
                        indicator: header.clone(),
                        year: year.clone(),
                        value: get(i),
                        column: header.clone(),
                    });
                }
            }
        }
    }
    if errors.is_empty() { Ok(cells) } else { Err(errors) }
}

/// Storage's refusals (`values.<i>.<field>`), at the cell of the i-th value.
fn at_cells(error: RepositoryError, resolved: &[ResolvedValue]) -> Result<Vec<RowError>, RepositoryError> {
    let RepositoryError::Invalid(invalid) = error else {
        return Err(error);
    };
    Ok(invalid
        .into_errors()
        .into_iter()
        .map(|e| {
            let index = e.field.get(1).and_then(|i| i.parse::<usize>().ok());
            let cell = index.and_then(|i| resolved.get(i));
            let column = match (e.field.get(2).map(String::as_str), cell) {
                (Some("year"), _) => "year".to_owned(),
                (Some("centre"), _) => "centre".to_owned(),
                (_, Some(cell)) => cell.column.clone(),
                _ => "row".to_owned(),
            };
            RowError::new(cell.map_or(0, |c| c.line), &column, e.message)
        })
        .collect())
}

pub(super) async fn indicators(
    file: std::path::PathBuf,
    federation: String,
    year: Option<i32>,
    database: &DatabaseArgs,
) -> CommandResult {
    let opened = std::fs::File::open(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let cells = read_value_cells(std::io::BufReader::new(opened)).map_err(|errors| report(&errors))?;
    let db = Database::connect(&database.settings()).await?;
    db.migrate().await?;
    let tenant = db
        .federation_by_slug_public(&federation)
        .await?
        .ok_or_else(|| format!("no federation {federation:?}"))?
        .id;
    let scope = Scope::Federation(tenant);
    let catalogue = db.catalogue(&scope).await?;
    let all = PageRequest::Forward {
        limit: 100_000,
        after: None,
    };
    let mut centres = HashMap::new();
    for centre in db
        .list_centres(&scope, &CentreFilter::default(), CentreOrder::default(), &all)
        .await?
        .items
    {
        centres.insert(fold(&centre.id.to_string()), centre.id);
        centres.insert(fold(&pactes_api::global_id("Centre", centre.id.as_uuid())), centre.id);
        centres.insert(fold(centre.data.name.as_str()), centre.id);
        if let Some(siret) = &centre.data.siret {
            centres.insert(fold(siret.as_str()), centre.id);
        }
    }
    let resolved = resolve_values(&cells, year, &catalogue, &centres).map_err(|errors| report(&errors))?;
    let bar = ProgressBar::new(resolved.len() as u64);
    bar.set_style(progress_style());
    bar.set_message("values");
    let values = resolved.iter().map(|r| r.value.clone()).collect();
    let started = std::time::Instant::now();
    let outcome = db
        .import_values_reporting(tenant, &Actor::system("import"), values, &|written| {
            bar.set_position(written as u64)
        })
        .await;
    bar.finish_and_clear();
    match outcome {
        Ok(written) => {
            let seconds = started.elapsed().as_secs_f64().max(1e-9);
            println!(
                "{written} values imported in {:.2} s ({:.0} values per second)",
                seconds,
                written as f64 / seconds
            );
            Ok(())
        }
        Err(error) => Err(report(&at_cells(error, &resolved)?).into()),
    }
}
