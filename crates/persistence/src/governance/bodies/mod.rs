//! Bodies: their table, their parts (members, designations, rulebooks) and their row mapping.

mod entity;
mod parts;
mod record;

pub(crate) use entity::{Column as BodyColumn, Entity as BodyTable};
pub(crate) use record::{majority, threshold_columns};
