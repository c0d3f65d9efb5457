mod communes;
mod entity;
mod repository;
