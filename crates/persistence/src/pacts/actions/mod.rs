//! Action sheets (*fiches action*): their table, their parts, and the repository.

mod entity;
mod parts;
mod record;
mod references;
mod repository;

pub(crate) use entity::{Column as ActionSheetColumn, Entity as ActionSheetTable};
pub(crate) use references::objectives_kept;
