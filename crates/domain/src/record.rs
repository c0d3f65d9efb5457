//! What every stored, versioned object carries besides its content.

use chrono::{DateTime, SubsecRound, Utc};

/// The current time at the precision every supported database stores (microseconds), so an object returned by
/// a write equals the same object read back.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordMeta {
    /// Incremented by every write. An update states the version it read; a stale one is refused.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub archived_at: Option<DateTime<Utc>>,
}

impl RecordMeta {
    pub fn new(now: DateTime<Utc>) -> RecordMeta {
        RecordMeta {
            version: 1,
            created_at: now,
            updated_at: now,
            archived_at: None,
        }
    }

    /// The metadata after one more write.
    pub fn touched(&self, now: DateTime<Utc>) -> RecordMeta {
        RecordMeta {
            version: self.version + 1,
            updated_at: now,
            ..self.clone()
        }
    }

    pub fn archived(&self, now: DateTime<Utc>) -> RecordMeta {
        RecordMeta {
            archived_at: Some(self.archived_at.unwrap_or(now)),
            ..self.touched(now)
        }
    }
}
