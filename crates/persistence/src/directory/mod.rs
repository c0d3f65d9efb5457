//! Directory tables and their repositories.

mod centre;
mod federation;
mod partner;
mod territory;

pub(crate) use federation::{count_federations, insert_federation_in};
