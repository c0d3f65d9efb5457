//! Prometheus metrics, behind their own token (none configured: the route does not exist).

use actix_web::http::header::AUTHORIZATION;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::state::AppState;

/// Compares a presented secret in a time that does not depend on where it differs.
fn same_secret(presented: &[u8], expected: &[u8]) -> bool {
    presented.len() == expected.len()
        && presented
            .iter()
            .zip(expected)
            .fold(0u8, |differences, (a, b)| differences | (a ^ b))
            == 0
}

pub async fn metrics(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let Some(token) = &state.metrics_token else {
        return HttpResponse::NotFound().finish();
    };
    let presented = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !presented.is_some_and(|p| same_secret(p.as_bytes(), token.expose().as_bytes())) {
        return HttpResponse::Unauthorized()
            .insert_header(("www-authenticate", r#"Bearer realm="pactes-metrics""#))
            .finish();
    }
    let rendered = state.metrics.render(
        state.db.pool_usage(),
        state.admission.peak(),
        state.db.statement_count(),
    );
    match rendered {
        Ok(body) => HttpResponse::Ok().content_type(prometheus::TEXT_FORMAT).body(body),
        Err(error) => {
            tracing::error!(%error, "cannot encode the metrics");
            HttpResponse::InternalServerError().finish()
        }
    }
}
