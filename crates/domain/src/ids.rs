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
