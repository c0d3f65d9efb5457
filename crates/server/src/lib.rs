//! The `pactes` server: HTTP (actix-web), configuration, JWT verification, telemetry and the CLI.
//!
//! Only this crate knows actix, JWT and the environment. It turns a request into a verified
//! [`pactes_domain::Caller`], hands it to the GraphQL schema with the database, and maps the outcome to HTTP.

pub mod admission;
pub mod auth;
pub mod commands;
pub mod config;
pub mod mail;
pub mod metrics;
mod request_id;
mod routes;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod throttle;

pub use startup::Application;
