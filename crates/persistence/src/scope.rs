//! The tenant filter every read of a tenant-owned table goes through.

use pactes_domain::{FederationId, Scope};
use sea_orm::{ColumnTrait, Condition};

/// Rows of the caller's federation (all federations for a national caller), narrowed to `requested` when a
/// national caller asks for one federation. A federation caller asking for another federation gets nothing.
pub(crate) fn tenant_condition<C: ColumnTrait>(column: C, scope: &Scope, requested: Option<FederationId>) -> Condition {
    let mut condition = Condition::all();
    if let Some(own) = scope.federation() {
        condition = condition.add(column.eq(own.as_uuid()));
    }
    if let Some(requested) = requested {
        condition = condition.add(column.eq(requested.as_uuid()));
    }
    condition
}
