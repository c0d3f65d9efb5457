mod entity;
mod repository;

pub(crate) use entity::Entity;
