mod contacts;
mod entity;

pub(crate) use entity::{Column as PartnerColumn, Entity as PartnerTable};
mod repository;
