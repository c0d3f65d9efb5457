#![allow(clippy::unwrap_used)]

mod auth;
mod directory;
mod health;
mod limits;
mod statements;
mod support;
mod tenancy;
