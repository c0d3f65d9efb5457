//! GraphQL over a WebSocket (`graphql-transport-ws`): subscriptions only. The caller is verified once, at
//! `connection_init`, and bounds everything the socket sees; queries and mutations go over HTTP, where the
//! budgets, deadlines and trusted-document checks are.
//!
//! No state outlives its use: each subscription gets a context of its own, and each event it sends is
//! resolved with fresh loaders (`socket_caller::event_data`), so nothing cached for one event is shown for the next.

use std::sync::Arc;

use async_graphql::futures_util::stream::{self, BoxStream, StreamExt};
use async_graphql::parser::types::OperationType;
use async_graphql::{Data, Executor, Request, Response};

use crate::error::ErrorCode;
use crate::limits::{Budget, Limits};
use crate::schema::ApiSchema;
use crate::socket_caller::SocketCaller;

/// Runs a socket's operations: each subscription with a context of its own; anything else refused.
#[derive(Clone)]
pub struct SocketExecutor {
    schema: ApiSchema,
    limits: Limits,
}

impl SocketExecutor {
    pub fn new(schema: ApiSchema, limits: Limits) -> SocketExecutor {
        SocketExecutor { schema, limits }
    }
}

fn refused(code: ErrorCode, message: &str) -> Response {
    Response::from_errors(vec![code.server_error(message)])
}

/// Whether the operation a request would run is a subscription (a document that does not parse is left to
/// the schema, which answers with its parse error).
fn is_subscription(request: &Request) -> bool {
    crate::operation_type(&request.query, request.operation_name.as_deref())
        .is_none_or(|ty| ty == OperationType::Subscription)
}

impl Executor for SocketExecutor {
    async fn execute(&self, _request: Request) -> Response {
        refused(ErrorCode::BadRequest, "send queries and mutations over HTTP POST")
    }

    fn execute_stream(&self, request: Request, session_data: Option<Arc<Data>>) -> BoxStream<'static, Response> {
        let socket = session_data
            .as_ref()
            .and_then(|data| data.get(&std::any::TypeId::of::<SocketCaller>()))
            .and_then(|socket| socket.downcast_ref::<SocketCaller>());
        let Some(socket) = socket else {
            let reply = refused(
                ErrorCode::Unauthenticated,
                "connection_init did not authenticate this socket",
            );
            return stream::once(async move { reply }).boxed();
        };
        if !is_subscription(&request) {
            let reply = refused(
                ErrorCode::BadRequest,
                "only subscriptions run over a WebSocket: send queries and mutations over HTTP POST",
            );
            return stream::once(async move { reply }).boxed();
        }
        let request = request.data(socket.context()).data(Budget::new(&self.limits));
        self.schema
            .execute_stream_with_session_data(request, session_data.unwrap_or_default())
    }
}
