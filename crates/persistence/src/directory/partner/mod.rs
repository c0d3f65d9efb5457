mod contacts;
mod entity;

pub(crate) use entity::Entity as PartnerTable;
mod repository;
