//! Keyset pagination on (sort key, id) for any entity, in both directions. The key is any expression (a column,
//! or a column with a stand-in for NULL) and its cursor value is typed: text, integer, date or timestamp.

use pactes_domain::page::{Direction, PageRequest, Position, SortKey};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select, Value};

/// Orders `select` by (key, id) and restricts it to the rows beyond the request's cursor, fetching one row more
/// than asked so the caller learns whether another page exists. Rows come back in *scan* order; feed them
/// to [`pactes_domain::page::Page::from_scan`].
pub(crate) fn paginate<E: EntityTrait>(
    select: Select<E>,
    key: Option<Expr>,
    id: E::Column,
    direction: Direction,
    request: &PageRequest,
) -> Select<E> {
    let (forward, cursor) = match request {
        PageRequest::Forward { after, .. } => (true, after.as_ref()),
        PageRequest::Backward { before, .. } => (false, before.as_ref()),
    };
    let ascending = forward == (direction == Direction::Asc);
    let order = if ascending { Order::Asc } else { Order::Desc };
    let mut select = select;
    if let Some(position) = cursor {
        select = select.filter(beyond(key.clone(), id, position, ascending));
    }
    if let Some(key) = key {
        select = select.order_by(key, order.clone());
    }
    select.order_by(id, order).limit(request.limit() + 1)
}

/// The value a cursor's key binds as, typed like the column it is compared with.
pub(crate) fn sort_value(key: &SortKey) -> Value {
    match key {
        SortKey::Text(text) => text.clone().into(),
        SortKey::Int(n) => (*n).into(),
        SortKey::Date(date) => (*date).into(),
        SortKey::Timestamp(at) => (*at).into(),
    }
}

fn beyond<C: ColumnTrait>(key: Option<Expr>, id: C, position: &Position, ascending: bool) -> Condition {
    let past_id = if ascending {
        id.gt(position.id)
    } else {
        id.lt(position.id)
    };
    match (key, &position.key) {
        (Some(key), Some(value)) => {
            let value = sort_value(value);
            let past_key = if ascending {
                key.clone().gt(value.clone())
            } else {
                key.clone().lt(value.clone())
            };
            Condition::any()
                .add(past_key)
                .add(Condition::all().add(key.eq(value)).add(past_id))
        }
        _ => Condition::all().add(past_id),
    }
}
