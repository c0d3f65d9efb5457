//! Identifiers. Each is a UUIDv7 newtype, so ids of different kinds cannot be mixed up and ids sort by creation
//! time (the audit log and "newest first" rely on it).

use std::fmt;
use uuid::Uuid;

/// What generic code (the record machinery, loaders) needs of an id.
pub trait EntityId: Copy + Eq + std::hash::Hash + fmt::Debug + Send + Sync + 'static {
    fn generate() -> Self;
    fn from_uuid(uuid: Uuid) -> Self;
    fn as_uuid(&self) -> Uuid;
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            /// A new, time-ordered id.
            pub fn generate() -> Self {
                Self(Uuid::now_v7())
            }

            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl EntityId for $name {
            fn generate() -> Self {
                $name::generate()
            }
            fn from_uuid(uuid: Uuid) -> Self {
                $name::from_uuid(uuid)
            }
            fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A federation: the tenant.
    FederationId
);
id_type!(TerritoryId);
id_type!(CentreId);
id_type!(PartnerId);
id_type!(
    /// A person to reach at a partner; stable across updates of the partner.
    ContactId
);
id_type!(AuditEntryId);
id_type!(
    /// A pact, charter or protocol: the root of its aggregate.
    PactId
);
id_type!(
    /// An axis of a pact; stable across edits and amendments.
    AxisId
);
id_type!(
    /// An objective of a pact, which action sheets refer to; stable across edits and amendments, and when it
    /// moves to another axis.
    ObjectiveId
);
id_type!(
    /// An action sheet (fiche action) of a pact.
    ActionSheetId
);
id_type!(
    /// A partner convention: the root of its aggregate.
    ConventionId
);
id_type!(
    /// A funding line of a convention; stable across edits and amendments, which payments refer to.
    FundingLineId
);
id_type!(PaymentId);
id_type!(
    /// A federation's yearly indicator campaign.
    CampaignId
);
id_type!(
    /// A governance body (*instance*): a council, a collective, a board, an assembly, a steering committee.
    BodyId
);
id_type!(
    /// A seat on a body, held by one person for a time; stable across edits of the body.
    MemberId
);
id_type!(
    /// A meeting of a body.
    MeetingId
);
id_type!(
    /// A decision taken at a meeting.
    DecisionId
);

impl AuditEntryId {
    /// The smallest id an entry made at `at` or later can have: entry ids are UUIDv7, whose first 48 bits are
    /// the Unix time in milliseconds, so "the entries after this id" are those made from `at` on.
    pub fn first_at(at: chrono::DateTime<chrono::Utc>) -> AuditEntryId {
        let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        let mut bytes = [0u8; 16];
        bytes[..6].copy_from_slice(&millis.to_be_bytes()[2..]);
        bytes[6] = 0x70; // version 7
        bytes[8] = 0x80; // RFC 4122 variant
        AuditEntryId::from_uuid(Uuid::from_bytes(bytes))
    }
}

#[cfg(test)]
mod first_at_tests {
    use super::*;

    #[test]
    fn an_entry_made_at_or_after_an_instant_sorts_after_its_first_id() {
        let at = chrono::Utc::now();
        let bound = AuditEntryId::first_at(at);
        let made = AuditEntryId::generate();
        assert!(made.as_uuid() >= bound.as_uuid(), "{made} < {bound}");
        assert_eq!(bound.as_uuid().get_version_num(), 7);
        let earlier = AuditEntryId::first_at(at - chrono::Duration::seconds(1));
        assert!(earlier.as_uuid() < bound.as_uuid());
    }
}
