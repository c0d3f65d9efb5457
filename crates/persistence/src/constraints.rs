//! Unique constraints by name, and the input field each one concerns, so a duplicate is reported on the field
//! the user must change. PostgreSQL names the constraint in its error; SQLite names the columns, so each entry
//! also gives its table and columns as SQLite prints them.

use pactes_domain::{FieldError, FieldErrorCode, RepositoryError, ValidationErrors};
use sea_orm::{DbErr, SqlErr};

use crate::error::storage;

struct UniqueConstraint {
    /// As created by the migrations.
    name: &'static str,
    /// As SQLite reports it: `table.column, table.column`.
    sqlite_columns: &'static str,
    field: &'static [&'static str],
    message: &'static str,
}

/// Every unique constraint a user's input can break. A test checks that each exists in both databases.
const UNIQUE: &[UniqueConstraint] = &[
    UniqueConstraint {
        name: "uq_territories_federation_name",
        sqlite_columns: "territories.federation_id, territories.name_key",
        field: &["name"],
        message: "this federation already has a territory with this name",
    },
    UniqueConstraint {
        name: "federations_slug_key",
        sqlite_columns: "federations.slug",
        field: &["slug"],
        message: "a federation with this slug already exists",
    },
    UniqueConstraint {
        name: "uq_territory_communes_name",
        sqlite_columns: "territory_communes.territory_id, territory_communes.name_key",
        field: &["communes"],
        message: "a commune is listed twice",
    },
    UniqueConstraint {
        name: "uq_conventions_federation_reference",
        sqlite_columns: "conventions.federation_id, conventions.reference_key",
        field: &["content", "reference"],
        message: "this federation already has a convention with this reference",
    },
    UniqueConstraint {
        name: "uq_convention_payments_key",
        sqlite_columns: "convention_payments.federation_id, convention_payments.idempotency_key",
        field: &["payments"],
        message: "this idempotency key is already another payment's",
    },
    UniqueConstraint {
        name: "uq_campaigns_federation_year",
        sqlite_columns: "campaigns.federation_id, campaigns.year",
        field: &["year"],
        message: "this federation already has a campaign for this year",
    },
];

/// The names of the unique constraints mapped to fields, for the test that holds them to the migrations.
pub fn unique_constraint_names() -> Vec<&'static str> {
    UNIQUE.iter().map(|c| c.name).collect()
}

/// A unique-constraint violation becomes an ALREADY_EXISTS error on its field; anything else is a storage
/// failure.
pub(crate) fn map_write_error(error: DbErr) -> RepositoryError {
    let Some(SqlErr::UniqueConstraintViolation(message)) = error.sql_err() else {
        return storage(error);
    };
    let known = UNIQUE.iter().find(|c| {
        message.contains(&format!("\"{}\"", c.name)) || message.ends_with(&format!("failed: {}", c.sqlite_columns))
    });
    match known {
        Some(c) => RepositoryError::Invalid(ValidationErrors::single(FieldError::new(
            c.field,
            FieldErrorCode::AlreadyExists,
            c.message,
        ))),
        None => storage(error),
    }
}
