//! Why an agreement ended early: a termination says why; the other steps keep what was said.

use crate::validation::{FieldError, FieldErrorCode, ValidationErrors};

/// The termination reason after a lifecycle step: for a termination, the reason given (trimmed; none is the
/// user error `reason`); for any other step, `current`. `what` names the agreement in the message.
pub fn termination_reason(
    terminating: bool,
    given: Option<&str>,
    current: Option<&String>,
    what: &str,
) -> Result<Option<String>, ValidationErrors> {
    let given = given.map(str::trim).filter(|r| !r.is_empty());
    match (terminating, given) {
        (true, Some(reason)) => Ok(Some(reason.to_owned())),
        (true, None) => Err(ValidationErrors::single(FieldError::new(
            &["reason"],
            FieldErrorCode::Invalid,
            format!("say why the {what} is terminated"),
        ))),
        (false, _) => Ok(current.cloned()),
    }
}
