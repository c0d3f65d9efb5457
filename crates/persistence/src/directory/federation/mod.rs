mod entity;
mod repository;

pub(crate) use repository::{count_federations, insert_federation_in};
