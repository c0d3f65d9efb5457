//! A request id per request, made here, attached to every log line of the request and returned in the response.
//! A well-formed inbound `x-request-id` (a load balancer's, a client's) is kept alongside, as
//! `client_request_id`, never instead: a caller cannot choose the id our logs are correlated by. One line per
//! request at the default level: "request completed", carrying what the GraphQL handler recorded on the span.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;

pub const HEADER: &str = "x-request-id";

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = uuid::Uuid::now_v7().to_string();
    let inbound = req.headers().get(HEADER).and_then(|v| v.to_str().ok()).filter(|v| {
        !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    // The path only: a query string could carry anything, and is never logged.
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        client_request_id = tracing::field::Empty,
        method = %req.method(),
        path = %req.path(),
        // Filled in by the GraphQL handler, so that one line per request says everything.
        operation = tracing::field::Empty,
        federation = tracing::field::Empty,
        outcome = tracing::field::Empty,
        error_codes = tracing::field::Empty,
    );
    if let Some(inbound) = inbound {
        span.record("client_request_id", inbound);
    }
    let started = Instant::now();
    let mut response = next.call(req).instrument(span.clone()).await?;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(HeaderName::from_static(HEADER), value);
    }
    span.in_scope(|| {
        tracing::info!(
            status = response.status().as_u16(),
            duration_ms = started.elapsed().as_secs_f64() * 1000.0,
            "request completed"
        )
    });
    Ok(response)
}
