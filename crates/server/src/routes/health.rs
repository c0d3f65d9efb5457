use actix_web::{HttpResponse, web};

use crate::state::AppState;

/// The process is alive.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

/// The process can serve: its database answers.
/// Ready when the database answers within a second: a saturated pool makes the replica not ready rather than
/// making the probe queue behind the requests.
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let answered = tokio::time::timeout(std::time::Duration::from_secs(1), state.db.ping()).await;
    if answered.unwrap_or(false) {
        HttpResponse::Ok().json(serde_json::json!({ "status": "ready" }))
    } else {
        HttpResponse::ServiceUnavailable().json(serde_json::json!({ "status": "database unavailable" }))
    }
}
