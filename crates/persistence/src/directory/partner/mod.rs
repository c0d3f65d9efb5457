mod entity;
mod parts;
mod record;

pub(crate) use entity::{Column as PartnerColumn, Entity as PartnerTable};
mod repository;
