//! A spreadsheet as an HTTP response: rows written with the `csv` crate (RFC 4180 quoting), UTF-8, never cached,
//! offered as a download named after the export. Every export goes through here, so every cell is neutralised
//! here (`pactes_domain::cells`): none starts a formula.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION};

use super::bearer::refused;

/// The CSV of `header` and `rows` as a download named `filename`.
pub(crate) fn csv_response<R, I>(filename: &str, header: &[&str], rows: R) -> HttpResponse
where
    R: IntoIterator<Item = I>,
    I: IntoIterator<Item = String>,
{
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut written = writer.write_record(header);
    for row in rows {
        let cells: Vec<String> = row
            .into_iter()
            .map(|cell| match pactes_domain::cells::neutralise(&cell) {
                std::borrow::Cow::Borrowed(_) => cell,
                std::borrow::Cow::Owned(safe) => safe,
            })
            .collect();
        written = written.and_then(|()| writer.write_record(&cells));
    }
    let body = match written
        .map_err(|e| e.to_string())
        .and_then(|()| writer.into_inner().map_err(|e| e.to_string()))
    {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "cannot write a CSV export");
            return refused(StatusCode::INTERNAL_SERVER_ERROR, "cannot write the export");
        }
    };
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((CACHE_CONTROL, "no-store"))
        .insert_header((CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")))
        .body(body)
}
