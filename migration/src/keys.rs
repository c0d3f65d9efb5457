//! Keys between tenant tables: every foreign key includes the federation, so a row can only point at a row of
//! its own tenant, and the pair it points at is unique.

use sea_orm_migration::prelude::*;

/// A foreign key `(federation_id, column)` → `(federation_id, id)` of `to`.
pub fn same_tenant(
    name: &str,
    from: impl IntoIden,
    from_federation: impl IntoIden,
    column: impl IntoIden,
    to: impl IntoIden,
    to_federation: impl IntoIden,
    to_id: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from, (from_federation, column))
        .to(to, (to_federation, to_id))
        .to_owned()
}

/// The unique pair `(federation_id, id)` that the parts' composite foreign keys point at.
pub async fn tenant_id_index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    federation: impl IntoIden,
    id: impl IntoIden,
) -> Result<(), DbErr> {
    manager
        .create_index(
            Index::create()
                .name(name)
                .table(table)
                .col(federation)
                .col(id)
                .unique()
                .to_owned(),
        )
        .await
}

/// A party column pair (a centre's id, a partner's id): a centre, a partner, or (neither) the federation itself;
/// never both.
pub fn one_party(centre: impl IntoIden, partner: impl IntoIden) -> SimpleExpr {
    Expr::col(centre).is_null().or(Expr::col(partner).is_null())
}
