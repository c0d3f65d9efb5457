//! The size of a document once its fragments are expanded, computed in one pass in which each fragment is sized
//! once (memoised). A few hundred bytes of fragments spreading each other twice per level expand to billions of
//! fields; validation would walk every one of them. This check runs right after parsing and refuses such a
//! document in microseconds, before any validation.

use std::collections::HashMap;

use async_graphql::parser::types::{ExecutableDocument, FragmentDefinition, Selection, SelectionSet};
use async_graphql::{Name, Positioned};

/// Fields and aliases of an operation (or a fragment) counted as if every fragment were written out, and the
/// deepest nesting of selection sets, fragments included.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Expansion {
    pub fields: u64,
    pub aliases: u64,
    pub nesting: u64,
    /// The deepest chain of fields outside introspection (`__schema`, `__type`): the query's depth for the
    /// depth limit. Introspection is bounded by `nesting`, `fields` and complexity instead, so that the standard
    /// introspection queries of client tools (fifteen levels of `ofType`) are answered.
    pub depth: u64,
}

impl Expansion {
    /// Two selections side by side.
    fn add(self, other: Expansion) -> Expansion {
        Expansion {
            fields: self.fields.saturating_add(other.fields),
            aliases: self.aliases.saturating_add(other.aliases),
            nesting: self.nesting.max(other.nesting),
            depth: self.depth.max(other.depth),
        }
    }

    /// A selection set one level below.
    fn nested(self) -> Expansion {
        Expansion {
            nesting: self.nesting + 1,
            ..self
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExpansionError {
    #[error("the fragment {0} spreads itself, directly or through other fragments")]
    Cycle(String),
}

struct Sizer<'a> {
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    sized: HashMap<&'a str, Expansion>,
    visiting: Vec<&'a str>,
}

impl<'a> Sizer<'a> {
    fn set(&mut self, set: &'a SelectionSet) -> Result<Expansion, ExpansionError> {
        let mut total = Expansion::default();
        for item in &set.items {
            let size = match &item.node {
                Selection::Field(field) => {
                    let introspection = field.node.name.node.starts_with("__");
                    let own = Expansion {
                        fields: 1,
                        aliases: u64::from(field.node.alias.is_some()),
                        nesting: 0,
                        depth: u64::from(!introspection),
                    };
                    let below = &field.node.selection_set.node;
                    if below.items.is_empty() {
                        own
                    } else {
                        let children = self.set(below)?.nested();
                        let depth = if introspection { 0 } else { children.depth + 1 };
                        Expansion {
                            depth,
                            ..own.add(children)
                        }
                    }
                }
                Selection::InlineFragment(inline) => self.set(&inline.node.selection_set.node)?.nested(),
                Selection::FragmentSpread(spread) => self.fragment(spread.node.fragment_name.node.as_str())?.nested(),
            };
            total = total.add(size);
        }
        Ok(total)
    }

    fn fragment(&mut self, name: &'a str) -> Result<Expansion, ExpansionError> {
        if let Some(size) = self.sized.get(name) {
            return Ok(*size);
        }
        if self.visiting.contains(&name) {
            return Err(ExpansionError::Cycle(name.to_owned()));
        }
        // An unknown fragment is validation's to report; it adds nothing here.
        let Some((key, definition)) = self.fragments.get_key_value(name) else {
            return Ok(Expansion::default());
        };
        self.visiting.push(key.as_str());
        let size = self.set(&definition.node.selection_set.node)?;
        self.visiting.pop();
        self.sized.insert(key.as_str(), size);
        Ok(size)
    }
}

/// The expansion of the whole document: every operation, fragments written out.
pub fn expand(document: &ExecutableDocument) -> Result<Expansion, ExpansionError> {
    let mut sizer = Sizer {
        fragments: &document.fragments,
        sized: HashMap::new(),
        visiting: Vec::new(),
    };
    let mut total = Expansion::default();
    for (_, operation) in document.operations.iter() {
        total = total.add(sizer.set(&operation.node.selection_set.node)?);
    }
    // A fragment no operation uses is still walked by validation: size it too, for its cycles.
    for name in document.fragments.keys() {
        sizer.fragment(name.as_str())?;
    }
    Ok(total)
}

/// The fields an operation selects at its root, fragments written out: each may reach the database. The
/// operation is the named one, or the document's only one; an unknown name counts nothing (validation reports
/// it). Called once the expansion is known to be bounded.
pub fn root_fields(document: &ExecutableDocument, operation: Option<&str>) -> u64 {
    fn count(set: &SelectionSet, document: &ExecutableDocument, depth: usize) -> u64 {
        if depth > 64 {
            return 0;
        }
        set.items
            .iter()
            .map(|item| match &item.node {
                // Introspection answers from the schema, never from the database.
                Selection::Field(field) if field.node.name.node.starts_with("__") => 0,
                Selection::Field(_) => 1,
                Selection::InlineFragment(inline) => count(&inline.node.selection_set.node, document, depth + 1),
                Selection::FragmentSpread(spread) => document
                    .fragments
                    .get(&spread.node.fragment_name.node)
                    .map_or(0, |f| count(&f.node.selection_set.node, document, depth + 1)),
            })
            .fold(0u64, u64::saturating_add)
    }
    let selected = document.operations.iter().find(|(name, _)| match operation {
        Some(wanted) => name.is_some_and(|n| n.as_str() == wanted),
        None => true,
    });
    selected.map_or(0, |(_, op)| count(&op.node.selection_set.node, document, 0))
}

/// The exponential document of the security review: `query { ...F0 }`, each fragment spreading the next twice.
#[cfg(test)]
pub(crate) fn doubling_fragments(levels: usize) -> String {
    let mut document = String::from("query { ...F0 }\n");
    for level in 0..levels {
        document.push_str(&format!(
            "fragment F{level} on Query {{ ...F{next} ...F{next} }}\n",
            next = level + 1
        ));
    }
    document.push_str(&format!("fragment F{levels} on Query {{ viewer {{ subject }} }}\n"));
    document
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> ExecutableDocument {
        async_graphql::parser::parse_query(query).unwrap()
    }

    #[test]
    fn fragments_count_as_often_as_they_are_spread() {
        let document =
            parse("{ a: viewer { subject ...R } viewer { roles ...R } } fragment R on Viewer { national b: national }");
        assert_eq!(
            expand(&document),
            Ok(Expansion {
                fields: 8,
                aliases: 3,
                nesting: 2,
                depth: 2
            })
        );
    }

    #[test]
    fn doubling_fragments_expand_exponentially_and_are_sized_at_once() {
        let document = parse(&doubling_fragments(30));
        let size = expand(&document).unwrap();
        // 2^30 spreads of a fragment of two fields.
        assert_eq!(size.fields, 2 * (1 << 30));
        let huge = parse(&doubling_fragments(70));
        assert_eq!(
            expand(&huge).unwrap().fields,
            u64::MAX,
            "saturates instead of overflowing"
        );
    }

    #[test]
    fn a_cycle_is_reported_not_followed() {
        let document = parse("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }");
        assert!(matches!(expand(&document), Err(ExpansionError::Cycle(_))));
    }
}
