//! Decisions: their table, their parts (named votes, what they concern) and their row mapping.

mod entity;
mod parts;
mod record;

pub(crate) use entity::{Column as DecisionColumn, Entity as DecisionTable};
pub(crate) use parts::concerns;
