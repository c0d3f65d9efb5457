//! Parsed documents, kept by their text. Clients send the same few documents over and over (a front-end's
//! queries, an integration's, trusted documents), and parsing one is a fifth of a small request's work; a
//! document already parsed is cloned instead. Only documents that parsed and were sized are kept; the limits
//! are checked again on every request, against the sizes kept with them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_graphql::parser::types::ExecutableDocument;

use crate::expansion::Expansion;

/// Documents longer than this are parsed every time: a client's documents are far shorter, and a cache of
/// large texts would be memory spent on whoever sends them.
const MAX_TEXT: usize = 16 * 1024;
/// Documents kept at once; when full, the cache starts again empty (a client's documents come back at once).
const CAPACITY: usize = 512;

/// Documents by their text, each with its size.
type Parsed = HashMap<Box<str>, Arc<(ExecutableDocument, Expansion)>>;

#[derive(Default)]
pub(crate) struct Documents {
    parsed: Mutex<Parsed>,
}

impl Documents {
    /// The document `text` and its size, parsed by `parse` unless it is kept.
    pub(crate) fn get_or_parse<E>(
        &self,
        text: &str,
        parse: impl FnOnce(&str) -> Result<(ExecutableDocument, Expansion), E>,
    ) -> Result<(ExecutableDocument, Expansion), E> {
        if let Some(kept) = self.lock().get(text).cloned() {
            return Ok((kept.0.clone(), kept.1));
        }
        let parsed = parse(text)?;
        if text.len() <= MAX_TEXT {
            let mut parsed_documents = self.lock();
            if parsed_documents.len() >= CAPACITY {
                parsed_documents.clear();
            }
            parsed_documents.insert(text.into(), Arc::new((parsed.0.clone(), parsed.1)));
        }
        Ok(parsed)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Parsed> {
        // A panic while holding the lock leaves a map that is still whole: keep using it.
        self.parsed.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<(ExecutableDocument, Expansion), String> {
        let document = async_graphql::parser::parse_query(text).map_err(|e| e.to_string())?;
        let expansion = crate::expansion::expand(&document).map_err(|e| e.to_string())?;
        Ok((document, expansion))
    }

    #[test]
    fn a_document_is_parsed_once_and_a_bad_one_is_not_kept() {
        let documents = Documents::default();
        let mut parses = 0;
        for _ in 0..3 {
            let (document, expansion) = documents
                .get_or_parse("{ centres { totalCount } }", |t| {
                    parses += 1;
                    parse(t)
                })
                .unwrap();
            assert_eq!(document.operations.iter().count(), 1);
            assert_eq!(expansion.fields, 2);
        }
        assert_eq!(parses, 1);
        assert!(documents.get_or_parse("{ centres { ", parse).is_err());
        assert_eq!(documents.len(), 1, "a document that does not parse is not kept");
    }

    #[test]
    fn the_cache_stays_bounded() {
        let documents = Documents::default();
        for i in 0..(CAPACITY + 10) {
            documents
                .get_or_parse(&format!("{{ a{i}: viewer {{ subject }} }}"), parse)
                .unwrap();
        }
        assert!(documents.len() <= CAPACITY);
        let long = format!("{{ viewer {{ subject }} }}{}", " ".repeat(MAX_TEXT));
        let before = documents.len();
        documents.get_or_parse(&long, parse).unwrap();
        assert_eq!(documents.len(), before, "long documents are parsed, not kept");
    }
}
