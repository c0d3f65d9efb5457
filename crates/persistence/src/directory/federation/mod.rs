mod entity;
mod repository;

pub(crate) use repository::count_federations;
