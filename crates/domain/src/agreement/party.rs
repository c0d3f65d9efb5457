//! Who an agreement binds.

use crate::ids::{CentreId, PartnerId};

/// A party to an agreement: a centre, a partner, or the agreement's own federation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Party {
    Centre(CentreId),
    Partner(PartnerId),
    /// The agreement's own federation.
    Federation,
}

/// As the audit log names a party: "Centre <id>", "Partner <id>", "Federation".
impl std::fmt::Display for Party {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Party::Centre(id) => write!(f, "Centre {id}"),
            Party::Partner(id) => write!(f, "Partner {id}"),
            Party::Federation => f.write_str("Federation"),
        }
    }
}
