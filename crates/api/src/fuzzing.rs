//! The hand-written parsers a user's input reaches through this crate, each with the properties it must keep,
//! for the fuzz targets (`fuzz/`). Each function takes any input and panics only when a property is broken.

use async_graphql::ID;
use async_graphql::connection::CursorType;

use crate::expansion::{expand, root_fields};
use crate::ids::{self, NodeKind};
use crate::pagination::Cursor;

/// A page cursor as a client sends it back: decoded or refused, and a decoded one encodes to a cursor that
/// decodes to itself.
pub fn cursor(input: &str) {
    if let Ok(cursor) = Cursor::decode_cursor(input) {
        let again = Cursor::decode_cursor(&cursor.encode_cursor()).expect("an encoded cursor decodes");
        assert_eq!(again, cursor);
    }
}

/// A global id: decoded or refused; a decoded one names its kind and encodes back to an id of the same object.
pub fn global_id(input: &str) {
    if let Some((kind, uuid)) = ids::decode(&ID(input.to_owned())) {
        assert_eq!(ids::decode(&ids::encode(kind, uuid)), Some((kind, uuid)));
        assert_eq!(ids::decode_as(&ID(input.to_owned()), kind), Some(uuid));
        for other in NodeKind::ALL.iter().filter(|k| **k != kind) {
            assert_eq!(ids::decode_as(&ID(input.to_owned()), *other), None);
        }
    }
    let _ = ids::decode_party(&ID(input.to_owned()));
}

/// A GraphQL document through the limits' pass: parsed or refused, and a parsed one sized (fields, aliases,
/// nesting, depth, root fields) without panicking, whatever its fragments do.
pub fn document(input: &str) {
    if let Ok(document) = async_graphql::parser::parse_query(input)
        && expand(&document).is_ok()
    {
        let _ = root_fields(&document, None);
        for (name, _) in document.operations.iter() {
            let _ = root_fields(&document, name.map(|n| n.as_str()));
        }
    }
}

/// A number of a French spreadsheet (`1 800 000,50`) in the decimal point form: the same digits, in order, with
/// no space of any kind and no comma left.
pub fn french_number(input: &str) -> String {
    let converted = crate::indicators::spreadsheet::decimal_point(input);
    assert!(!converted.contains([',', ' ', '\u{a0}', '\u{202f}']), "{converted:?}");
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    assert_eq!(digits(&converted), digits(input));
    converted
}
