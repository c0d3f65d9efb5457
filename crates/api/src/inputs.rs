//! Input pieces every area uses: ids of objects named in an input, optional fields that may be cleared, and
//! the archive input.

use async_graphql::{ID, InputObject, MaybeUndefined};
use pactes_domain::patch::Patch;

use crate::error::{UserError, UserErrorCode};
use crate::ids::decode_as;
use crate::node::NodeKind;

/// Left out: keep; null: clear; a value: set.
pub(crate) fn patch<T, U>(value: MaybeUndefined<T>, convert: impl FnOnce(T) -> U) -> Patch<U> {
    match value {
        MaybeUndefined::Undefined => Patch::Keep,
        MaybeUndefined::Null => Patch::Clear,
        MaybeUndefined::Value(v) => Patch::Set(convert(v)),
    }
}

fn not_found(field: &str, what: &str) -> UserError {
    UserError::new(
        &["input", field],
        UserErrorCode::NotFound,
        format!("no such {what} in your federation"),
    )
}

/// The uuid behind `id` when it is an id of `kind`; a malformed id or one of another kind is "not found".
pub(crate) fn object_id(id: &ID, kind: NodeKind, field: &str) -> Result<uuid::Uuid, Vec<UserError>> {
    decode_as(id, kind).ok_or_else(|| vec![not_found(field, &kind.name().to_lowercase())])
}

/// Archives an object: it leaves the lists (unless `includeArchived`), keeps its history, and stays readable
/// by id.
#[derive(InputObject)]
pub struct ArchiveInput {
    pub id: ID,
    pub version: i64,
}
