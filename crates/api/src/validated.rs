//! Validation results, kept by what they depend on: the document's text, the operation's name and the
//! variables (the schema is the process's own). Clients send the same few operations over and over, and
//! validating one (every rule, then complexity) was a twentieth of a small request; a result kept is checked
//! against the limits and the request's budget again like a fresh one. Only documents that validated are kept.

use std::collections::HashMap;
use std::sync::Mutex;

use async_graphql::{ValidationResult, Variables};

/// Operations longer than this (text and variables) are validated every time, as documents are parsed
/// every time past `documents::MAX_TEXT`.
const MAX_KEY: usize = 16 * 1024;
/// Results kept at once; when full, the cache starts again empty.
const CAPACITY: usize = 1024;

#[derive(Default)]
pub(crate) struct Validated {
    results: Mutex<HashMap<Box<str>, ValidationResult>>,
}

impl Validated {
    /// The key of an operation, or `None` for one too large to keep.
    pub(crate) fn key(query: &str, operation: Option<&str>, variables: &Variables) -> Option<Box<str>> {
        let variables = serde_json::to_string(variables).ok()?;
        let key = format!("{}\u{0}{}\u{0}{query}", operation.unwrap_or_default(), variables);
        (key.len() <= MAX_KEY).then(|| key.into_boxed_str())
    }

    pub(crate) fn get(&self, key: &str) -> Option<ValidationResult> {
        self.lock().get(key).copied()
    }

    pub(crate) fn keep(&self, key: Box<str>, result: ValidationResult) {
        let mut results = self.lock();
        if results.len() >= CAPACITY {
            results.clear();
        }
        results.insert(key, result);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Box<str>, ValidationResult>> {
        // A panic while holding the lock leaves a map that is still whole: keep using it.
        self.results.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_differing_only_by_their_variables_or_name_are_kept_apart() {
        let query = "query Q($n: Int) { centres(first: $n) { totalCount } }";
        let ten = Variables::from_json(serde_json::json!({ "n": 10 }));
        let hundred = Variables::from_json(serde_json::json!({ "n": 100 }));
        let a = Validated::key(query, None, &ten).unwrap();
        assert_ne!(a, Validated::key(query, None, &hundred).unwrap());
        assert_ne!(a, Validated::key(query, Some("Q"), &ten).unwrap());
        assert_eq!(a, Validated::key(query, None, &ten).unwrap());
        assert!(Validated::key(&"{ a }".repeat(5000), None, &ten).is_none());
    }
}
