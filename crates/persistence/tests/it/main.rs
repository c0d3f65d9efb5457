#![allow(clippy::unwrap_used)]

mod audit;
mod directory;
mod pagination;
mod startup;
mod statements;
mod support;
