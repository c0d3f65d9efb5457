//! Limits checked before a query executes: aliases when it is parsed, depth and complexity when it is
//! validated. Each refusal carries its own code; nothing runs.

use std::sync::{Arc, Mutex};

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextValidation};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{ServerError, ServerResult, ValidationResult, Variables};

use crate::documents::Documents;
use crate::error::ErrorCode;
use crate::expansion::{expand, root_fields};
use crate::validated::Validated;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_depth: usize,
    pub max_complexity: usize,
    pub max_aliases: usize,
    /// Fields of a document once its fragments are written out (see [`crate::expansion`]).
    pub max_fields: usize,
    /// Root fields of one HTTP request, every operation of a batch together: each may reach the database.
    pub max_root_fields: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_depth: 12,
            max_complexity: 5_000,
            max_aliases: 30,
            max_fields: 2_000,
            max_root_fields: 20,
        }
    }
}

/// What one HTTP request may still spend, shared by every operation of a batch: root fields (each may reach
/// the database) and complexity. A batch of ten operations has one budget, not ten.
#[derive(Clone)]
pub struct Budget(Arc<Mutex<Left>>);

struct Left {
    root_fields: u64,
    complexity: u64,
}

impl Budget {
    pub fn new(limits: &Limits) -> Budget {
        Budget(Arc::new(Mutex::new(Left {
            root_fields: limits.max_root_fields as u64,
            complexity: limits.max_complexity as u64,
        })))
    }

    fn spend(&self, what: impl FnOnce(&mut Left) -> Result<(), ServerError>) -> Result<(), ServerError> {
        let mut left = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        what(&mut left)
    }
}

/// Nesting of selection sets and fragments, before validation measures the depth of fields (`max_depth`).
const MAX_NESTING: u64 = 64;

/// The schema's extension checking every operation against `limits`, with the documents it parsed.
pub(crate) struct LimitChecks {
    limits: Limits,
    documents: Arc<Documents>,
    validated: Arc<Validated>,
}

impl LimitChecks {
    pub(crate) fn new(limits: Limits) -> LimitChecks {
        LimitChecks {
            limits,
            documents: Arc::default(),
            validated: Arc::default(),
        }
    }
}

impl ExtensionFactory for LimitChecks {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Checks {
            limits: self.limits,
            documents: self.documents.clone(),
            validated: self.validated.clone(),
            validation_key: Mutex::new(None),
            operation: Mutex::new(None),
            requested: Mutex::new(0),
        })
    }
}

/// The checks of one operation; it remembers which operation of the document the request runs.
struct Checks {
    limits: Limits,
    documents: Arc<Documents>,
    validated: Arc<Validated>,
    /// What the operation's validation depends on, if it may be kept.
    validation_key: Mutex<Option<Box<str>>>,
    operation: Mutex<Option<String>>,
    /// The complexity validation computed: the operation's requested cost.
    requested: Mutex<usize>,
}

/// Marks a request the checking schema only checks ([`crate::Engine`]): the extension keeps here the
/// document and the complexity it accepted, and stops before execution.
#[derive(Clone, Default)]
pub(crate) struct CheckOnly(Arc<Mutex<Accepted>>);

#[derive(Default)]
pub(crate) struct Accepted {
    pub(crate) document: Option<ExecutableDocument>,
    pub(crate) requested: usize,
}

