//! Every error the API can return, mapped to the wire in one place.

use async_graphql::{Enum, ErrorExtensions, SimpleObject};
use pactes_domain::{FieldErrorCode, RepositoryError};

/// The stable, machine-readable codes of top-level errors (`extensions.code`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// No valid token (missing, expired, forged, wrong audience): HTTP 401.
    Unauthenticated,
    /// The token is valid but its roles do not allow this.
    Forbidden,
    /// A malformed argument (page size, both `first` and `last`…).
    InvalidArgument,
    /// A cursor that is malformed or was issued for another ordering.
    InvalidCursor,
    QueryTooDeep,
    QueryTooComplex,
    TooManyAliases,
    BatchTooLarge,
    PayloadTooLarge,
    /// The request is not GraphQL over HTTP (bad JSON, wrong content type).
    BadRequest,
    GraphqlParseFailed,
    GraphqlValidationFailed,
    /// The request ran past its deadline and was stopped (HTTP 503, retry later).
    Timeout,
    /// The response would exceed the configured size; ask for smaller pages or fewer fields.
    ResponseTooLarge,
    /// The database cannot be reached right now: retry (HTTP 503 with `Retry-After`).
    Unavailable,
    /// The caller spent its budget of cost points for now: retry after `Retry-After` (HTTP 429).
    Throttled,
    /// A `documentId` (or `persistedQuery` hash) that is not registered.
    PersistedQueryNotFound,
    /// The caller's role may only run trusted documents, and sent a document of its own (HTTP 403).
    DocumentNotTrusted,
    /// A fault on our side; details are in the server log, never in the response.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthenticated => "UNAUTHENTICATED",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::InvalidArgument => "INVALID_ARGUMENT",
            ErrorCode::InvalidCursor => "INVALID_CURSOR",
            ErrorCode::QueryTooDeep => "QUERY_TOO_DEEP",
            ErrorCode::QueryTooComplex => "QUERY_TOO_COMPLEX",
            ErrorCode::TooManyAliases => "TOO_MANY_ALIASES",
            ErrorCode::BatchTooLarge => "BATCH_TOO_LARGE",
            ErrorCode::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            ErrorCode::BadRequest => "BAD_REQUEST",
            ErrorCode::GraphqlParseFailed => "GRAPHQL_PARSE_FAILED",
            ErrorCode::GraphqlValidationFailed => "GRAPHQL_VALIDATION_FAILED",
            ErrorCode::Timeout => "TIMEOUT",
            ErrorCode::ResponseTooLarge => "RESPONSE_TOO_LARGE",
            ErrorCode::Unavailable => "UNAVAILABLE",
            ErrorCode::Throttled => "THROTTLED",
            ErrorCode::PersistedQueryNotFound => "PERSISTED_QUERY_NOT_FOUND",
            ErrorCode::DocumentNotTrusted => "DOCUMENT_NOT_TRUSTED",
            ErrorCode::Internal => "INTERNAL",
        }
    }

    /// A top-level GraphQL error with this code.
    pub fn error(self, message: impl Into<String>) -> async_graphql::Error {
        async_graphql::Error::new(message).extend_with(|_, e| e.set("code", self.as_str()))
    }

    /// The same error as a `ServerError`, for the stages before execution (limits, parsing).
    pub fn server_error(self, message: impl Into<String>) -> async_graphql::ServerError {
        let mut error = async_graphql::ServerError::new(message, None);
        let mut extensions = async_graphql::ErrorExtensionValues::default();
        extensions.set("code", self.as_str());
        error.extensions = Some(extensions);
        error
    }
}

