mod action_domains;
mod entity;

pub(crate) use entity::Entity as CentreTable;
mod repository;