impl CheckOnly {
    fn with(&self, f: impl FnOnce(&mut Accepted)) {
        f(&mut self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    }

    pub(crate) fn take(&self) -> Accepted {
        std::mem::take(&mut self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }
}

/// The cost of an executed operation, reported in `extensions.cost` and charged to the caller's budget:
/// `requested` is the complexity computed before execution; `actual` counts what it did — each SQL statement it
/// ran at the price of a field that reaches the database, plus every value it returned.
pub fn actual_cost(data: &async_graphql::Value, statements: u64) -> u64 {
    fn values(value: &async_graphql::Value) -> u64 {
        match value {
            async_graphql::Value::List(items) => items.iter().map(values).sum::<u64>(),
            async_graphql::Value::Object(fields) => fields.values().map(|v| 1 + values(v)).sum::<u64>(),
            _ => 0,
        }
    }
    values(data) + statements * crate::pagination::DB_FIELD_COST as u64
}

/// Adds `extensions.cost` to an executed operation's response: the complexity validation computed
/// (`requested`) and what it did (`actual`, see [`actual_cost`]) with `statements` statements.
pub(crate) fn report_cost(response: &mut async_graphql::Response, requested: u64, statements: u64) {
    let actual = actual_cost(&response.data, statements);
    let mut cost = async_graphql::indexmap::IndexMap::new();
    cost.insert(
        async_graphql::Name::new("requested"),
        async_graphql::Value::from(requested),
    );
    cost.insert(async_graphql::Name::new("actual"), async_graphql::Value::from(actual));
    response
        .extensions
        .insert("cost".to_owned(), async_graphql::Value::Object(cost));
}

impl Checks {
    /// The request's budget, or a fresh one for a request that came without (a schema used directly).
    fn budget(&self, ctx: &ExtensionContext<'_>) -> Budget {
        ctx.data_opt::<Budget>()
            .cloned()
            .unwrap_or_else(|| Budget::new(&self.limits))
    }
}

#[async_trait::async_trait]
impl Extension for Checks {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: async_graphql::extensions::NextExecute<'_>,
    ) -> async_graphql::Response {
        if ctx.data_opt::<CheckOnly>().is_some() {
            return async_graphql::Response::new(async_graphql::Value::Null);
        }
        let before = pactes_persistence::request_stats::current().map_or(0, |s| s.statements());
        let mut response = match crate::socket_caller::event_data(ctx) {
            Some(data) => next.run_with_data(ctx, operation_name, data).await,
            None => next.run(ctx, operation_name).await,
        };
        let ran = pactes_persistence::request_stats::current().map_or(0, |s| s.statements()) - before;
        let requested = self.requested.lock().map_or(0, |r| *r) as u64;
        report_cost(&mut response, requested, ran);
        response
    }

    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: async_graphql::Request,
        next: async_graphql::extensions::NextPrepareRequest<'_>,
    ) -> ServerResult<async_graphql::Request> {
        if let Ok(mut operation) = self.operation.lock() {
            operation.clone_from(&request.operation_name);
        }
        if let Ok(mut key) = self.validation_key.lock() {
            *key = Validated::key(&request.query, request.operation_name.as_deref(), &request.variables);
        }
        next.run(ctx, request).await
    }

