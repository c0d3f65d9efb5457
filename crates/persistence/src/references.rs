//! What every aggregate's reference checks share: the path of a field under the `content` a repository is
//! handed, the error for a reference the federation does not have, and the check that the centres and partners
//! an aggregate names (signatories, actors, parties) are the federation's.

use std::collections::HashSet;

use pactes_domain::agreement::Party;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{FederationId, FieldError, FieldErrorCode};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::directory::centre::CentreTable;
use crate::directory::partner::PartnerTable;
use crate::tenant::states;

/// `field` under `content`, as the repository's callers name the content they pass.
pub(crate) fn path(field: &[&str]) -> Vec<String> {
    std::iter::once("content")
        .chain(field.iter().copied())
        .map(str::to_owned)
        .collect()
}

/// A reference under `content` to a `what` the federation does not have.
pub(crate) fn missing(field: &[&str], what: &str) -> FieldError {
    let path = path(field);
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    FieldError::new(
        &path,
        FieldErrorCode::NotFound,
        format!("no such {what} in this federation"),
    )
}

/// A `NOT_FOUND` error at `path` for each party among `named` (a path and a party each) that is a centre or
/// partner `known` does not vouch for and the tenant does not have: two statements at most, whatever their
/// number. The federation itself is always there.
pub(crate) async fn missing_parties(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    named: &[(Vec<String>, Party)],
    known: impl Fn(Party) -> bool,
) -> RepositoryResult<Vec<FieldError>> {
    let wanted = |pick: fn(Party) -> Option<Uuid>| -> HashSet<Uuid> {
        named
            .iter()
            .filter(|(_, p)| !known(*p))
            .filter_map(|(_, p)| pick(*p))
            .collect()
    };
    let centres = wanted(|p| match p {
        Party::Centre(id) => Some(id.as_uuid()),
        _ => None,
    });
    let partners = wanted(|p| match p {
        Party::Partner(id) => Some(id.as_uuid()),
        _ => None,
    });
    let found: HashSet<Uuid> = states::<CentreTable>(db, tenant, centres.iter().copied())
        .await?
        .into_iter()
        .chain(states::<PartnerTable>(db, tenant, partners.iter().copied()).await?)
        .map(|(id, _)| id)
        .collect();
    let mut errors = Vec::new();
    for (path, party) in named {
        let (id, what) = match party {
            Party::Centre(id) => (id.as_uuid(), "centre"),
            Party::Partner(id) => (id.as_uuid(), "partner"),
            Party::Federation => continue,
        };
        if (centres.contains(&id) || partners.contains(&id)) && !found.contains(&id) {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            errors.push(FieldError::new(
                &path,
                FieldErrorCode::NotFound,
                format!("no such {what} in this federation"),
            ));
        }
    }
    Ok(errors)
}