/// The code of a `userErrors` entry.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserErrorCode {
    /// A field's value is malformed or breaks a rule.
    Validation,
    /// The object (or an object a field refers to) does not exist in your federation.
    NotFound,
    /// The value must be unique and is already taken.
    AlreadyExists,
    /// The object changed since you read it (stale `version`); re-read and retry.
    Conflict,
    /// A lifecycle step that is not allowed from the object's current status.
    InvalidTransition,
    /// An edit that the object's current state forbids (a signed pact, an archived centre).
    InvalidState,
    /// A convocation later than the body's rulebook allows, not marked urgent with a reason.
    NoticeTooShort,
    /// A proxy holder would hold more votes than the body's rulebook allows, their own included.
    ProxyCapExceeded,
    /// A decision on something the body's rulebook does not let it decide.
    OutsideCompetence,
}

/// A validation or business-rule failure of a mutation. Nothing was written.
#[derive(SimpleObject, Clone, Debug, PartialEq, Eq)]
pub struct UserError {
    /// The path of the input field, e.g. `["input", "contacts", "1", "email"]`.
    pub field: Vec<String>,
    pub code: UserErrorCode,
    pub message: String,
}

impl UserError {
    pub fn new(field: &[&str], code: UserErrorCode, message: impl Into<String>) -> UserError {
        UserError {
            field: field.iter().map(|s| s.to_string()).collect(),
            code,
            message: message.into(),
        }
    }
}

/// Splits a repository failure into what the caller should fix (`userErrors`, paths under `input`) and what is
/// ours (a top-level internal error, logged with its cause).
pub fn user_errors(error: RepositoryError) -> async_graphql::Result<Vec<UserError>> {
    match error {
        RepositoryError::NotFound => Ok(vec![UserError::new(
            &["input", "id"],
            UserErrorCode::NotFound,
            "no such object in your federation",
        )]),
        RepositoryError::Conflict { expected, current } => Ok(vec![UserError::new(
            &["input", "version"],
            UserErrorCode::Conflict,
            format!("version {expected} is stale: the object is at version {current}; read it again and retry"),
        )]),
        RepositoryError::Invalid(errors) => Ok(errors
            .into_errors()
            .into_iter()
            .map(|e| UserError {
                field: std::iter::once("input".to_owned()).chain(e.field).collect(),
                code: match e.code {
                    FieldErrorCode::Invalid => UserErrorCode::Validation,
                    FieldErrorCode::NotFound => UserErrorCode::NotFound,
                    FieldErrorCode::AlreadyExists => UserErrorCode::AlreadyExists,
                    FieldErrorCode::InvalidTransition => UserErrorCode::InvalidTransition,
                    FieldErrorCode::InvalidState => UserErrorCode::InvalidState,
                    FieldErrorCode::NoticeTooShort => UserErrorCode::NoticeTooShort,
                    FieldErrorCode::ProxyCapExceeded => UserErrorCode::ProxyCapExceeded,
                    FieldErrorCode::OutsideCompetence => UserErrorCode::OutsideCompetence,
                },
                message: e.message,
            })
            .collect()),
        RepositoryError::Storage(cause) => Err(internal(cause)),
        RepositoryError::Unavailable(cause) => Err(unavailable(cause)),
    }
}

fn unavailable(cause: impl std::fmt::Display) -> async_graphql::Error {
    tracing::warn!(error = %cause, "the database is unavailable");
    ErrorCode::Unavailable.error("the service cannot reach its database right now; retry in a moment")
}

/// Logs the cause and returns an error that reveals nothing of it. Reads use it for every repository failure:
/// a missing object, the only one that is the caller's business, reads as `null`.
pub fn internal<E: std::fmt::Display + 'static>(cause: E) -> async_graphql::Error {
    // Reads hand over repository errors as they come (loaders share them in an Arc): an outage among them is
    // the client's to retry, not our fault.
    let any: &dyn std::any::Any = &cause;
    let repository = any.downcast_ref::<RepositoryError>().or_else(|| {
        any.downcast_ref::<std::sync::Arc<RepositoryError>>()
            .map(|a| a.as_ref())
    });
    if let Some(RepositoryError::Unavailable(_)) = repository {
        return unavailable(cause);
    }
    tracing::error!(error = %cause, "internal error");
    ErrorCode::Internal.error("internal error; it has been logged")
}
