//! Subscriptions over a WebSocket on `/graphql`, in the `graphql-transport-ws` protocol of the `graphql-ws`
//! library. The token travels in `connection_init` (`{"authorization": "Bearer …"}`), is verified as a bearer
//! token is, and bounds what the socket sees; the socket is closed when the token expires (4403), when no
//! `connection_init` came in time (4408), or when the token is refused (4403). Every piece of the socket's state
//! lives in its task and is dropped with it.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderValue, SEC_WEBSOCKET_PROTOCOL};
use actix_web::{HttpRequest, HttpResponse, web};
use actix_ws::{AggregatedMessage, CloseCode, CloseReason, Session};
use async_graphql::futures_util::{StreamExt, stream};
use async_graphql::http::{WebSocket, WebSocketProtocols, WsMessage};
use pactes_api::{SocketCaller, SocketExecutor};
use tokio::sync::mpsc;

use crate::state::AppState;

const PROTOCOL: &str = "graphql-transport-ws";
/// How long a client has to send `connection_init` (the protocol's 4408).
const INIT_TIMEOUT: Duration = Duration::from_secs(10);

/// `GET /graphql` with `Upgrade: websocket`.
pub async fn open(req: HttpRequest, body: web::Payload, state: web::Data<AppState>) -> HttpResponse {
    let offered = req
        .headers()
        .get(SEC_WEBSOCKET_PROTOCOL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !offered.split(',').any(|p| p.trim().eq_ignore_ascii_case(PROTOCOL)) {
        return HttpResponse::build(StatusCode::BAD_REQUEST)
            .content_type("text/plain; charset=utf-8")
            .body("subscriptions speak the graphql-transport-ws subprotocol (the graphql-ws library's)");
    }
    let (mut response, session, messages) = match actix_ws::handle(&req, body) {
        Ok(handled) => handled,
        Err(error) => return error.error_response(),
    };
    response
        .headers_mut()
        .insert(SEC_WEBSOCKET_PROTOCOL, HeaderValue::from_static(PROTOCOL));
    let messages = messages.max_frame_size(state.max_body_bytes).aggregate_continuations();
    actix_web::rt::spawn(serve(state.into_inner(), session, messages));
    response
}

/// What `connection_init` decided, read by the socket's loop.
#[derive(Default)]
enum Admission {
    #[default]
    Waiting,
    /// Admitted until this instant (Unix seconds).
    Until(u64),
    Refused(String),
}

async fn serve(state: Arc<AppState>, mut session: Session, mut messages: actix_ws::AggregatedMessageStream) {
    let admission = Arc::new(Mutex::new(Admission::Waiting));
    let (input, received) = mpsc::unbounded_channel::<String>();
    let received = Box::pin(stream::unfold(received, |mut rx| async move {
        rx.recv().await.map(|m| (m, rx))
    }));
    let executor = SocketExecutor::new(state.engine.schema().clone(), state.limits);
    let init = {
        let (state, admission) = (state.clone(), admission.clone());
        move |payload: serde_json::Value| async move {
            let decided = admit(&state, &payload).await;
            match decided {
                Ok((data, until)) => {
                    set(&admission, Admission::Until(until));
                    Ok(data)
                }
                Err(reason) => {
                    set(&admission, Admission::Refused(reason.clone()));
                    Err(async_graphql::Error::new(reason))
                }
            }
        }
    };
    let graphql = WebSocket::new(executor, received, WebSocketProtocols::GraphQLWS).on_connection_init(init);
    let mut graphql = std::pin::pin!(graphql);
    let opened = now();
    loop {
        let deadline = match &*lock(&admission) {
            Admission::Waiting => opened + INIT_TIMEOUT.as_secs(),
            Admission::Until(until) => *until,
            Admission::Refused(_) => u64::MAX,
        };
        let wait = Duration::from_secs(deadline.saturating_sub(now()));
        tokio::select! {
            message = messages.next() => match message {
                Some(Ok(AggregatedMessage::Text(text))) => {
                    if input.send(text.to_string()).is_err() {
                        break;
                    }
                }
                Some(Ok(AggregatedMessage::Binary(bytes))) => {
                    if input.send(String::from_utf8_lossy(&bytes).into_owned()).is_err() {
                        break;
                    }
                }
                Some(Ok(AggregatedMessage::Ping(bytes))) => {
                    if session.pong(&bytes).await.is_err() {
                        break;
                    }
                }
                Some(Ok(AggregatedMessage::Pong(_))) => {}
                Some(Ok(AggregatedMessage::Close(_))) | Some(Err(_)) | None => break,
            },
            reply = graphql.next() => match reply {
                Some(WsMessage::Text(text)) => {
                    if session.text(text).await.is_err() {
                        break;
                    }
                }
                Some(WsMessage::Close(code, reason)) => {
                    // A refused connection_init: the protocol's 4403 Forbidden, with the reason.
                    let (code, reason) = match &*lock(&admission) {
                        Admission::Refused(why) => (4403, format!("Forbidden: {why}")),
                        _ => (code, reason),
                    };
                    close(session, code, reason).await;
                    return;
                }
                None => break,
            },
            () = tokio::time::sleep(wait) => {
                let (code, reason) = match &*lock(&admission) {
                    Admission::Waiting => (4408, "Connection initialisation timeout".to_owned()),
                    _ => (4403, "Forbidden: the token has expired".to_owned()),
                };
                close(session, code, reason).await;
                return;
            }
        }
    }
    let _ = session.close(None).await;
}

/// The socket's connection data and the end of its admission, or why it is refused.
async fn admit(state: &AppState, payload: &serde_json::Value) -> Result<(async_graphql::Data, u64), String> {
    let field = |name: &str| payload.get(name).and_then(|v| v.as_str());
    let header = field("authorization")
        .or_else(|| field("Authorization"))
        .map(str::to_owned)
        .or_else(|| field("token").map(|t| format!("Bearer {t}")))
        .ok_or("send the token in connection_init: {\"authorization\": \"Bearer <token>\"}")?;
    let authenticated = match state.auth.authenticate(Some(&header)).await {
        Ok(Some(authenticated)) => authenticated,
        Ok(None) => return Err("a valid bearer token is required".to_owned()),
        Err(error) => return Err(error.to_string()),
    };
    if authenticated
        .caller
        .roles()
        .any(|role| state.trusted_only.contains(&role))
    {
        return Err("your role runs trusted documents only, over HTTP".to_owned());
    }
    let data = SocketCaller::data(state.db.clone(), authenticated.caller);
    Ok((data, authenticated.expires_at))
}

async fn close(session: Session, code: u16, reason: String) {
    let reason = CloseReason {
        code: CloseCode::Other(code),
        description: Some(reason),
    };
    let _ = session.close(Some(reason)).await;
}

fn set(admission: &Mutex<Admission>, value: Admission) {
    *lock(admission) = value;
}

fn lock(admission: &Mutex<Admission>) -> std::sync::MutexGuard<'_, Admission> {
    // A poisoned lock only means another task panicked while holding it; the value is still one of ours.
    admission.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}
