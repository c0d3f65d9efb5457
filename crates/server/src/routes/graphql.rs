//! GraphQL over HTTP. Done by hand rather than with an integration crate, because the order of checks matters:
//! the token, the body size and the batch size are refused before anything is parsed or executed, each with
//! its HTTP status and a GraphQL error carrying its code.

use std::time::Instant;

use actix_web::http::StatusCode;
use actix_web::http::header::{ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use actix_web::{HttpRequest, HttpResponse, web};
use async_graphql::{BatchRequest, BatchResponse};
use futures_util::StreamExt;
use pactes_api::{Budget, ErrorCode, RequestContext};
use pactes_persistence::request_stats;

use crate::auth::{AuthError, Authenticated};
use crate::state::AppState;

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";
const JSON: &str = "application/json";
const MULTIPART: &str = "multipart/form-data";

/// The client's preferred response media type. `application/graphql-response+json` also changes statuses:
/// a request that fails before execution is a 400, as the GraphQL-over-HTTP specification asks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    GraphqlResponse,
}

impl Format {
    /// The media type the client prefers by its `Accept` header's quality values; `application/json` when it
    /// names neither (older clients), as the GraphQL-over-HTTP specification allows.
    fn of(req: &HttpRequest) -> Format {
        let accept = req
            .headers()
            .get(ACCEPT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let (mut json, mut graphql) = (None::<f32>, None::<f32>);
        for range in accept.split(',') {
            let mut parts = range.split(';').map(str::trim);
            let media = parts.next().unwrap_or_default().to_ascii_lowercase();
            let quality = parts
                .filter_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
                .find_map(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let better = |current: Option<f32>| Some(current.map_or(quality, |c| c.max(quality)));
            match media.as_str() {
                GRAPHQL_RESPONSE => graphql = better(graphql),
                JSON => json = better(json),
                "*/*" | "application/*" => {
                    json = json.or(Some(quality));
                    graphql = graphql.or(Some(quality));
                }
                _ => {}
            }
        }
        match (graphql, json) {
            (Some(g), Some(j)) if g > 0.0 && g >= j && accept.to_ascii_lowercase().contains(GRAPHQL_RESPONSE) => {
                Format::GraphqlResponse
            }
            (Some(g), None) if g > 0.0 => Format::GraphqlResponse,
            _ => Format::Json,
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json; charset=utf-8",
            Format::GraphqlResponse => "application/graphql-response+json; charset=utf-8",
        }
    }
}

fn refuse(status: StatusCode, code: ErrorCode, message: &str, format: Format) -> HttpResponse {
    let span = tracing::Span::current();
    span.record("outcome", "refused");
    span.record("error_codes", code.as_str());
    let body = serde_json::json!({ "errors": [{ "message": message, "extensions": { "code": code.as_str() } }] });
    let mut response = HttpResponse::build(status);
    if status == StatusCode::UNAUTHORIZED {
        // RFC 6750: say which scheme is expected, and that the token presented (if any) was not valid.
        response.insert_header((WWW_AUTHENTICATE, r#"Bearer realm="pactes", error="invalid_token""#));
    }
    response.content_type(format.content_type()).body(body.to_string())
}

/// The codes of failures before execution: the document does not parse, does not validate, or is over a
/// limit. Such a response has no `data` and, for `application/graphql-response+json`, the status 400.
const BEFORE_EXECUTION: [ErrorCode; 5] = [
    ErrorCode::GraphqlParseFailed,
    ErrorCode::GraphqlValidationFailed,
    ErrorCode::QueryTooDeep,
    ErrorCode::QueryTooComplex,
    ErrorCode::TooManyAliases,
];

/// The caller of a request, or the response refusing it (401, or 503 while tokens cannot be checked).
async fn authenticate(
    req: &HttpRequest,
    state: &AppState,
    format: Format,
) -> Result<Option<Authenticated>, HttpResponse> {
    let header = req.headers().get(AUTHORIZATION).map(|v| v.to_str().unwrap_or("\u{0}"));
    match state.auth.authenticate(header).await {
        Ok(authenticated) => Ok(authenticated),
        Err(AuthError::Unavailable) => {
            let mut reply = refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Unavailable,
                "cannot check the token right now; retry in a moment",
                format,
            );
            reply
                .headers_mut()
                .insert(RETRY_AFTER, actix_web::http::header::HeaderValue::from_static("1"));
            Err(reply)
        }
        Err(error) => {
            state.metrics.refused(ErrorCode::Unauthenticated.as_str());
            Err(refuse(
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthenticated,
                &error.to_string(),
                format,
            ))
        }
    }
}

/// `GET /graphql`: a query in the URL (`query`, `variables`, `operationName`), as the GraphQL-over-HTTP
/// specification allows, or GraphiQL when there is none. A mutation is refused (405): a GET must not change
/// anything. An anonymous read of public data may be cached.
pub async fn get(req: HttpRequest, params: web::Query<GetParams>, state: web::Data<AppState>) -> HttpResponse {
    let started = Instant::now();
    let format = Format::of(&req);
    let GetParams {
        query,
        variables,
        operation_name,
    } = params.into_inner();
    let Some(query) = query else {
        return super::graphiql::page().await;
    };
    if is_mutation(&query, operation_name.as_deref()) {
        let mut reply = refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::BadRequest,
            "mutations are sent with POST",
            format,
        );
        reply.headers_mut().insert(
            actix_web::http::header::ALLOW,
            actix_web::http::header::HeaderValue::from_static("POST"),
        );
        return reply;
    }
    let authenticated = match authenticate(&req, &state, format).await {
        Ok(authenticated) => authenticated,
        Err(reply) => return reply,
    };
    // GET carries a document of the caller's own: never for the roles that run trusted documents only.
    if runs_trusted_documents_only(&state, authenticated.as_ref()) {
        return not_trusted(
            &state,
            "your role runs trusted documents only: POST a registered documentId",
            format,
        );
    }
    let mut request = async_graphql::Request::new(query);
    if let Some(name) = operation_name {
        request = request.operation_name(name);
    }
    if let Some(variables) = variables {
        match serde_json::from_str::<serde_json::Value>(&variables) {
            Ok(value) => request = request.variables(async_graphql::Variables::from_json(value)),
            Err(error) => {
                let message = format!("`variables` is not JSON: {error}");
                return refuse(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, &message, format);
            }
        }
    }
    let cacheable = authenticated.is_none();
    run(
        &state,
        started,
        format,
        authenticated,
        BatchRequest::Single(request),
        cacheable,
    )
    .await
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetParams {
    query: Option<String>,
    variables: Option<String>,
    operation_name: Option<String>,
}

/// Replaces each operation's `documentId` (or Apollo's `extensions.persistedQuery.sha256Hash`) by the trusted
/// document it names. Returns whether every operation of the request is a trusted document.
async fn trusted_documents(
    value: &mut serde_json::Value,
    state: &AppState,
    format: Format,
) -> Result<bool, HttpResponse> {
    let operations: Vec<&mut serde_json::Value> = match value {
        serde_json::Value::Array(items) => items.iter_mut().collect(),
        single => vec![single],
    };
    let mut all_trusted = true;
    for operation in operations {
        let Some(fields) = operation.as_object_mut() else {
            continue;
        };
        let id = fields
            .get("documentId")
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .or_else(|| {
                fields
                    .get("extensions")?
                    .get("persistedQuery")?
                    .get("sha256Hash")?
                    .as_str()
                    .map(|hash| format!("sha256:{hash}"))
            });
        let sent = fields.get("query").and_then(|q| q.as_str()).filter(|q| !q.is_empty());
        let Some(id) = id else {
            all_trusted = false;
            continue;
        };
        let stored = state.db.trusted_document_public(&id).await.map_err(|error| {
            tracing::warn!(%error, "cannot read trusted documents");
            refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Unavailable,
                "retry in a moment",
                format,
            )
        })?;
        let Some(document) = stored else {
            return Err(refuse(
                StatusCode::OK,
                ErrorCode::PersistedQueryNotFound,
                "no trusted document has this id",
                format,
            ));
        };
        if sent.is_some_and(|sent| sent != document) {
            return Err(refuse(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                "the query sent differs from the trusted document of this id",
                format,
            ));
        }
        fields.insert("query".to_owned(), serde_json::Value::String(document));
    }
    Ok(all_trusted)
}

/// Whether the caller holds a role that may run trusted documents only (`PACTES_TRUSTED_DOCUMENTS_ONLY`).
fn runs_trusted_documents_only(state: &AppState, authenticated: Option<&Authenticated>) -> bool {
    authenticated.is_some_and(|a| a.caller.roles().any(|role| state.trusted_only.contains(&role)))
}

fn not_trusted(state: &AppState, message: &str, format: Format) -> HttpResponse {
    state.metrics.refused(ErrorCode::DocumentNotTrusted.as_str());
    refuse(StatusCode::FORBIDDEN, ErrorCode::DocumentNotTrusted, message, format)
}

/// Whether the operation a GET would run is a mutation (or a subscription): neither runs over GET.
fn is_mutation(query: &str, operation: Option<&str>) -> bool {
    use async_graphql::parser::types::OperationType;
    pactes_api::operation_type(query, operation).is_some_and(|ty| ty != OperationType::Query)
}

pub async fn execute(req: HttpRequest, mut payload: web::Payload, state: web::Data<AppState>) -> HttpResponse {
    let started = Instant::now();
    let format = Format::of(&req);
    let authenticated = match authenticate(&req, &state, format).await {
        Ok(authenticated) => authenticated,
        Err(reply) => return reply,
    };

    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let media = content_type.split(';').next().unwrap_or_default().trim();
    // A file (a spreadsheet) comes as a multipart request, per the GraphQL multipart request specification,
    // from a caller with a token: the bearer header is what no other site's form can send.
    let upload = media == MULTIPART;
    if !upload && media != JSON {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::BadRequest,
            "send the request as application/json (multipart/form-data to send a file)",
            format,
        );
    }
    if upload && authenticated.is_none() {
        return refuse(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthenticated,
            "a file is sent with a bearer token",
            format,
        );
    }
    let limit = if upload {
        state.max_upload_bytes
    } else {
        state.max_body_bytes
    };
    let body = match read_body(&req, &mut payload, limit, format).await {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    if upload {
        if runs_trusted_documents_only(&state, authenticated.as_ref()) {
            return not_trusted(
                &state,
                "your role runs trusted documents only, which send no file",
                format,
            );
        }
        let options = async_graphql::http::MultipartOptions::default()
            .max_file_size(limit)
            .max_num_files(4);
        // The boundary is case-sensitive: the header as sent, not the lowercased copy.
        let raw = req.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
        let batch = match async_graphql::http::receive_batch_body(raw, &body[..], options).await {
            Ok(batch) => batch,
            Err(error) => {
                let message = format!("the multipart request could not be read: {error}");
                return refuse(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, &message, format);
            }
        };
        return checked_run(&state, started, format, authenticated, batch).await;
    }
    let mut value: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(error) => {
            let message = format!("the body is not a GraphQL request: {error}");
            return refuse(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, &message, format);
        }
    };
    let trusted = match trusted_documents(&mut value, &state, format).await {
        Ok(trusted) => trusted,
        Err(reply) => return reply,
    };
    if !trusted && runs_trusted_documents_only(&state, authenticated.as_ref()) {
        let message = "your role runs trusted documents only: send a registered documentId, not a query";
        return not_trusted(&state, message, format);
    }
    let batch: BatchRequest = match serde_json::from_value(value) {
        Ok(batch) => batch,
        Err(error) => {
            let message = format!("the body is not a GraphQL request: {error}");
            return refuse(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, &message, format);
        }
    };
    checked_run(&state, started, format, authenticated, batch).await
}

/// The request's body, refused past `limit` bytes (as declared, or as it arrives).
async fn read_body(
    req: &HttpRequest,
    payload: &mut web::Payload,
    limit: usize,
    format: Format,
) -> Result<web::BytesMut, HttpResponse> {
    let too_large = format!("the request body exceeds {limit} bytes");
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            &too_large,
            format,
        ));
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let Ok(chunk) = chunk else {
            return Err(refuse(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                "the request body could not be read",
                format,
            ));
        };
        if body.len() + chunk.len() > limit {
            return Err(refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                &too_large,
                format,
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Runs a POSTed batch once its size is checked.
async fn checked_run(
    state: &AppState,
    started: Instant,
    format: Format,
    authenticated: Option<Authenticated>,
    batch: BatchRequest,
) -> HttpResponse {
    let operations = batch.iter().count();
    if operations > state.max_batch {
        let message = format!(
            "the batch holds {operations} operations; at most {} are allowed",
            state.max_batch
        );
        return refuse(StatusCode::BAD_REQUEST, ErrorCode::BatchTooLarge, &message, format);
    }
    run(state, started, format, authenticated, batch, false).await
}

/// Executes a batch for a caller and writes the response: its status decided by the stage that failed, its
/// size capped; `cacheable` marks an anonymous GET, whose successful answer may be cached.
async fn run(
    state: &AppState,
    started: Instant,
    format: Format,
    authenticated: Option<Authenticated>,
    batch: BatchRequest,
    cacheable: bool,
) -> HttpResponse {
    // A caller past its budget waits; anonymous callers share one budget per replica.
    let payer = authenticated
        .as_ref()
        .map_or_else(|| "(anonymous)".to_owned(), |a| a.payer.clone());
    if let Err(wait) = state.throttle.check(&payer) {
        state.metrics.refused(ErrorCode::Throttled.as_str());
        let message = format!(
            "you spent your budget of {} cost points a minute; retry in {} s",
            state.throttle.per_minute(),
            wait.as_secs()
        );
        let mut reply = refuse(StatusCode::TOO_MANY_REQUESTS, ErrorCode::Throttled, &message, format);
        reply.headers_mut().insert(
            RETRY_AFTER,
            actix_web::http::header::HeaderValue::from(wait.as_secs().max(1)),
        );
        return reply;
    }
    // Everything the request runs — its loaders' tasks included — counts its statements here.
    let stats = request_stats::RequestStats::new();
    let operation = batch_name(&batch);
    let (reply, codes, cost) =
        request_stats::within(stats.clone(), respond(state, format, authenticated, batch, cacheable)).await;
    state.throttle.charge(&payer, cost);
    let metrics = &state.metrics;
    for code in codes.iter().filter(|c| {
        c.as_str() == ErrorCode::Timeout.as_str() || BEFORE_EXECUTION.iter().any(|b| b.as_str() == c.as_str())
    }) {
        metrics.refused(code);
    }
    metrics.request(
        &operation,
        codes.is_empty(),
        reply.status().as_u16(),
        started.elapsed(),
        stats.statements(),
        stats.database_time(),
    );
    reply
}

/// The operation name a request is counted under: the `operationName` sent, else the name the document gives
/// its first operation, else `anonymous`; `batch` for a batch.
fn batch_name(batch: &BatchRequest) -> String {
    match batch {
        BatchRequest::Single(request) => operation_name(request),
        BatchRequest::Batch(_) => "batch".to_owned(),
    }
}

/// An operation's name for logs and metrics: the `operationName` sent, else the document's, else `anonymous`.
fn operation_name(request: &async_graphql::Request) -> String {
    request
        .operation_name
        .clone()
        .or_else(|| document_name(&request.query))
        .unwrap_or_else(|| "anonymous".to_owned())
}

/// `query Name …` → `Name`, without parsing the document (it is parsed once, by the schema).
fn document_name(query: &str) -> Option<String> {
    let rest = query.trim_start();
    let rest = ["query", "mutation", "subscription"]
        .iter()
        .find_map(|keyword| rest.strip_prefix(keyword))?;
    let name: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

async fn respond(
    state: &AppState,
    format: Format,
    authenticated: Option<Authenticated>,
    batch: BatchRequest,
    cacheable: bool,
) -> (HttpResponse, Vec<String>, u64) {
    let names: Vec<String> = batch.iter().map(operation_name).collect();

    let (caller, federation) = match authenticated {
        Some(a) => (Some(a.caller), a.federation_slug),
        None => (None, None),
    };
    let national = caller.as_ref().is_some_and(|c| c.tenant().is_none());
    // One budget for the whole HTTP request: the operations of a batch share it.
    let budget = Budget::new(&state.limits);
    let batch = match batch {
        BatchRequest::Single(request) => BatchRequest::Single(
            request.data(RequestContext::new(state.db.clone(), caller).sending_mail(state.mail_sending)),
        ),
        // Each operation of a batch gets its own context, so their loaders never share cached rows.
        BatchRequest::Batch(requests) => BatchRequest::Batch(
            requests
                .into_iter()
                .map(|r| r.data(RequestContext::new(state.db.clone(), caller.clone()).sending_mail(state.mail_sending)))
                .collect(),
        ),
    };
    let execution = async {
        let _admitted = state.admission.enter().await;
        state.engine.execute_batch(batch, &budget).await
    };
    let Ok(response) = tokio::time::timeout(state.request_timeout, execution).await else {
        // Dropping the execution cancels its queries; an open write rolls back.
        tracing::warn!(operation = %names.join(","), "graphql operation stopped at its deadline");
        let message = format!(
            "the request ran past its deadline of {} s and was stopped; retry later",
            state.request_timeout.as_secs()
        );
        let mut reply = refuse(StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Timeout, &message, format);
        reply
            .headers_mut()
            .insert(RETRY_AFTER, actix_web::http::header::HeaderValue::from_static("1"));
        // A request stopped at its deadline is charged what it may have cost.
        let cost = state.limits.max_complexity as u64;
        return (reply, vec![ErrorCode::Timeout.as_str().to_owned()], cost);
    };

    let codes = error_codes(&response);
    let cost: u64 = responses(&response)
        .into_iter()
        .filter_map(|r| r.extensions.get("cost"))
        .filter_map(|c| match c {
            async_graphql::Value::Object(fields) => match fields.get("actual") {
                Some(async_graphql::Value::Number(n)) => n.as_u64(),
                _ => None,
            },
            _ => None,
        })
        .sum();
    let before_execution = failed_before_execution(&response);
    let outage = codes.contains(&ErrorCode::Unavailable.as_str().to_owned());
    let status = if codes.contains(&ErrorCode::Unauthenticated.as_str().to_owned()) {
        StatusCode::UNAUTHORIZED
    } else if outage {
        StatusCode::SERVICE_UNAVAILABLE
    } else if format == Format::GraphqlResponse && before_execution {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    // Recorded on the request's span: its one "request completed" line carries them.
    let span = tracing::Span::current();
    span.record("operation", names.join(",").as_str());
    span.record(
        "federation",
        federation
            .as_deref()
            .unwrap_or(if national { "(national)" } else { "(none)" }),
    );
    span.record("outcome", if codes.is_empty() { "ok" } else { "error" });
    if !codes.is_empty() {
        span.record("error_codes", codes.join(",").as_str());
    }
    let reply = match response_body(&response) {
        Ok(body) if body.len() > state.max_response_bytes => {
            let message = format!(
                "the response would be {} bytes; at most {} are sent: ask for smaller pages or fewer fields",
                body.len(),
                state.max_response_bytes
            );
            refuse(StatusCode::OK, ErrorCode::ResponseTooLarge, &message, format)
        }
        Ok(body) => {
            let mut reply = HttpResponse::build(status);
            if status == StatusCode::UNAUTHORIZED {
                reply.insert_header((WWW_AUTHENTICATE, r#"Bearer realm="pactes""#));
            }
            if outage {
                reply.insert_header((RETRY_AFTER, "1"));
            }
            // Only public data read without a token may be kept by caches; everything else is the caller's.
            let cache = if cacheable && codes.is_empty() {
                "public, max-age=60"
            } else {
                "no-store"
            };
            reply.insert_header((actix_web::http::header::CACHE_CONTROL, cache));
            reply.content_type(format.content_type()).body(body)
        }
        Err(error) => {
            tracing::error!(%error, "cannot serialise a GraphQL response");
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "internal error; it has been logged",
                format,
            )
        }
    };
    (reply, codes, cost)
}

fn responses(response: &BatchResponse) -> Vec<&async_graphql::Response> {
    match response {
        BatchResponse::Single(r) => vec![r],
        BatchResponse::Batch(rs) => rs.iter().collect(),
    }
}

fn error_codes(response: &BatchResponse) -> Vec<String> {
    responses(response)
        .into_iter()
        .flat_map(|r| r.errors.iter())
        .map(|e| {
            e.extensions
                .as_ref()
                .and_then(|x| x.get("code"))
                .map(|v| v.to_string().trim_matches('"').to_owned())
                .unwrap_or_else(|| "UNCODED".to_owned())
        })
        .collect()
}

fn codes_of(response: &async_graphql::Response) -> impl Iterator<Item = String> + '_ {
    response.errors.iter().filter_map(|e| {
        e.extensions
            .as_ref()
            .and_then(|x| x.get("code"))
            .map(|v| v.to_string().trim_matches('"').to_owned())
    })
}

/// Whether the operation never ran: decided by the stage that failed (its error codes), not by `data` being
/// null, which a failing non-null field also causes.
fn stopped_before_execution(response: &async_graphql::Response) -> bool {
    codes_of(response).any(|code| BEFORE_EXECUTION.iter().any(|c| c.as_str() == code))
}

fn failed_before_execution(response: &BatchResponse) -> bool {
    responses(response).into_iter().any(stopped_before_execution)
}

/// The response as JSON; an operation that never ran has no `data` entry (GraphQL spec, "Response Format").
fn response_body(response: &BatchResponse) -> serde_json::Result<String> {
    // Serialised straight to text: going through a `serde_json::Value` first cost a tenth of a list's CPU.
    match response {
        BatchResponse::Single(r) => serde_json::to_string(&Body(r)),
        BatchResponse::Batch(rs) => serde_json::to_string(&rs.iter().map(Body).collect::<Vec<_>>()),
    }
}

/// One response as sent: without `data` when the request stopped before execution (GraphQL over HTTP).
struct Body<'a>(&'a async_graphql::Response);

impl serde::Serialize for Body<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let r = self.0;
        if !stopped_before_execution(r) {
            return r.serialize(serializer);
        }
        let mut map = serializer.serialize_map(None)?;
        if !r.extensions.is_empty() {
            map.serialize_entry("extensions", &r.extensions)?;
        }
        if !r.errors.is_empty() {
            map.serialize_entry("errors", &r.errors)?;
        }
        map.end()
    }
}
