mod entity;
mod parts;
mod record;
mod references;
mod repository;

pub(crate) use entity::{Column as CentreColumn, Entity as CentreTable};
