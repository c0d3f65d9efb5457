//! Who a socket is, and what each event of its subscriptions is resolved with: kept apart from the socket's
//! executor, which needs the schema, so that the limits' extension (part of the schema) can read it.

use async_graphql::Data;
use async_graphql::extensions::ExtensionContext;
use pactes_domain::Caller;
use pactes_persistence::Database;

use crate::context::RequestContext;

/// Who a socket is, verified at `connection_init`: its connection data.
pub struct SocketCaller {
    db: Database,
    caller: Caller,
}

impl SocketCaller {
    /// The connection data of a socket whose token proved `caller`.
    pub fn data(db: Database, caller: Caller) -> Data {
        let mut data = Data::default();
        data.insert(SocketCaller { db, caller });
        data
    }

    pub(crate) fn context(&self) -> RequestContext {
        RequestContext::new(self.db.clone(), Some(self.caller.clone()))
    }
}

/// The data each event of a socket's subscription is resolved with: a context of its own (fresh loaders), built
/// from the socket's caller; `None` for an HTTP request. The limits' extension runs its execution with it, so
/// that no second extension stands in every field's resolution.
pub(crate) fn event_data(ctx: &ExtensionContext<'_>) -> Option<Data> {
    let socket = ctx.data_opt::<SocketCaller>()?;
    let mut data = Data::default();
    data.insert(socket.context());
    Some(data)
}
