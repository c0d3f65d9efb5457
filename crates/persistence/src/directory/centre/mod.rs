mod entity;
mod repository;
