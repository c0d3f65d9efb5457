//! Mutation payloads: the object as written, or the reasons nothing was written.

use async_graphql::SimpleObject;
use pactes_domain::repository::RepositoryResult;

use super::types::{Centre, Federation, Partner, Territory};
use crate::error::{UserError, user_errors};

#[derive(SimpleObject)]
pub struct FederationPayload {
    pub federation: Option<Federation>,
    pub user_errors: Vec<UserError>,
}

#[derive(SimpleObject)]
pub struct TerritoryPayload {
    pub territory: Option<Territory>,
    pub user_errors: Vec<UserError>,
}

#[derive(SimpleObject)]
pub struct CentrePayload {
    pub centre: Option<Centre>,
    pub user_errors: Vec<UserError>,
}

#[derive(SimpleObject)]
pub struct PartnerPayload {
    pub partner: Option<Partner>,
    pub user_errors: Vec<UserError>,
}

/// The written object, or the user errors; a storage failure stays a top-level error.
pub fn outcome<T, N>(
    result: RepositoryResult<T>,
    wrap: impl FnOnce(T) -> N,
) -> async_graphql::Result<(Option<N>, Vec<UserError>)> {
    match result {
        Ok(value) => Ok((Some(wrap(value)), Vec::new())),
        Err(error) => Ok((None, user_errors(error)?)),
    }
}
