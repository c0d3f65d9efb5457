//! Statements written by hand (the aggregates, the catalogue's checks, the outbox's claim): their text and
//! values, with the backend's placeholders (`$1` or `?`).

use sea_orm::{DatabaseBackend, Value};

pub(crate) struct Sql {
    pub backend: DatabaseBackend,
    pub text: String,
    pub values: Vec<Value>,
}

impl Sql {
    pub fn new(backend: DatabaseBackend) -> Sql {
        Sql {
            backend,
            text: String::new(),
            values: Vec::new(),
        }
    }

    /// Binds `value`; its placeholder.
    pub fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        match self.backend {
            DatabaseBackend::Postgres => format!("${}", self.values.len()),
            _ => "?".to_owned(),
        }
    }

    /// Binds each of `items`; their placeholders, comma-separated.
    pub fn list<T: Into<Value> + Clone>(&mut self, items: &[T]) -> String {
        items
            .iter()
            .map(|i| self.bind(i.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
