//! `GET /export/funding.csv`: a federation's funding lines for a spreadsheet — each line's convention, funder,
//! beneficiary, year, nature, committed, paid and outstanding amounts — filtered as `fundingTotals` is
//! (`year`, `funderId`, `beneficiaryId`, `nature`, `kind`, `includeUnsigned`), for the same bearer token and
//! scope as the API (a partner's token: the conventions its partner is party to). UTF-8, a header row, amounts
//! with a dot and two decimals, never a float.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use pactes_domain::conventions::{ConventionKind, ConventionRepository, FundingFilter, FundingLineRow, FundingNature};
use pactes_domain::{Area, Permission};
use serde::Deserialize;

use super::bearer::{authorized, refused};
use super::csv_file::csv_response;
use crate::state::AppState;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportQuery {
    year: Option<i32>,
    funder_id: Option<String>,
    beneficiary_id: Option<String>,
    nature: Option<String>,
    kind: Option<String>,
    #[serde(default)]
    include_unsigned: bool,
}

/// The header row, in the order of [`row`].
const HEADER: [&str; 10] = [
    "reference",
    "kind",
    "convention",
    "funder",
    "beneficiary",
    "year",
    "nature",
    "committed",
    "paid",
    "outstanding",
];

fn row(line: &FundingLineRow) -> [String; 10] {
    let outstanding = line.committed.checked_sub(line.paid).unwrap_or(line.committed);
    [
        line.reference.clone(),
        line.kind.code().to_owned(),
        line.convention_title.clone(),
        line.funder.clone(),
        line.beneficiary.clone(),
        line.year.to_string(),
        line.nature.code().to_owned(),
        line.committed.to_string(),
        line.paid.to_string(),
        outstanding.to_string(),
    ]
}

/// The filter a query string asks for, or what is wrong with it.
fn filter(query: ExportQuery) -> Result<FundingFilter, String> {
    let party = |raw: Option<String>, name: &str| -> Result<_, String> {
        raw.map(|id| {
            pactes_api::claim_party(&id).ok_or(format!("{name}: {id} is not a centre, partner or federation id"))
        })
        .transpose()
    };
    let mut filter = FundingFilter {
        funder: party(query.funder_id, "funderId")?,
        beneficiary: party(query.beneficiary_id, "beneficiaryId")?,
        year: query.year,
        nature: query
            .nature
            .map(|n| FundingNature::from_code(&n).ok_or(format!("nature: {n} is not a funding nature")))
            .transpose()?,
        include_unsigned: query.include_unsigned,
        ..Default::default()
    };
    filter.conventions.kind = query
        .kind
        .map(|k| ConventionKind::from_code(&k).ok_or(format!("kind: {k} is not a convention kind")))
        .transpose()?;
    Ok(filter)
}

pub async fn export(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let caller = match authorized(&req, &state, Permission::Read(Area::Conventions), "reading conventions").await {
        Ok(caller) => caller,
        Err(refusal) => return refusal,
    };
    let query = match web::Query::<ExportQuery>::from_query(req.query_string()) {
        Ok(query) => query.into_inner(),
        Err(error) => return refused(StatusCode::BAD_REQUEST, &error.to_string()),
    };
    let filter = match filter(query) {
        Ok(filter) => filter,
        Err(message) => return refused(StatusCode::BAD_REQUEST, &message),
    };
    let today = chrono::Utc::now().date_naive();
    let lines = match state.db.funding_lines(caller.scope(), &filter, today).await {
        Ok(lines) => lines,
        Err(error) => {
            tracing::error!(%error, "cannot read funding lines for an export");
            return refused(
                StatusCode::SERVICE_UNAVAILABLE,
                "cannot read the funding lines right now; retry",
            );
        }
    };
    csv_response("funding.csv", &HEADER, lines.iter().map(row))
}
