//! Lists stored in one text column as JSON (communes, départements, action domains, contacts): they are read
//! and written whole, never queried inside.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::corrupt;
use pactes_domain::RepositoryError;

pub(crate) fn encode<T: Serialize>(value: &T) -> String {
    // Serialising plain strings and structs of strings cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_owned())
}

pub(crate) fn decode<T: DeserializeOwned>(column: &str, text: &str) -> Result<T, RepositoryError> {
    serde_json::from_str(text).map_err(|e| corrupt(format!("{column}: {e}")))
}
