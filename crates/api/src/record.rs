//! The fields every versioned object carries, flattened into each object type.

use async_graphql::{ComplexObject, SimpleObject};
use chrono::{DateTime, Utc};
use pactes_domain::record::RecordMeta;

#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Record {
    /// Pass it back with an update: a stale version is refused with a CONFLICT user error.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set once the object is archived; archived objects are left out of lists unless asked for.
    pub archived_at: Option<DateTime<Utc>>,
}

#[ComplexObject]
impl Record {
    async fn archived(&self) -> bool {
        self.archived_at.is_some()
    }
}

impl From<&RecordMeta> for Record {
    fn from(meta: &RecordMeta) -> Record {
        Record {
            version: meta.version,
            created_at: meta.created_at,
            updated_at: meta.updated_at,
            archived_at: meta.archived_at,
        }
    }
}

/// The day dated statuses (a pact or convention in force, expired) are reckoned on: today in UTC.
pub(crate) fn today() -> chrono::NaiveDate {
    Utc::now().date_naive()
}
