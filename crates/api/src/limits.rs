//! Limits checked before a query executes: aliases when it is parsed, depth and complexity when it is
//! validated. Each refusal carries its own code; nothing runs.

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextValidation};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ServerError, ServerResult, ValidationResult, Variables};

use crate::error::ErrorCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_depth: usize,
    pub max_complexity: usize,
    pub max_aliases: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_depth: 12,
            max_complexity: 5_000,
            max_aliases: 30,
        }
    }
}

impl ExtensionFactory for Limits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(*self)
    }
}

#[async_trait::async_trait]
impl Extension for Limits {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next
            .run(ctx, query, variables)
            .await
            .map_err(|e| with_code(e, ErrorCode::GraphqlParseFailed))?;
        let aliases = count_aliases(&document);
        if aliases > self.max_aliases {
            return Err(ErrorCode::TooManyAliases.server_error(format!(
                "the query uses {aliases} aliases; at most {} are allowed",
                self.max_aliases
            )));
        }
        Ok(document)
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await.map_err(|errors| {
            errors
                .into_iter()
                .map(|e| with_code(e, ErrorCode::GraphqlValidationFailed))
                .collect::<Vec<_>>()
        })?;
        if result.depth > self.max_depth {
            return Err(vec![ErrorCode::QueryTooDeep.server_error(format!(
                "the query is nested {} levels deep; at most {} are allowed",
                result.depth, self.max_depth
            ))]);
        }
        if result.complexity > self.max_complexity {
            return Err(vec![ErrorCode::QueryTooComplex.server_error(format!(
                "the query's complexity is {}; at most {} is allowed (ask for smaller pages or fewer fields)",
                result.complexity, self.max_complexity
            ))]);
        }
        Ok(result)
    }
}

fn with_code(mut error: ServerError, code: ErrorCode) -> ServerError {
    let extensions = error.extensions.get_or_insert_with(Default::default);
    if extensions.get("code").is_none() {
        extensions.set("code", code.as_str());
    }
    error
}

fn count_aliases(document: &ExecutableDocument) -> usize {
    fn in_set(set: &SelectionSet) -> usize {
        set.items
            .iter()
            .map(|item| match &item.node {
                Selection::Field(field) => {
                    usize::from(field.node.alias.is_some()) + in_set(&field.node.selection_set.node)
                }
                Selection::InlineFragment(fragment) => in_set(&fragment.node.selection_set.node),
                Selection::FragmentSpread(_) => 0,
            })
            .sum()
    }
    let operations: usize = document
        .operations
        .iter()
        .map(|(_, op)| in_set(&op.node.selection_set.node))
        .sum();
    let fragments: usize = document
        .fragments
        .values()
        .map(|f| in_set(&f.node.selection_set.node))
        .sum();
    operations + fragments
}
