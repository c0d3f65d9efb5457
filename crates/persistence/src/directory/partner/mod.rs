mod contacts;
mod entity;
mod repository;
