mod action_domains;
mod entity;
mod repository;
