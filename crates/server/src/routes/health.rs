use actix_web::{HttpResponse, web};

use crate::startup::AppState;

/// The process is alive.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

/// The process can serve: its database answers.
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    if state.db.ping().await {
        HttpResponse::Ok().json(serde_json::json!({ "status": "ready" }))
    } else {
        HttpResponse::ServiceUnavailable().json(serde_json::json!({ "status": "database unavailable" }))
    }
}
