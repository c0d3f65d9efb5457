//! Keyset pagination, independent of any transport.
//!
//! A position in a listing is (sort key, id): ids are unique, so two rows never tie and a page never skips or
//! repeats a row, even when sort values are equal or rows are added between requests.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    Asc,
    Desc,
}

/// The value a row sorts by. Lists are ordered by names (folded text), years or amounts (integers), dates
/// (periods, deadlines) or timestamps; the cursor keeps the type, so a page starts exactly after its row.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortKey {
    Text(String),
    Int(i64),
    Date(NaiveDate),
    Timestamp(DateTime<Utc>),
}

/// The type of an ordering's key, which a cursor must match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKeyKind {
    Text,
    Int,
    Date,
    Timestamp,
}

impl SortKey {
    pub fn kind(&self) -> SortKeyKind {
        match self {
            SortKey::Text(_) => SortKeyKind::Text,
            SortKey::Int(_) => SortKeyKind::Int,
            SortKey::Date(_) => SortKeyKind::Date,
            SortKey::Timestamp(_) => SortKeyKind::Timestamp,
        }
    }
}

/// The position of one row in an ordering. `key` is `None` for orderings by id (creation order) alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub key: Option<SortKey>,
    pub id: Uuid,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageRequest {
    /// The first `limit` rows after `after` (or from the start).
    Forward { limit: u64, after: Option<Position> },
    /// The last `limit` rows before `before` (or up to the end).
    Backward { limit: u64, before: Option<Position> },
}

impl PageRequest {
    pub fn limit(&self) -> u64 {
        match self {
            PageRequest::Forward { limit, .. } | PageRequest::Backward { limit, .. } => *limit,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    /// In the requested ordering, whichever way the page was read.
    pub items: Vec<T>,
    pub has_previous: bool,
    pub has_next: bool,
}

/// What a page is read with, in the statement that reads it, when the caller will show it: the records its
/// items point to (a centre's territory) and the count of everything the filter finds (`totalCount`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Along {
    pub related: bool,
    pub total: bool,
}

/// A page, the records its items point to (each once, for the items that point to one the scope sees) and
/// the total, as [`Along`] asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageAlong<T, R> {
    pub page: Page<T>,
    pub related: Vec<R>,
    pub total: Option<u64>,
}

impl<T> Page<T> {
    /// The same page, each item made into another.
    pub fn into_items<U>(self, item: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(item).collect(),
            has_previous: self.has_previous,
            has_next: self.has_next,
        }
    }

    /// Builds a page from rows fetched with one extra row beyond `limit` (to learn whether more exist), in
    /// scan order: ascending for forward pages, descending for backward ones.
    pub fn from_scan(mut rows: Vec<T>, request: &PageRequest) -> Page<T> {
        let limit = request.limit() as usize;
        let more = rows.len() > limit;
        rows.truncate(limit);
        match request {
            PageRequest::Forward { after, .. } => Page {
                items: rows,
                has_previous: after.is_some(),
                has_next: more,
            },
            PageRequest::Backward { before, .. } => {
                rows.reverse();
                Page {
                    items: rows,
                    has_previous: more,
                    has_next: before.is_some(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forward_scan_with_an_extra_row_has_a_next_page() {
        let request = PageRequest::Forward { limit: 2, after: None };
        let page = Page::from_scan(vec![1, 2, 3], &request);
        assert_eq!(
            page,
            Page {
                items: vec![1, 2],
                has_previous: false,
                has_next: true
            }
        );
        let last = Page::from_scan(vec![1, 2], &request);
        assert!(!last.has_next);
    }

    #[test]
    fn a_backward_scan_is_returned_in_ascending_order() {
        let before = Some(Position {
            key: None,
            id: Uuid::nil(),
        });
        let request = PageRequest::Backward { limit: 2, before };
        let page = Page::from_scan(vec![9, 8, 7], &request);
        assert_eq!(
            page,
            Page {
                items: vec![8, 9],
                has_previous: true,
                has_next: true
            }
        );
    }
}
