//! `pactes import payments FILE.csv --federation <slug>`: a spreadsheet of payments checked row by row, then
//! written all at once or not at all, with a progress bar on the terminal and a report of every bad row.

use std::collections::HashMap;
use std::io::Read;

use indicatif::ProgressBar;
use pactes_domain::Actor;
use pactes_domain::conventions::{ConventionRepository, PaymentRow, RowError};
use pactes_domain::directory::FederationRepository;
use pactes_persistence::Database;

use super::CommandResult;
use super::report::{progress_style, report};
use crate::config::{ImportArgs, ImportWhat};

const REQUIRED: [&str; 5] = ["reference", "funder", "year", "paid_on", "amount"];
const OPTIONAL: [&str; 5] = ["beneficiary", "nature", "payment_reference", "idempotency_key", "note"];

/// The rows of a payments CSV, or what is wrong with its shape (an unknown or missing column, a row that is not
/// CSV) at its line.
pub fn read_payment_rows(input: impl Read) -> Result<Vec<PaymentRow>, Vec<RowError>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| vec![RowError::new(1, "header", e.to_string())])?
        .clone();
    let mut columns: HashMap<&str, usize> = HashMap::new();
    let mut errors = Vec::new();
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim_start_matches('\u{feff}');
        match REQUIRED.iter().chain(&OPTIONAL).find(|c| **c == name) {
            Some(known) => {
                columns.insert(known, i);
            }
            None => errors.push(RowError::new(1, name, "unknown column")),
        }
    }
    for required in REQUIRED {
        if !columns.contains_key(required) {
            errors.push(RowError::new(1, required, "missing column"));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(n + 2, |p| p.line() as usize);
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(RowError::new(line, "row", e.to_string()));
                continue;
            }
        };
        let get = |name: &str| {
            columns
                .get(name)
                .and_then(|i| record.get(*i))
                .map(|cell| pactes_domain::cells::restore(cell).to_owned())
        };
        let optional = |name: &str| get(name).filter(|v| !v.is_empty());
        rows.push(PaymentRow {
            line,
            reference: get("reference").unwrap_or_default(),
            funder: get("funder").unwrap_or_default(),
            beneficiary: optional("beneficiary"),
            nature: optional("nature"),
            year: get("year").unwrap_or_default(),
            paid_on: get("paid_on").unwrap_or_default(),
            amount: get("amount").unwrap_or_default(),
            payment_reference: optional("payment_reference"),
            idempotency_key: optional("idempotency_key"),
        });
    }
    if errors.is_empty() { Ok(rows) } else { Err(errors) }
}

pub async fn import(args: ImportArgs) -> CommandResult {
    match args.what {
        ImportWhat::Payments { file, federation } => payments(file, federation, &args.database).await,
        ImportWhat::Indicators { file, federation, year } => {
            super::import_indicators::indicators(file, federation, year, &args.database).await
        }
        ImportWhat::Catalogue { file } => super::import_indicators::catalogue(file, &args.database).await,
    }
}

async fn payments(
    file: std::path::PathBuf,
    federation: String,
    database: &crate::config::DatabaseArgs,
) -> CommandResult {
    let opened = std::fs::File::open(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let rows = read_payment_rows(std::io::BufReader::new(opened)).map_err(|errors| report(&errors))?;
    let db = Database::connect(&database.settings()).await?;
    db.migrate().await?;
    let tenant = db
        .federation_by_slug_public(&federation)
        .await?
        .ok_or_else(|| format!("no federation {federation:?}"))?;
    let bar = ProgressBar::new(rows.len() as u64);
    bar.set_style(progress_style());
    bar.set_message("payments");
    let actor = Actor::system("import");
    let outcome = db
        .import_payments(tenant.id, &actor, rows, &|written| bar.set_position(written as u64))
        .await?;
    bar.finish_and_clear();
    match outcome {
        Err(errors) => Err(report(&errors).into()),
        Ok(done) => {
            println!(
                "{} rows: {} payments recorded, {} already recorded (counted once), in {} conventions",
                done.rows, done.recorded, done.already_recorded, done.conventions
            );
            Ok(())
        }
    }
}
