#![allow(clippy::unwrap_used)]

mod actions;
mod auth;
mod conventions;
mod cost;
mod deadlines;
mod directory;
mod documents;
mod governance;
mod graphiql;
mod health;
mod http;
mod indicators;
mod introspection;
mod issuers;
mod limits;
mod metrics;
mod pacts;
mod personal_data;
mod statements;
mod support;
mod tenancy;
