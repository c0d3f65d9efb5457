#![allow(clippy::unwrap_used)]

mod cli;
mod import;
mod signals;
mod subscriptions;
mod uploads;
