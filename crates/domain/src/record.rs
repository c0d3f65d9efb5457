//! What every stored, versioned object carries besides its content, and the generic record of a tenant.

use chrono::{DateTime, SubsecRound, Utc};

use crate::ids::{EntityId, FederationId};

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
            archived_at: Some(now),
            ..self.touched(now)
        }
    }

    pub fn state(&self) -> crate::lifecycle::RecordState {
        if self.archived_at.is_some() {
            crate::lifecycle::RecordState::Archived
        } else {
            crate::lifecycle::RecordState::Active
        }
    }
}

/// A tenant's object: its id, the federation that owns it, its valid content and its metadata. Territories,
/// centres and partners are records; so is the root of every aggregate (a pact, a convention).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record<Id, Data> {
    pub id: Id,
    pub federation_id: FederationId,
    pub data: Data,
    pub meta: RecordMeta,
}

impl<Id: EntityId, Data> Record<Id, Data> {
    /// A new record (version 1) of `federation`.
    pub fn create(federation_id: FederationId, data: Data) -> Record<Id, Data> {
        Record {
            id: Id::generate(),
            federation_id,
            data,
            meta: RecordMeta::new(now()),
        }
    }

    /// The same record with new content and metadata.
    pub fn with(self, data: Data, meta: RecordMeta) -> Record<Id, Data> {
        Record { data, meta, ..self }
    }

    /// The same record and content with new metadata.
    pub fn with_meta(self, meta: RecordMeta) -> Record<Id, Data> {
        Record { meta, ..self }
    }
}

/// The content of a kind of tenant record, naming its id type.
pub trait RecordData: Clone + PartialEq + Send + Sync + 'static {
    type Id: EntityId;
}

impl RecordData for crate::directory::TerritoryData {
    type Id = crate::ids::TerritoryId;
}

impl RecordData for crate::directory::CentreData {
    type Id = crate::ids::CentreId;
}

impl RecordData for crate::directory::PartnerData {
    type Id = crate::ids::PartnerId;
}
