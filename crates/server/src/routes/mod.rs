mod bearer;
mod csv_file;
pub mod funding_export;
pub mod graphiql;
pub mod graphql;
pub mod health;
pub mod indicators_export;
pub mod pact_summary;
pub mod socket;
