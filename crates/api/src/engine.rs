//! How the HTTP endpoint executes an operation: in two passes over the same types. The checking schema
//! parses, sizes and validates it against the limits and the request's budget ([`crate::limits`]) and stops
//! there; the running schema, which has no extension, executes the document the first accepted. An
//! extension costs every resolved field a call (async-graphql hands each field to every extension, which
//! here only acts before execution): on a page of 50 centres, a sixteenth of the request.

use async_graphql::{BatchRequest, BatchResponse, Request, Response};
use futures_util::StreamExt;
use futures_util::stream::FuturesOrdered;

use crate::limits::{Budget, CheckOnly, Limits, report_cost};
use crate::schema::{ApiSchema, build_running_schema, build_schema};

pub struct Engine {
    checking: ApiSchema,
    running: ApiSchema,
}

impl Engine {
    pub fn new(limits: Limits) -> Engine {
        Engine {
            checking: build_schema(limits),
            running: build_running_schema(),
        }
    }

    /// The schema that checks and runs in one pass, with its extension: what a WebSocket serves.
    pub fn schema(&self) -> &ApiSchema {
        &self.checking
    }

    /// Executes the operations of one HTTP request, which share `budget`, in order.
    pub async fn execute_batch(&self, batch: BatchRequest, budget: &Budget) -> BatchResponse {
        match batch {
            BatchRequest::Single(request) => BatchResponse::Single(self.execute(request, budget).await),
            BatchRequest::Batch(requests) => BatchResponse::Batch(
                requests
                    .into_iter()
                    .map(|request| self.execute(request, budget))
                    .collect::<FuturesOrdered<_>>()
                    .collect()
                    .await,
            ),
        }
    }

    /// Checks `request` and, accepted, executes it; refused, its response carries the errors and no data.
    pub async fn execute(&self, mut request: Request, budget: &Budget) -> Response {
        let check_only = CheckOnly::default();
        let mut check = Request::new(request.query.clone())
            .variables(request.variables.clone())
            .data(check_only.clone())
            .data(budget.clone());
        check.operation_name.clone_from(&request.operation_name);
        check.introspection_mode = request.introspection_mode;
        let checked = self.checking.execute(check).await;
        if checked.is_err() {
            return checked;
        }
        let accepted = check_only.take();
        let Some(document) = accepted.document else {
            return checked;
        };
        request.set_parsed_query(document);
        let statements = || pactes_persistence::request_stats::current().map_or(0, |s| s.statements());
        let before = statements();
        let mut response = self.running.execute(request).await;
        report_cost(&mut response, accepted.requested as u64, statements() - before);
        response
    }
}
