//! Relay connections over the domain's keyset pages. A cursor is opaque to clients: it encodes the ordering it
//! was issued for, the row's sort key and its id. A cursor from another ordering is refused, not misread.

use async_graphql::connection::{Connection, CursorType, Edge};
use async_graphql::{Enum, OutputType};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use pactes_domain::page::{Direction, Page, PageRequest, Position};
use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;

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
    #[serde(rename = "k", skip_serializing_if = "Option::is_none", default)]
    key: Option<String>,
    #[serde(rename = "i")]
    id: uuid::Uuid,
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
    /// Checks the arguments and decodes the cursor against `ordering`.
    pub fn request(&self, ordering: &str) -> async_graphql::Result<PageRequest> {
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
                after: self.after.as_deref().map(|c| position(c, ordering)).transpose()?,
            }),
            (false, true) => Ok(PageRequest::Backward {
                limit: size(self.last)?,
                before: self.before.as_deref().map(|c| position(c, ordering)).transpose()?,
            }),
        }
    }
}

fn position(cursor: &str, ordering: &str) -> async_graphql::Result<Position> {
    let cursor = Cursor::decode_cursor(cursor)
        .map_err(|_| ErrorCode::InvalidCursor.error("this cursor is malformed; use one from a pageInfo or edge"))?;
    if cursor.ordering != ordering {
        return Err(ErrorCode::InvalidCursor.error(format!(
            "this cursor belongs to the ordering {}, not {ordering}",
            cursor.ordering
        )));
    }
    Ok(Position {
        key: cursor.key,
        id: cursor.id,
    })
}

/// The cost of a connection field for the complexity limit: each requested item counts its whole selection.
pub fn page_cost(first: Option<i32>, last: Option<i32>, child_complexity: usize) -> usize {
    let items = first.or(last).unwrap_or(DEFAULT_PAGE_SIZE).clamp(0, MAX_PAGE_SIZE) as usize;
    1 + items * child_complexity
}

/// Builds a connection from a page; `position` gives each item's sort key and id.
pub fn connection<T, N, F>(
    page: Page<T>,
    ordering: &str,
    position: impl Fn(&T) -> (Option<String>, uuid::Uuid),
    node: impl Fn(T) -> N,
    fields: F,
) -> Connection<Cursor, N, F>
where
    N: OutputType,
    F: async_graphql::ObjectType,
{
    let mut connection = Connection::with_additional_fields(page.has_previous, page.has_next, fields);
    connection.edges = page
        .items
        .into_iter()
        .map(|item| {
            let (key, id) = position(&item);
            Edge::new(
                Cursor {
                    ordering: ordering.to_owned(),
                    key,
                    id,
                },
                node(item),
            )
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
        assert_eq!(args(None, None, None, None).request("o").unwrap().limit(), 20);
        assert_eq!(args(Some(100), None, None, None).request("o").unwrap().limit(), 100);
        assert!(args(Some(101), None, None, None).request("o").is_err());
        assert!(args(Some(-1), None, None, None).request("o").is_err());
        assert!(args(Some(1), None, Some(1), None).request("o").is_err());
    }

    #[test]
    fn a_cursor_is_accepted_only_for_its_own_ordering() {
        let cursor = Cursor {
            ordering: "centres:NAME:ASC".into(),
            key: Some("dechy".into()),
            id: uuid::Uuid::nil(),
        }
        .encode_cursor();
        let request = args(Some(5), Some(&cursor), None, None)
            .request("centres:NAME:ASC")
            .unwrap();
        assert_eq!(
            request,
            PageRequest::Forward {
                limit: 5,
                after: Some(Position {
                    key: Some("dechy".into()),
                    id: uuid::Uuid::nil()
                })
            }
        );
        assert!(
            args(Some(5), Some(&cursor), None, None)
                .request("centres:COMMUNE:ASC")
                .is_err()
        );
        assert!(
            args(Some(5), Some("garbage"), None, None)
                .request("centres:NAME:ASC")
                .is_err()
        );
    }
}
