//! `pactes import indicators FILE.csv --federation <slug> [--year Y]`: a spreadsheet of centres' values, long or
//! wide, checked cell by cell, then written in one transaction (one audit entry) with a progress bar, or,
//! with every bad cell reported by line and column, not at all. `pactes import catalogue FILE.csv`: the
//! national core catalogue.

use indicatif::ProgressBar;
use pactes_api::spreadsheet::{at_cells, centres_by_name, read_value_cells};
use pactes_domain::directory::FederationRepository;
use pactes_domain::indicators::{IndicatorRepository, resolve_values};
use pactes_domain::{Actor, Scope};
use pactes_persistence::Database;

use super::CommandResult;
use super::report::{progress_style, report};
use crate::config::DatabaseArgs;

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
    let centres = centres_by_name(&db, &scope).await?;
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

pub(super) async fn catalogue(file: std::path::PathBuf, database: &DatabaseArgs) -> CommandResult {
    let text = if file.as_os_str() == "-" {
        pactes_persistence::NATIONAL_CATALOGUE.to_owned()
    } else {
        std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?
    };
    let indicators = pactes_persistence::parse_catalogue(&text).map_err(|errors| errors.join("\n"))?;
    let db = Database::connect(&database.settings()).await?;
    db.migrate().await?;
    match db.import_catalogue(&Actor::system("import"), indicators).await {
        Ok(written) => {
            println!("{written} indicators in the national catalogue");
            Ok(())
        }
        Err(pactes_domain::RepositoryError::Invalid(invalid)) => Err(invalid
            .into_errors()
            .into_iter()
            .map(|e| e.message)
            .collect::<Vec<_>>()
            .join("\n")
            .into()),
        Err(other) => Err(other.into()),
    }
}
