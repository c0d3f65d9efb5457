mod communes;
mod entity;

pub(crate) use entity::{Column as TerritoryColumn, Entity as TerritoryTable, Model as TerritoryRow};
mod repository;
