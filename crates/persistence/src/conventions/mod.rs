//! Partner conventions: their table, their parts, the repository, the funding totals and the payments import.

mod entity;
mod filters;
mod import;
mod parts;
mod record;
mod references;
mod repository;
mod totals;

pub(crate) use entity::Entity as ConventionTable;
