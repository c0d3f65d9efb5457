//! Field-level validation errors. A validator collects every problem of an input, each with the path of the
//! offending input field (`["contacts", "1", "email"]`), so a client can show all of them at once.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldErrorCode {
    /// The value is malformed or breaks a rule.
    Invalid,
    /// The value refers to an object that does not exist in the caller's federation.
    NotFound,
    /// The value must be unique and is already taken.
    AlreadyExists,
    /// A lifecycle step that is not allowed from the object's current status.
    InvalidTransition,
    /// An edit that the object's current state forbids (a signed pact, an archived centre).
    InvalidState,
    /// A convocation sent later than the body's rulebook allows, and not marked urgent with a reason.
    NoticeTooShort,
    /// A proxy holder would hold more votes than the body's rulebook allows.
    ProxyCapExceeded,
    /// A decision on something the body's rulebook does not let it decide.
    OutsideCompetence,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Vec<String>,
    pub code: FieldErrorCode,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &[&str], code: FieldErrorCode, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.iter().map(|s| s.to_string()).collect(),
            code,
            message: message.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default, thiserror::Error)]
pub struct ValidationErrors(Vec<FieldError>);

impl ValidationErrors {
    pub fn single(error: FieldError) -> ValidationErrors {
        ValidationErrors(vec![error])
    }

    /// Several errors found together (by storage, which alone can see references); at least one.
    pub fn from_errors(errors: Vec<FieldError>) -> ValidationErrors {
        ValidationErrors(errors)
    }

    /// The same errors under the input field `field` that holds what was validated (`content.title`).
    pub fn under(self, field: &str) -> ValidationErrors {
        ValidationErrors(
            self.0
                .into_iter()
                .map(|mut e| {
                    e.field.insert(0, field.to_owned());
                    e
                })
                .collect(),
        )
    }

    pub fn errors(&self) -> &[FieldError] {
        &self.0
    }

    pub fn into_errors(self) -> Vec<FieldError> {
        self.0
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field.join("."), e.message))
            .collect();
        f.write_str(&parts.join("; "))
    }
}

/// Collects field errors while an input is parsed.
#[derive(Default)]
pub struct Validator {
    prefix: Vec<String>,
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Validator {
        Validator::default()
    }

    /// Keeps the parsed value, or records the error under `field` and returns `None`.
    pub fn check<T, E: fmt::Display>(&mut self, field: &[&str], result: Result<T, E>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.invalid(field, error.to_string());
                None
            }
        }
    }

    /// Like [`Validator::check`] for an optional input: `None` stays `None` without error.
    pub fn check_optional<T, E: fmt::Display>(
        &mut self,
        field: &[&str],
        raw: Option<&str>,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        raw.and_then(|raw| self.check(field, parse(raw)))
    }

    /// An optional field: `Some(None)` when absent or blank, `Some(Some(value))` when valid, `None` (its error
    /// recorded) when invalid — so a builder can tell "not given" from "given wrong".
    pub fn optional<T, E: fmt::Display>(
        &mut self,
        field: &[&str],
        raw: Option<&str>,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<Option<T>> {
        match crate::text::non_blank(raw) {
            None => Some(None),
            Some(raw) => self.check(field, parse(raw)).map(Some),
        }
    }

    /// Records an error with its own code, under the current prefix.
    pub fn push(&mut self, mut error: FieldError) {
        let mut path = self.prefix.clone();
        path.append(&mut error.field);
        error.field = path;
        self.errors.push(error);
    }

    pub fn invalid(&mut self, field: &[&str], message: impl Into<String>) {
        let mut path = self.prefix.clone();
        path.extend(field.iter().map(|s| s.to_string()));
        self.errors.push(FieldError {
            field: path,
            code: FieldErrorCode::Invalid,
            message: message.into(),
        });
    }

    /// Validates a nested element (a list item) with its own path prefix.
    pub fn nested<T>(&mut self, prefix: &[&str], f: impl FnOnce(&mut Validator) -> T) -> T {
        let mut inner = Validator {
            prefix: self.prefix.clone(),
            errors: Vec::new(),
        };
        inner.prefix.extend(prefix.iter().map(|s| s.to_string()));
        let value = f(&mut inner);
        self.errors.extend(inner.errors);
        value
    }

    /// Builds the value when every field was valid. The builder runs only then, so it may unwrap the checked
    /// `Option`s through `expect`-free patterns such as `zip`.
    pub fn finish<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, ValidationErrors> {
        if self.errors.is_empty()
            && let Some(value) = build()
        {
            return Ok(value);
        }
        if self.errors.is_empty() {
            // A builder returned None without a recorded error: a bug in the caller, reported rather than hidden.
            return Err(ValidationErrors(vec![FieldError::new(
                &[],
                FieldErrorCode::Invalid,
                "invalid input",
            )]));
        }
        Err(ValidationErrors(self.errors))
    }
}
