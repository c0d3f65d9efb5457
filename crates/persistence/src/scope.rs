//! The tenant filter every statement on a tenant-owned table goes through.

use pactes_domain::{FederationId, Scope};
use sea_orm::{ColumnTrait, Condition};

/// Rows of the caller's federation (all federations for a national caller), narrowed to `requested` when a
/// national caller asks for one federation. A federation caller asking for another federation gets nothing.
/// Whether the repositories filter on the caller's tenant, and a partner's reads on what concerns it: always,
/// except in the build that proves that PostgreSQL's row-level security alone keeps tenants and partners apart
/// (the cross-tenant and cross-partner tests run on it in CI, with `--features without-tenant-filter`). Never
/// deploy that build.
pub(crate) const TENANT_FILTER: bool = !cfg!(feature = "without-tenant-filter");

pub(crate) fn tenant_condition<C: ColumnTrait>(column: C, scope: &Scope, requested: Option<FederationId>) -> Condition {
    let mut condition = Condition::all();
    if TENANT_FILTER && let Some(own) = scope.federation() {
        condition = condition.add(column.eq(own.as_uuid()));
    }
    if let Some(requested) = requested {
        condition = condition.add(column.eq(requested.as_uuid()));
    }
    condition
}

/// The rows of `tenant` only, for a write, which always names its tenant.
pub(crate) fn tenant_rows<C: ColumnTrait>(column: C, tenant: FederationId) -> Condition {
    let condition = Condition::all();
    if TENANT_FILTER {
        condition.add(column.eq(tenant.as_uuid()))
    } else {
        condition
    }
}
