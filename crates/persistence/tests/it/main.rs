#![allow(clippy::unwrap_used)]

mod actions;
mod audit;
mod conventions;
mod directory;
mod federations;
mod governance;
mod house_rules;
mod indicators;
mod migrations;
mod money;
mod pacts;
mod pagination;
mod row_security;
mod startup;
mod statements;
mod support;
mod writes;
