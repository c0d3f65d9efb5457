//! Spreadsheets of centres' values, as the command line and the upload mutation both read them: the long
//! format (`centre`, `indicator`, `value`, optional `year`) or the wide one (`centre` and one column per
//! indicator code), each centre named by its id, SIRET or exact name, and storage's refusals put back at the
//! cell they came from.

use std::collections::HashMap;

use pactes_domain::CentreId;
use pactes_domain::RepositoryError;
use pactes_domain::Scope;
use pactes_domain::conventions::RowError;
use pactes_domain::directory::{CentreFilter, CentreOrder, CentreRepository};
use pactes_domain::indicators::{ResolvedValue, ValueCell};
use pactes_domain::page::PageRequest;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::text::fold;
use pactes_persistence::Database;

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
pub fn at_cells(error: RepositoryError, resolved: &[ResolvedValue]) -> Result<Vec<RowError>, RepositoryError> {
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

/// The scope's centres by every name a spreadsheet may give them: id (raw or global), exact name, SIRET.
pub async fn centres_by_name(db: &Database, scope: &Scope) -> RepositoryResult<HashMap<String, CentreId>> {
    let all = PageRequest::Forward {
        limit: 100_000,
        after: None,
    };
    let mut centres = HashMap::new();
    for centre in db
        .list_centres(scope, &CentreFilter::default(), CentreOrder::default(), &all)
        .await?
        .items
    {
        centres.insert(fold(&centre.id.to_string()), centre.id);
        centres.insert(fold(&crate::global_id("Centre", centre.id.as_uuid())), centre.id);
        centres.insert(fold(centre.data.name.as_str()), centre.id);
        if let Some(siret) = &centre.data.siret {
            centres.insert(fold(siret.as_str()), centre.id);
        }
    }
    Ok(centres)
}
