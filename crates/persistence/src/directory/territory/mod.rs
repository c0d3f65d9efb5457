mod communes;
mod entity;

pub(crate) use entity::Entity as TerritoryTable;
mod repository;
