mod action_domains;
mod entity;

pub(crate) use entity::{Column as CentreColumn, Entity as CentreTable};
mod repository;
