//! Pacts, charters and protocols: their table, their parts, and the repository.

mod actions;
mod entity;
mod parts;
mod record;
mod references;
mod repository;

pub(crate) use repository::signed_by_partner;

pub(crate) use actions::{ActionSheetColumn, ActionSheetTable};
pub(crate) use entity::Entity as PactTable;
