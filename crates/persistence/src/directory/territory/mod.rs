mod entity;
mod parts;
mod record;

pub(crate) use entity::Entity as TerritoryTable;
mod repository;
