mod action_domains;
mod entity;
mod references;
mod repository;

pub(crate) use entity::{Column as CentreColumn, Entity as CentreTable};
