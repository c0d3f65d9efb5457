//! The bearer token of a plain HTTP route (a printable summary, a spreadsheet export): the same checks as the
//! API's, answered as HTTP statuses a browser or a spreadsheet tool understands.

use actix_web::http::StatusCode;
use actix_web::http::header::WWW_AUTHENTICATE;
use actix_web::{HttpRequest, HttpResponse};
use pactes_domain::{Caller, Permission};

use crate::state::AppState;

pub(crate) fn refused(status: actix_web::http::StatusCode, message: &str) -> HttpResponse {
    let mut reply = HttpResponse::build(status);
    if status == actix_web::http::StatusCode::UNAUTHORIZED {
        reply.insert_header((WWW_AUTHENTICATE, r#"Bearer realm="pactes""#));
    }
    reply.content_type("text/plain; charset=utf-8").body(message.to_owned())
}

/// The caller of `req` if its token is valid and grants `permission`; otherwise the response to send (401,
/// 403, or 503 when the token cannot be checked now). `what` names the permission in a refusal.
pub(crate) async fn authorized(
    req: &HttpRequest,
    state: &AppState,
    permission: Permission,
    what: &str,
) -> Result<Caller, HttpResponse> {
    let header = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or("\u{0}"));
    let caller = match state.auth.authenticate(header).await {
        Ok(Some(authenticated)) => authenticated.caller,
        Ok(None) => return Err(refused(StatusCode::UNAUTHORIZED, "a bearer token is required")),
        Err(crate::auth::AuthError::Unavailable) => {
            return Err(refused(
                StatusCode::SERVICE_UNAVAILABLE,
                "cannot check the token right now; retry",
            ));
        }
        Err(error) => return Err(refused(StatusCode::UNAUTHORIZED, &error.to_string())),
    };
    if !caller.can(permission) {
        return Err(refused(
            StatusCode::FORBIDDEN,
            &format!("your roles do not allow {what}"),
        ));
    }
    Ok(caller)
}
