//! `GET /export/indicators.csv`: the federation's centres' values for a spreadsheet — one row per centre,
//! indicator and year (`centre_id`, `centre`, `indicator`, `year`, `value` in the indicator's unit) — filtered by
//! `year` and `codes` (comma-separated), for the same bearer token and scope as the API. Centre-level values are
//! the federation's: a partner's token reads published aggregates, not these (403).

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use pactes_domain::directory::{CentreFilter, CentreOrder, CentreRepository};
use pactes_domain::indicators::{IndicatorCode, IndicatorRepository};
use pactes_domain::page::PageRequest;
use pactes_domain::{Area, Permission};
use serde::Deserialize;

use super::bearer::{authorized, refused};
use super::csv_file::csv_response;
use crate::state::AppState;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    year: Option<i32>,
    codes: Option<String>,
}

pub async fn export(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let caller = match authorized(&req, &state, Permission::Read(Area::Indicators), "reading indicators").await {
        Ok(caller) => caller,
        Err(refusal) => return refusal,
    };
    if caller.scope().partner().is_some() {
        return refused(
            StatusCode::FORBIDDEN,
            "centres' values are the federation's; a partner reads published aggregates",
        );
    }
    let query = match web::Query::<ExportQuery>::from_query(req.query_string()) {
        Ok(query) => query.into_inner(),
        Err(error) => return refused(StatusCode::BAD_REQUEST, &error.to_string()),
    };
    let codes = match query
        .codes
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(IndicatorCode::parse)
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(codes) => codes,
        Err(message) => return refused(StatusCode::BAD_REQUEST, &message),
    };
    let scope = *caller.scope();
    let years: Vec<i32> = query.year.into_iter().collect();
    let every_centre = CentreFilter::default();
    let all = PageRequest::Forward {
        limit: 100_000,
        after: None,
    };
    let (values, catalogue, centres) = match futures_util::try_join!(
        state.db.centre_values(&scope, &codes, &years),
        state.db.catalogue(&scope),
        state
            .db
            .list_centres(&scope, &every_centre, CentreOrder::default(), &all),
    ) {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(%error, "cannot read indicator values for an export");
            return refused(
                StatusCode::SERVICE_UNAVAILABLE,
                "cannot read the values right now; retry",
            );
        }
    };
    let names: HashMap<_, _> = centres
        .items
        .iter()
        .map(|c| (c.id, c.data.name.as_str().to_owned()))
        .collect();
    let rows = values.iter().map(|v| {
        let unit = catalogue.iter().find(|i| i.code == v.code).map(|i| i.unit);
        [
            pactes_api::global_id("Centre", v.centre.as_uuid()),
            names.get(&v.centre).cloned().unwrap_or_default(),
            v.code.as_str().to_owned(),
            v.year.to_string(),
            unit.map_or_else(|| v.value.to_string(), |u| v.value.display(u)),
        ]
    });
    csv_response(
        "indicators.csv",
        &["centre_id", "centre", "indicator", "year", "value"],
        rows,
    )
}
