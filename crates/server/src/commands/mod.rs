//! The CLI's sub-commands.

mod documents;
mod import;
mod import_indicators;
mod migrate;
mod report;
mod schema;
mod serve;
mod token;

pub use documents::{document_id, documents, sha256_hex};
pub use import::{import, read_payment_rows};
pub use migrate::migrate;
pub use schema::print_schema;
pub use serve::serve;
pub use token::token;

pub type CommandResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;
