//! Meetings: their table, their parts (agenda, recipients, attendance) and their row mapping.

mod entity;
mod parts;
mod record;

pub(crate) use entity::{Column as MeetingColumn, Entity as MeetingTable};