    /// Parses the document here rather than through `next`: async-graphql's own post-parse depth check follows
    /// every fragment spread without memoising, so an exponential document would hold the worker there. The
    /// memoised expansion below bounds nesting, fields and aliases in one linear pass instead.
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        _variables: &Variables,
        _next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let (document, expansion) = self.documents.get_or_parse(query, |query| {
            let document = async_graphql::parser::parse_query(query)
                .map_err(|e| with_code(ServerError::from(e), ErrorCode::GraphqlParseFailed))?;
            // Before validation, which would walk every expanded field: an exponential document stops here.
            let expansion =
                expand(&document).map_err(|e| ErrorCode::GraphqlValidationFailed.server_error(e.to_string()))?;
            Ok::<_, ServerError>((document, expansion))
        })?;
        if expansion.nesting > MAX_NESTING {
            return Err(ErrorCode::QueryTooDeep.server_error(format!(
                "the query nests {} selection sets (fragments included); at most {MAX_NESTING} are allowed",
                expansion.nesting
            )));
        }
        if expansion.depth > self.limits.max_depth as u64 {
            return Err(ErrorCode::QueryTooDeep.server_error(format!(
                "the query is nested {} levels deep; at most {} are allowed (introspection excepted)",
                expansion.depth, self.limits.max_depth
            )));
        }
        if expansion.fields > self.limits.max_fields as u64 {
            return Err(ErrorCode::QueryTooComplex.server_error(format!(
                "the query expands to {} fields once its fragments are written out; at most {} are allowed",
                expansion.fields, self.limits.max_fields
            )));
        }
        let aliases = expansion.aliases;
        if aliases > self.limits.max_aliases as u64 {
            return Err(ErrorCode::TooManyAliases.server_error(format!(
                "the query uses {aliases} aliases; at most {} are allowed",
                self.limits.max_aliases
            )));
        }
        let operation = self.operation.lock().ok().and_then(|o| o.clone());
        let roots = root_fields(&document, operation.as_deref());
        let max_roots = self.limits.max_root_fields;
        self.budget(ctx).spend(|left| {
            if roots > left.root_fields {
                return Err(ErrorCode::QueryTooComplex.server_error(format!(
                    "the request selects more than {max_roots} root fields (each may reach the database; the \
                     operations of a batch share them)"
                )));
            }
            left.root_fields -= roots;
            Ok(())
        })?;
        if let Some(check_only) = ctx.data_opt::<CheckOnly>() {
            check_only.with(|accepted| accepted.document = Some(document.clone()));
        }
        Ok(document)
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let key = self.validation_key.lock().ok().and_then(|mut k| k.take());
        let result = match key.as_deref().and_then(|k| self.validated.get(k)) {
            Some(kept) => kept,
            None => {
                let result = next.run(ctx).await.map_err(|errors| {
                    errors
                        .into_iter()
                        .map(|e| with_code(e, ErrorCode::GraphqlValidationFailed))
                        .collect::<Vec<_>>()
                })?;
                if let Some(key) = key {
                    self.validated.keep(key, result);
                }
                result
            }
        };
        if result.complexity > self.limits.max_complexity {
            return Err(vec![ErrorCode::QueryTooComplex.server_error(format!(
                "the query's complexity is {}; at most {} is allowed (ask for smaller pages or fewer fields)",
                result.complexity, self.limits.max_complexity
            ))]);
        }
        if let Ok(mut requested) = self.requested.lock() {
            *requested = result.complexity;
        }
        if let Some(check_only) = ctx.data_opt::<CheckOnly>() {
            check_only.with(|accepted| accepted.requested = result.complexity);
        }
        let (complexity, max) = (result.complexity as u64, self.limits.max_complexity);
        self.budget(ctx)
            .spend(|left| {
                if complexity > left.complexity {
                    return Err(ErrorCode::QueryTooComplex.server_error(format!(
                        "the operations of this batch together exceed the complexity of {max} one request may have"
                    )));
                }
                left.complexity -= complexity;
                Ok(())
            })
            .map_err(|e| vec![e])?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expansion::doubling_fragments;

    /// The review's document, 30 levels deep, is refused before validation; without the check, validation
    /// alone would take minutes (2.13 s at 22 levels, doubling with each level).
    #[tokio::test]
    async fn an_exponential_fragment_document_is_refused_before_validation() {
        let schema = crate::build_schema(Limits::default());
        let request = async_graphql::Request::new(doubling_fragments(30));
        let started = std::time::Instant::now();
        let response = schema.execute(request).await;
        let elapsed = started.elapsed();
        let codes: Vec<String> = response
            .errors
            .iter()
            .filter_map(|e| e.extensions.as_ref()?.get("code").map(|c| c.to_string()))
            .collect();
        assert_eq!(codes, ["\"QUERY_TOO_COMPLEX\""], "{:?}", response.errors);
        // Not a timing test: a bound minutes away from the unprotected case, so a slow machine cannot fail it.
        assert!(elapsed < std::time::Duration::from_secs(2), "took {elapsed:?}");
        eprintln!("30-level fragment document refused in {elapsed:?}");
    }
}
