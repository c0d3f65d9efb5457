//! Which kind of operation a request would run, read before it runs: a GET may only query, a WebSocket may only
//! subscribe. The document is parsed for this alone; the schema parses it again (with its limits) to run it.

use async_graphql::parser::types::OperationType;

/// The type of the operation `operation` names in `query` (the document's only one without a name); `None` when
/// the document does not parse or has no such operation, which the schema then reports.
pub fn operation_type(query: &str, operation: Option<&str>) -> Option<OperationType> {
    let document = async_graphql::parser::parse_query(query).ok()?;
    document
        .operations
        .iter()
        .find(|(name, _)| operation.is_none_or(|wanted| name.is_some_and(|n| n.as_str() == wanted)))
        .map(|(_, op)| op.node.ty)
}
