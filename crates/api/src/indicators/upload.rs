//! A spreadsheet of centres' values sent as a file (a multipart request): read as the command line reads it,
//! every bad cell reported, and then nothing written; otherwise all of it in one transaction, with one `IMPORT`
//! audit entry.

use async_graphql::{Context, Object, SimpleObject, Upload};
use pactes_domain::conventions::RowError;
use pactes_domain::indicators::{IndicatorRepository, resolve_values};
use pactes_domain::{Area, Permission};

use super::spreadsheet::{at_cells, centres_by_name, read_value_cells};
use crate::context::{caller, request};
use crate::error::{ErrorCode, UserError, UserErrorCode, internal};
use crate::mutation::tenant;

/// The most bad cells reported one by one; the others are counted.
pub const REPORTED_ERRORS: usize = 100;

/// The spreadsheet's bad cells as user errors: `field` is `["file", line, column]` (line 1 is the header). The
/// first [`REPORTED_ERRORS`], then one that counts them all: a file with a bad column has as many bad cells as
/// rows, and an answer listing each grew past a hundred megabytes.
fn cell_errors(errors: Vec<RowError>) -> Vec<UserError> {
    let all = errors.len();
    let mut reported: Vec<UserError> = errors
        .into_iter()
        .take(REPORTED_ERRORS)
        .map(|e| UserError {
            field: vec!["file".to_owned(), e.line.to_string(), e.column],
            code: UserErrorCode::Validation,
            message: e.reason,
        })
        .collect();
    if all > REPORTED_ERRORS {
        reported.push(UserError {
            field: vec!["file".to_owned()],
            code: UserErrorCode::Validation,
            message: format!("{all} bad cells in all; the first {REPORTED_ERRORS} are listed"),
        });
    }
    reported
}

#[derive(SimpleObject)]
pub struct ImportIndicatorValuesPayload {
    /// Values written: all of the file's, or none.
    pub imported: u64,
    /// The bad cells, by line and column (the first hundred, then one error counting them all); nothing was
    /// written.
    pub user_errors: Vec<UserError>,
}

impl ImportIndicatorValuesPayload {
    fn refused(user_errors: Vec<UserError>) -> ImportIndicatorValuesPayload {
        ImportIndicatorValuesPayload {
            imported: 0,
            user_errors,
        }
    }
}

#[derive(SimpleObject)]
pub struct ImportIndicatorCataloguePayload {
    /// Indicators in the national core now (none written when there are user errors).
    pub imported: u64,
    pub user_errors: Vec<UserError>,
}

#[derive(Default)]
pub struct IndicatorImportMutation;

#[Object]
impl IndicatorImportMutation {
    /// Centres' values from a CSV file (UTF-8): the long format (`centre`, `indicator`, `value`, and `year` or
    /// the `year` argument) or the wide one (`centre` and one column per indicator code; an empty cell is a
    /// missing value), a centre named by its id, SIRET or exact name, into the year's open campaign. Staff
    /// only. All or nothing.
    async fn import_indicator_values(
        &self,
        ctx: &Context<'_>,
        file: Upload,
        year: Option<i32>,
    ) -> async_graphql::Result<ImportIndicatorValuesPayload> {
        let caller = caller(ctx)?;
        if !caller.can(Permission::Write(Area::Indicators)) {
            return Err(ErrorCode::Forbidden.error("your roles do not allow importing the federation's figures"));
        }
        let (tenant, actor, scope) = (tenant(caller)?, caller.actor(), *caller.scope());
        let content = file
            .value(ctx)
            .map_err(|e| ErrorCode::BadRequest.error(format!("the file could not be read: {e}")))?;
        let cells = match read_value_cells(content.into_read()) {
            Ok(cells) => cells,
            Err(errors) => return Ok(ImportIndicatorValuesPayload::refused(cell_errors(errors))),
        };
        let db = &request(ctx).db;
        let catalogue = db.catalogue(&scope).await.map_err(internal)?;
        let centres = centres_by_name(db, &scope).await.map_err(internal)?;
        let resolved = match resolve_values(&cells, year, &catalogue, &centres) {
            Ok(resolved) => resolved,
            Err(errors) => return Ok(ImportIndicatorValuesPayload::refused(cell_errors(errors))),
        };
        let values = resolved.iter().map(|r| r.value.clone()).collect();
        match db.import_values(tenant, &actor, values).await {
            Ok(written) => Ok(ImportIndicatorValuesPayload {
                imported: written as u64,
                user_errors: Vec::new(),
            }),
            Err(error) => {
                let errors = at_cells(error, &resolved).map_err(internal)?;
                Ok(ImportIndicatorValuesPayload::refused(cell_errors(errors)))
            }
        }
    }

    /// The national core catalogue from a CSV file as the network publishes it
    /// (`shared/indicators/catalogue.csv`), replacing the stored one whole: refused if it drops an indicator
    /// centres have values of, or takes a federation's own code. National administrators only.
    async fn import_indicator_catalogue(
        &self,
        ctx: &Context<'_>,
        file: Upload,
    ) -> async_graphql::Result<ImportIndicatorCataloguePayload> {
        let caller = crate::context::authorize(ctx, Permission::ManageCatalogue)?;
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut file
                .value(ctx)
                .map_err(|e| ErrorCode::BadRequest.error(format!("the file could not be read: {e}")))?
                .into_read(),
            &mut text,
        )
        .map_err(|e| ErrorCode::BadRequest.error(format!("the file is not UTF-8 text: {e}")))?;
        let refused = |messages: Vec<String>| ImportIndicatorCataloguePayload {
            imported: 0,
            user_errors: messages
                .into_iter()
                .map(|message| UserError {
                    field: vec!["file".to_owned()],
                    code: UserErrorCode::Validation,
                    message,
                })
                .collect(),
        };
        let indicators = match pactes_persistence::parse_catalogue(&text) {
            Ok(indicators) => indicators,
            Err(errors) => return Ok(refused(errors)),
        };
        match request(ctx).db.import_catalogue(&caller.actor(), indicators).await {
            Ok(written) => Ok(ImportIndicatorCataloguePayload {
                imported: written as u64,
                user_errors: Vec::new(),
            }),
            Err(pactes_domain::RepositoryError::Invalid(invalid)) => {
                Ok(refused(invalid.into_errors().into_iter().map(|e| e.message).collect()))
            }
            Err(other) => Err(internal(other)),
        }
    }
}
