pub mod graphiql;
pub mod graphql;
pub mod health;
pub mod socket;
