//! The pacts' mutation payloads: the pact as written, or the reasons nothing was written.

use async_graphql::SimpleObject;

use super::types::Pact;
use crate::error::UserError;

#[derive(SimpleObject)]
pub struct PactPayload {
    pub pact: Option<Pact>,
    pub user_errors: Vec<UserError>,
}
