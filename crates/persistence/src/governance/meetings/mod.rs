//! Meetings: their table, their parts (agenda, recipients, attendance) and their row mapping.

mod entity;
mod parts;
mod record;

pub(crate) use entity::{Column as MeetingColumn, Entity as MeetingTable};

/// What a past convocation's recipients keep of an erased person: the seat's id, and this instead of their name.
const ERASED: &str = "Personne effacée";

/// Removes `member`'s name and address from every convocation sent to them.
pub(crate) async fn erase_recipient(
    write: &crate::write::Write,
    tenant: pactes_domain::FederationId,
    member: pactes_domain::MemberId,
) -> pactes_domain::repository::RepositoryResult<()> {
    use parts::recipients::{Column, Entity};
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    Entity::update_many()
        .col_expr(Column::Name, Expr::value(ERASED))
        .col_expr(Column::Email, Expr::value(Option::<String>::None))
        .filter(crate::scope::tenant_rows(Column::FederationId, tenant))
        .filter(Column::MemberId.eq(member.as_uuid()))
        .exec(&**write)
        .await
        .map_err(crate::error::storage)?;
    Ok(())
}
