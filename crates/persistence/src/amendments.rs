//! Amendments as rows, for every agreement (pacts, conventions): the field changes an amendment made, stored as
//! display text (JSON) that is read back, never queried.

use pactes_domain::agreement::Amendment;
use pactes_domain::audit::FieldChange;
use pactes_domain::repository::RepositoryResult;

use crate::lists::{decode, encode};

#[derive(serde::Serialize, serde::Deserialize)]
struct StoredChange {
    field: String,
    before: Option<String>,
    after: Option<String>,
}

/// The `changes` column of an amendment.
pub(crate) fn encode_changes(changes: &[FieldChange]) -> String {
    let stored: Vec<StoredChange> = changes
        .iter()
        .map(|c| StoredChange {
            field: c.field.clone(),
            before: c.before.clone(),
            after: c.after.clone(),
        })
        .collect();
    encode(&stored)
}

/// An amendment from its columns; `table` names the table in a corruption error.
pub(crate) fn amendment(
    table: &str,
    number: i32,
    dated: chrono::NaiveDate,
    description: String,
    changes: &str,
) -> RepositoryResult<Amendment> {
    let changes: Vec<StoredChange> = decode(&format!("{table}.changes"), changes)?;
    Ok(Amendment {
        number: u32::try_from(number).unwrap_or(0),
        dated,
        description,
        changes: changes
            .into_iter()
            .map(|c| FieldChange {
                field: c.field,
                before: c.before,
                after: c.after,
            })
            .collect(),
    })
}
