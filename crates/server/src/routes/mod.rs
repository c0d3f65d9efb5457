pub mod graphiql;
pub mod graphql;
pub mod health;
pub mod pact_summary;
pub mod socket;
