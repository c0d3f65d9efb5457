//! A party to an agreement (a centre, a partner, or the federation itself) as the two nullable columns that store it: a
//! centre's id, a partner's id, or neither.

use pactes_domain::pacts::Party;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{CentreId, PartnerId};
use uuid::Uuid;

use crate::error::corrupt;

pub(crate) fn party_of(table: &str, centre: Option<Uuid>, partner: Option<Uuid>) -> RepositoryResult<Party> {
    match (centre, partner) {
        (Some(centre), None) => Ok(Party::Centre(CentreId::from_uuid(centre))),
        (None, Some(partner)) => Ok(Party::Partner(PartnerId::from_uuid(partner))),
        (None, None) => Ok(Party::Federation),
        (Some(_), Some(_)) => Err(corrupt(format!("{table}: a centre and a partner at once"))),
    }
}

/// The (centre, partner) columns of `party`.
pub(crate) fn party_columns(party: Party) -> (Option<Uuid>, Option<Uuid>) {
    match party {
        Party::Centre(id) => (Some(id.as_uuid()), None),
        Party::Partner(id) => (None, Some(id.as_uuid())),
        Party::Federation => (None, None),
    }
}
