//! Database migrations, one `mYYYYMMDD_NNNNNN_*` module per change.
//!
//! Every statement here must run on PostgreSQL and on SQLite. Where the two differ (collation of sort keys,
//! the triggers that keep the audit log append-only), the migration branches on the backend explicitly.

pub use sea_orm_migration::prelude::*;

mod columns;
mod keys;
mod m20261123_000001_directory;
mod m20261123_000002_audit_log;
mod m20261125_000003_child_tables;
mod m20261125_000004_redact_audit_contacts;
mod m20261125_000005_trusted_documents;
mod m20261125_000006_row_security;
pub mod m20261201_000007_change_notices;
mod m20261201_000008_pacts;
mod m20261201_000009_centres_by_territory;
mod m20261202_000010_action_sheets;
mod m20261202_000011_conventions;
mod m20261202_000012_indicators;
mod m20261202_000013_campaigns;
mod m20261202_000014_federation_indicators;
mod m20261202_000015_indicator_values_by_year;
mod m20261202_000016_indicator_values_keyed_by_federation;
mod m20261207_000017_partner_rows;
mod m20261207_000018_governance;
mod m20261207_000019_outbox;
pub mod row_security;
mod tables;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_directory::Migration),
            Box::new(m20261123_000002_audit_log::Migration),
            Box::new(m20261125_000003_child_tables::Migration),
            Box::new(m20261125_000004_redact_audit_contacts::Migration),
            Box::new(m20261125_000005_trusted_documents::Migration),
            Box::new(m20261125_000006_row_security::Migration),
            Box::new(m20261201_000007_change_notices::Migration),
            Box::new(m20261201_000008_pacts::Migration),
            Box::new(m20261201_000009_centres_by_territory::Migration),
            Box::new(m20261202_000010_action_sheets::Migration),
            Box::new(m20261202_000011_conventions::Migration),
            Box::new(m20261202_000012_indicators::Migration),
            Box::new(m20261202_000013_campaigns::Migration),
            Box::new(m20261202_000014_federation_indicators::Migration),
            Box::new(m20261202_000015_indicator_values_by_year::Migration),
            Box::new(m20261202_000016_indicator_values_keyed_by_federation::Migration),
            Box::new(m20261207_000017_partner_rows::Migration),
            Box::new(m20261207_000018_governance::Migration),
            Box::new(m20261207_000019_outbox::Migration),
        ]
    }
}
