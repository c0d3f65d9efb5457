pub mod graphql;
pub mod health;
