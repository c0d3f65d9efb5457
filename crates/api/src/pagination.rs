//! Relay connections over the domain's keyset pages. A cursor is opaque to clients: it encodes the ordering it
//! was issued for, the row's sort key and its id. A cursor from another ordering is refused, not misread.

use std::future::Future;
use std::pin::Pin;

use async_graphql::connection::{Connection, CursorType, Edge};
use async_graphql::{Context, Enum, ID, Object, OutputType};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, NaiveDate, Utc};
use pactes_domain::page::{Direction, Page, PageRequest, Position, SortKey, SortKeyKind};
use pactes_domain::repository::RepositoryResult;
use pactes_persistence::Database;
use serde::{Deserialize, Serialize};

use crate::context::request;
use crate::error::{ErrorCode, internal};
use crate::ids::decode_as;
use crate::node_kind::NodeKind;

pub const DEFAULT_PAGE_SIZE: i32 = 20;
pub const MAX_PAGE_SIZE: i32 = 100;

#[derive(Enum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OrderDirection {
    #[default]
    Asc,
    Desc,
}

impl From<OrderDirection> for Direction {
    fn from(value: OrderDirection) -> Direction {
        match value {
            OrderDirection::Asc => Direction::Asc,
            OrderDirection::Desc => Direction::Desc,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// The ordering the cursor belongs to, e.g. "centres:NAME:ASC".
    #[serde(rename = "o")]
    ordering: String,
    /// The key, in the field of its type: text `k`, integer `n`, date `d`, timestamp `t`.
    #[serde(rename = "k", skip_serializing_if = "Option::is_none", default)]
    text: Option<String>,
    #[serde(rename = "n", skip_serializing_if = "Option::is_none", default)]
    int: Option<i64>,
    #[serde(rename = "d", skip_serializing_if = "Option::is_none", default)]
    date: Option<NaiveDate>,
    #[serde(rename = "t", skip_serializing_if = "Option::is_none", default)]
    timestamp: Option<DateTime<Utc>>,
    #[serde(rename = "i")]
    id: uuid::Uuid,
}

impl Cursor {
    /// The cursor of an edge whose cursor no one asked for: never shown.
    fn unused() -> Cursor {
        Cursor {
            ordering: String::new(),
            text: None,
            int: None,
            date: None,
            timestamp: None,
            id: uuid::Uuid::nil(),
        }
    }

    fn new(ordering: &str, key: Option<SortKey>, id: uuid::Uuid) -> Cursor {
        let mut cursor = Cursor {
            ordering: ordering.to_owned(),
            text: None,
            int: None,
            date: None,
            timestamp: None,
            id,
        };
        match key {
            None => {}
            Some(SortKey::Text(text)) => cursor.text = Some(text),
            Some(SortKey::Int(n)) => cursor.int = Some(n),
            Some(SortKey::Date(date)) => cursor.date = Some(date),
            Some(SortKey::Timestamp(at)) => cursor.timestamp = Some(at),
        }
        cursor
    }

    /// The key, if the cursor holds exactly one.
    fn key(&self) -> Result<Option<SortKey>, ()> {
        let keys = [
            self.text.clone().map(SortKey::Text),
            self.int.map(SortKey::Int),
            self.date.map(SortKey::Date),
            self.timestamp.map(SortKey::Timestamp),
        ];
        let mut present = keys.into_iter().flatten();
        match (present.next(), present.next()) {
            (key, None) => Ok(key),
            _ => Err(()),
        }
    }
}

impl CursorType for Cursor {
    type Error = serde_json::Error;

    fn decode_cursor(s: &str) -> Result<Self, Self::Error> {
        let bytes = URL_SAFE_NO_PAD.decode(s).map_err(serde::de::Error::custom)?;
        serde_json::from_slice(&bytes)
    }

    fn encode_cursor(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }
}

/// The `first/after/last/before` arguments of a connection field.
#[derive(Clone, Debug, Default)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

impl PageArgs {
    /// A list field's four arguments, as the field received them (async-graphql takes a resolver's arguments one
    /// by one: it cannot read them into one struct without making them an input object, which would change the
    /// schema).
    pub fn new(first: Option<i32>, after: Option<String>, last: Option<i32>, before: Option<String>) -> PageArgs {
        PageArgs {
            first,
            after,
            last,
            before,
        }
    }

    /// Checks the arguments and decodes the cursor against `ordering`, whose key is of type `key` (`None` for
    /// orderings by id alone).
    pub fn request(&self, ordering: &str, key: Option<SortKeyKind>) -> async_graphql::Result<PageRequest> {
        let invalid = |message: &str| Err(ErrorCode::InvalidArgument.error(message));
        let size = |n: Option<i32>| -> async_graphql::Result<u64> {
            match n.unwrap_or(DEFAULT_PAGE_SIZE) {
                n if !(0..=MAX_PAGE_SIZE).contains(&n) => Err(ErrorCode::InvalidArgument.error(format!(
                    "a page holds 0 to {MAX_PAGE_SIZE} items; ask for {MAX_PAGE_SIZE} at most"
                ))),
                n => Ok(n as u64),
            }
        };
        match (
            self.first.is_some() || self.after.is_some(),
            self.last.is_some() || self.before.is_some(),
        ) {
            (true, true) => invalid("page forwards with first/after or backwards with last/before, not both"),
            (_, false) => Ok(PageRequest::Forward {
                limit: size(self.first)?,
                after: self.after.as_deref().map(|c| position(c, ordering, key)).transpose()?,
            }),
            (false, true) => Ok(PageRequest::Backward {
                limit: size(self.last)?,
                before: self.before.as_deref().map(|c| position(c, ordering, key)).transpose()?,
            }),
        }
    }
}

fn position(cursor: &str, ordering: &str, kind: Option<SortKeyKind>) -> async_graphql::Result<Position> {
    let malformed = || ErrorCode::InvalidCursor.error("this cursor is malformed; use one from a pageInfo or edge");
    let cursor = Cursor::decode_cursor(cursor).map_err(|_| malformed())?;
    if cursor.ordering != ordering {
        return Err(ErrorCode::InvalidCursor.error(format!(
            "this cursor belongs to the ordering {}, not {ordering}",
            cursor.ordering
        )));
    }
    let key = cursor.key().map_err(|_| malformed())?;
    if key.as_ref().map(SortKey::kind) != kind {
        return Err(malformed());
    }
    Ok(Position { key, id: cursor.id })
}

/// The code naming an ordering inside a cursor, e.g. `centres:NAME:ASC`.
pub fn ordering_code(list: &str, field: impl Into<async_graphql::Value>, direction: OrderDirection) -> String {
    let direction = match direction {
        OrderDirection::Asc => "ASC",
        OrderDirection::Desc => "DESC",
    };
    format!("{list}:{}:{direction}", field.into())
}

/// An id argument of a filter: a malformed id, or one of another kind, is the client's error (not an empty
/// result).
pub fn filter_id(id: Option<ID>, kind: NodeKind) -> async_graphql::Result<Option<uuid::Uuid>> {
    id.map(|id| {
        decode_as(&id, kind)
            .ok_or_else(|| ErrorCode::InvalidArgument.error(format!("{} is not a {} id", id.as_str(), kind.name())))
    })
    .transpose()
}

type CountFuture = Pin<Box<dyn Future<Output = RepositoryResult<u64>> + Send>>;

/// `totalCount` of a connection: counted only when a client asks for it, by the count the list resolver
/// hands over with its scope and filter inside: `Totals::new(filter, move |db, f| async move { … })`; or
/// already counted, by the page's own statement, when the resolver saw it selected (`Totals::Known`).
pub enum Totals {
    Count(Box<dyn Fn(Database) -> CountFuture + Send + Sync>),
    Known(u64),
}

impl Totals {
    pub fn new<Filter, F, Fut>(filter: Filter, count: F) -> Totals
    where
        Filter: Clone + Send + Sync + 'static,
        F: Fn(Database, Filter) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = RepositoryResult<u64>> + Send + 'static,
    {
        Totals::Count(Box::new(move |db| Box::pin(count(db, filter.clone()))))
    }
}

#[Object]
impl Totals {
    /// How many objects match the filter, across all pages.
    #[graphql(complexity = "DB_FIELD_COST")]
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        match self {
            Totals::Count(count) => count(request(ctx).db.clone()).await.map_err(internal),
            Totals::Known(total) => Ok(*total),
        }
    }
}

/// What a field that reaches the database costs on its own, beyond what it selects: a look-up by id, a list, a
/// `totalCount`. Twenty of them fill the complexity budget of 5,000 a fifth of the way.
pub const DB_FIELD_COST: usize = 20;

/// What a plain list (a territory's communes, a partner's contacts) costs: about the length such lists have.
pub const LIST_FIELD_COST: usize = 20;

/// What a list nested in an aggregate's tree costs per item selected (a pact's axes, an objective's action
/// sheets, a sheet's roles and means): a few items each, read whole with their root in one batch, so a tree
/// of four nested levels stays within the budget where list costs multiplied level by level would not.
pub const PART_LIST_COST: usize = 5;

/// The cost of a connection field for the complexity limit: its statements, and each requested item counting
/// its whole selection.
pub fn page_cost(first: Option<i32>, last: Option<i32>, child_complexity: usize) -> usize {
    let items = first.or(last).unwrap_or(DEFAULT_PAGE_SIZE).clamp(0, MAX_PAGE_SIZE) as usize;
    DB_FIELD_COST + items * child_complexity
}

/// Builds a connection from a page; `position` gives each item's sort key and id.
pub fn connection<T, N, F>(
    ctx: &Context<'_>,
    page: Page<T>,
    ordering: &str,
    position: impl Fn(&T) -> (Option<SortKey>, uuid::Uuid),
    node: impl Fn(T) -> N,
    fields: F,
) -> Connection<Cursor, N, F>
where
    N: OutputType,
    F: async_graphql::ObjectType,
{
    // A cursor's key (a folded name) costs more than the rest of an item: made only when a cursor is shown.
    let look_ahead = ctx.look_ahead();
    let page_info = look_ahead.field("pageInfo");
    let cursors = look_ahead.field("edges").field("cursor").exists()
        || page_info.field("startCursor").exists()
        || page_info.field("endCursor").exists();
    let mut connection = Connection::with_additional_fields(page.has_previous, page.has_next, fields);
    connection.edges = page
        .items
        .into_iter()
        .map(|item| {
            let cursor = if cursors {
                let (key, id) = position(&item);
                Cursor::new(ordering, key, id)
            } else {
                Cursor::unused()
            };
            Edge::new(cursor, node(item))
        })
        .collect();
    connection
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(first: Option<i32>, after: Option<&str>, last: Option<i32>, before: Option<&str>) -> PageArgs {
        PageArgs {
            first,
            after: after.map(Into::into),
            last,
            before: before.map(Into::into),
        }
    }

    #[test]
    fn page_sizes_are_bounded() {
        assert_eq!(args(None, None, None, None).request("o", None).unwrap().limit(), 20);
        assert_eq!(
            args(Some(100), None, None, None).request("o", None).unwrap().limit(),
            100
        );
        assert!(args(Some(101), None, None, None).request("o", None).is_err());
        assert!(args(Some(-1), None, None, None).request("o", None).is_err());
        assert!(args(Some(1), None, Some(1), None).request("o", None).is_err());
    }

    #[test]
    fn a_cursor_is_accepted_only_for_its_own_ordering() {
        let text = Some(SortKeyKind::Text);
        let cursor = Cursor::new(
            "centres:NAME:ASC",
            Some(SortKey::Text("dechy".into())),
            uuid::Uuid::nil(),
        )
        .encode_cursor();
        let request = args(Some(5), Some(&cursor), None, None)
            .request("centres:NAME:ASC", text)
            .unwrap();
        assert_eq!(
            request,
            PageRequest::Forward {
                limit: 5,
                after: Some(Position {
                    key: Some(SortKey::Text("dechy".into())),
                    id: uuid::Uuid::nil()
                })
            }
        );
        assert!(
            args(Some(5), Some(&cursor), None, None)
                .request("centres:COMMUNE:ASC", text)
                .is_err()
        );
        assert!(
            args(Some(5), Some("garbage"), None, None)
                .request("centres:NAME:ASC", text)
                .is_err()
        );
    }

    #[test]
    fn typed_keys_round_trip_and_a_key_of_another_type_is_refused() {
        let date = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
        let keys = [
            (SortKey::Int(2024), SortKeyKind::Int),
            (SortKey::Date(date), SortKeyKind::Date),
            (
                SortKey::Timestamp(date.and_hms_opt(8, 30, 0).unwrap().and_utc()),
                SortKeyKind::Timestamp,
            ),
        ];
        for (key, kind) in keys {
            let cursor = Cursor::new("o", Some(key.clone()), uuid::Uuid::nil()).encode_cursor();
            let position = match args(Some(5), Some(&cursor), None, None)
                .request("o", Some(kind))
                .unwrap()
            {
                PageRequest::Forward { after, .. } => after.unwrap(),
                other => panic!("{other:?}"),
            };
            assert_eq!(position.key, Some(key.clone()));
            assert!(
                args(Some(5), Some(&cursor), None, None)
                    .request("o", Some(SortKeyKind::Text))
                    .is_err(),
                "{key:?} read as text"
            );
        }
    }
}
