//! Spreadsheets of centres' values, as the command line and the upload mutation both read them: the long
//! format (`centre`, `indicator`, `value`, optional `year`) or the wide one (`centre` and one column per
//! indicator code), each centre named by its id, SIRET or exact name, and storage's refusals put back at the
//! cell they came from. A spreadsheet saved as CSV by a French Excel or LibreOffice separates its cells with
//! `;` and writes `1 800 000,50`: such a file (its header holds more `;` than `,`) is read with its numbers in
//! the decimal point form the values are parsed in.

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

/// The most cells a values spreadsheet may hold: a federation's year is some 200 centres × 60 indicators
/// (12,000; the Nord, the largest, 213 centres). Past it the file is refused before more is read, so what an
/// import holds in memory is bounded by this and [`MAX_CELL_BYTES`], not by the upload's bytes.
pub const MAX_CELLS: usize = 50_000;
/// The most columns: the catalogue's indicators, a federation's own, `centre` and `year`, with room to spare.
pub const MAX_COLUMNS: usize = 400;
/// The longest cell, header included: a centre's name, id or SIRET, an indicator's code, a value. A wide file
/// repeats a row's centre in each of its cells, so a long one would be held hundreds of times over.
pub const MAX_CELL_BYTES: usize = 200;

/// The cells of a values CSV, long format (`centre`, `indicator`, `value`, optional `year`) or wide (`centre`
/// and one column per indicator code, optional `year`), read as a stream: at most [`MAX_COLUMNS`] columns and
/// [`MAX_CELLS`] cells.
pub fn read_value_cells(input: impl std::io::Read) -> Result<Vec<ValueCell>, Vec<RowError>> {
    use std::io::{BufRead, Read};
    let mut input = std::io::BufReader::new(input);
    // The header line tells the separator; it is read first, then given back to the reader in front of the rest.
    let mut header = Vec::new();
    (&mut input)
        .take(64 * 1024)
        .read_until(b'\n', &mut header)
        .map_err(|e| vec![RowError::new(0, "file", e.to_string())])?;
    let count = |c: u8| header.iter().filter(|b| **b == c).count();
    let french = count(b';') > count(b',');
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .delimiter(if french { b';' } else { b',' })
        .from_reader(header.as_slice().chain(input));
    let number = |raw: String| if french { decimal_point(&raw) } else { raw };
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| vec![RowError::new(1, "header", e.to_string())])?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_owned())
        .collect();
    if let Some(long) = headers.iter().find(|h| h.len() > MAX_CELL_BYTES) {
        return Err(vec![RowError::new(
            1,
            "header",
            format!(
                "a column's name is at most {MAX_CELL_BYTES} bytes: {:?}…",
                truncated(long)
            ),
        )]);
    }
    if headers.len() > MAX_COLUMNS {
        return Err(vec![RowError::new(
            1,
            "header",
            format!(
                "{} columns: a spreadsheet of values has at most {MAX_COLUMNS}",
                headers.len()
            ),
        )]);
    }
    let position = |name: &str| headers.iter().position(|h| h == name);
    let Some(centre) = position("centre") else {
        return Err(vec![RowError::new(1, "centre", "missing column")]);
    };
    let year = position("year");
    let long = position("indicator").zip(position("value"));
    let mut cells = Vec::new();
    let mut errors = Vec::new();
    let mut buffer = csv::StringRecord::new();
    loop {
        let record = match reader.read_record(&mut buffer) {
            Ok(true) => Ok(&buffer),
            Ok(false) => break,
            Err(e) => Err(e),
        };
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                errors.push(RowError::new(line, "row", e.to_string()));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if cells.len() + record.len() > MAX_CELLS || errors.len() >= MAX_CELLS {
            return Err(vec![RowError::new(
                line,
                "file",
                format!("more than {MAX_CELLS} cells: split the file (by territory, say)"),
            )]);
        }
        if let Some(i) = record.iter().position(|cell| cell.len() > MAX_CELL_BYTES) {
            let column = headers.get(i).map_or("row", String::as_str);
            return Err(vec![RowError::new(
                line,
                column,
                format!("a cell is at most {MAX_CELL_BYTES} bytes: {:?}…", truncated(&record[i])),
            )]);
        }
        let get = |i: usize| pactes_domain::cells::restore(record.get(i).unwrap_or("")).to_owned();
        let year = year.map(get);
        match long {
            Some((indicator, value)) => cells.push(ValueCell {
                line,
                centre: get(centre),
                indicator: get(indicator),
                year,
                value: number(get(value)),
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
                        value: number(get(i)),
                        column: header.clone(),
                    });
                }
            }
        }
    }
    if errors.is_empty() { Ok(cells) } else { Err(errors) }
}

/// The start of a text too long to repeat whole in an error.
fn truncated(text: &str) -> &str {
    let end = (0..=32.min(text.len()))
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    &text[..end]
}

/// A number written the French way (`1 800 000,50`, its thousands apart by a space, a no-break space or a
/// narrow one) in the decimal point form (`1800000.50`).
pub(crate) fn decimal_point(raw: &str) -> String {
    raw.chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn values(csv: &str) -> Vec<(String, String, String)> {
        read_value_cells(csv.as_bytes())
            .unwrap()
            .into_iter()
            .map(|c| (c.centre, c.indicator, c.value))
            .collect()
    }

    #[test]
    fn a_french_spreadsheet_is_read_with_its_semicolons_and_decimal_commas() {
        let french = "\u{feff}centre;HR_FTE;FIN_INC;TER_QPV\n\
                      Centre social Jean Ferrat;12,5;1 800 000,50;oui\n\
                      \"EVS du Marais; Douai\";3;245\u{a0}000;\n";
        assert_eq!(
            values(french),
            [
                ("Centre social Jean Ferrat", "HR_FTE", "12.5"),
                ("Centre social Jean Ferrat", "FIN_INC", "1800000.50"),
                ("Centre social Jean Ferrat", "TER_QPV", "oui"),
                ("EVS du Marais; Douai", "HR_FTE", "3"),
                ("EVS du Marais; Douai", "FIN_INC", "245000"),
            ]
            .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
        );
        // A comma-separated file keeps its cells as written: a decimal comma there is the user's to fix.
        let english = "centre,indicator,value\nCentre social Jean Ferrat,HR_FTE,\"12,5\"\n";
        assert_eq!(values(english)[0].2, "12,5");
    }
}
