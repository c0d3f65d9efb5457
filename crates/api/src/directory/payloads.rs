//! Mutation payloads: the object as written, or the reasons nothing was written.

use async_graphql::SimpleObject;

use super::types::{Partner, Territory};
use crate::centre::Centre;
use crate::error::UserError;
use crate::federation::Federation;

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
