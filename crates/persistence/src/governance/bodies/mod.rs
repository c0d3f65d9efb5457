//! Bodies: their table, their parts (members, designations, rulebooks) and their row mapping.

mod entity;
pub(crate) mod parts;
mod record;

pub(crate) use entity::{Column as BodyColumn, Entity as BodyTable};
pub(crate) use parts::members;
pub(crate) use record::{majority, threshold_columns};
