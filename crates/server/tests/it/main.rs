#![allow(clippy::unwrap_used)]

mod cli;
mod signals;
mod subscriptions;
