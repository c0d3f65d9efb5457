//! What every area's mutations share: who writes and where ([`writer`]), and the two ways a mutation ends — the object
//! as written, or the user errors explaining why nothing was written. Roles decide *whether* a caller may try
//! (top-level FORBIDDEN); the domain and the repositories decide whether the change is valid.

use std::future::Future;

use async_graphql::{Context, ID};
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{Actor, Caller, FederationId, Permission, RepositoryError, ValidationErrors};
use pactes_persistence::Database;

use crate::context::{authorize, request};

use crate::error::{ErrorCode, UserError, user_errors};
use crate::inputs::object_id;
use crate::node_kind::NodeKind;

pub(crate) type Outcome<T> = async_graphql::Result<(Option<T>, Vec<UserError>)>;

/// Who writes, and where: what every tenant write starts from.
pub(crate) struct Writer<'a> {
    /// The federation written to.
    pub(crate) tenant: FederationId,
    /// As the audit log names the caller.
    pub(crate) actor: Actor,
    pub(crate) db: &'a Database,
}

/// The writer of a mutation that needs `permission`: FORBIDDEN without it, or without a federation.
pub(crate) fn writer<'a>(ctx: &'a Context<'_>, permission: Permission) -> async_graphql::Result<Writer<'a>> {
    let caller = authorize(ctx, permission)?;
    Ok(Writer {
        tenant: tenant(caller)?,
        actor: caller.actor(),
        db: &request(ctx).db,
    })
}

/// The federation the caller writes to. Holding a write permission implies one; a caller without a tenant
/// cannot write tenant rows.
pub(crate) fn tenant(caller: &Caller) -> async_graphql::Result<FederationId> {
    caller
        .tenant()
        .ok_or_else(|| ErrorCode::Forbidden.error("writes need a token bound to one federation"))
}

/// The written object, or the user errors; a storage failure stays a top-level error.
pub(crate) fn outcome<T, N>(result: RepositoryResult<T>, wrap: impl FnOnce(T) -> N) -> Outcome<N> {
    match result {
        Ok(value) => Ok((Some(wrap(value)), Vec::new())),
        Err(error) => Ok((None, user_errors(error)?)),
    }
}

/// Runs `write` with the valid content, or reports why the content is invalid.
pub(crate) async fn with_valid<D, T, N, Fut>(
    data: Result<D, ValidationErrors>,
    write: impl FnOnce(D) -> Fut,
    wrap: impl FnOnce(T) -> N,
) -> Outcome<N>
where
    Fut: Future<Output = RepositoryResult<T>>,
{
    match data {
        Ok(data) => outcome(write(data).await, wrap),
        Err(errors) => outcome(Err(RepositoryError::Invalid(errors)), wrap),
    }
}

/// Runs `write` on the object an input's `id` names, or reports it as not found when the id is malformed or
/// names another kind of object.
pub(crate) async fn on_object<T, N, Fut>(
    id: &ID,
    kind: NodeKind,
    write: impl FnOnce(uuid::Uuid) -> Fut,
    wrap: impl FnOnce(T) -> N,
) -> Outcome<N>
where
    Fut: Future<Output = RepositoryResult<T>>,
{
    match object_id(id, kind, "id") {
        Ok(uuid) => outcome(write(uuid).await, wrap),
        Err(errors) => Ok((None, errors)),
    }
}
