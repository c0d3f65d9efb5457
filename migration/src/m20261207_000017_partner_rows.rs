//! A second wall for partners, under the repositories' visibility rules: a partner's session (`pactes.partner`
//! set to its id, beside `pactes.tenant`) reads the pacts it signed, the action sheets of those pacts and the
//! conventions it is party to, and no other row of those tables. A restrictive policy, so it narrows the
//! federation's policy and never widens it; reads only, since a partner's token writes none of them (writes run
//! in the federation's session). A session that names no partner (staff, national work) is not narrowed. A
//! malformed partner setting matches no row, as a malformed tenant does. The parts of these records are read by
//! their records' ids, which already went through this wall; SQLite has no policies.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

use crate::row_security::NO_PARTNER;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The partner the session names, `NULL` when the setting is malformed (so it matches nothing).
const PARTNER: &str = "(SELECT CASE WHEN current_setting('pactes.partner', true) ~ '^[0-9a-f-]{36}$' \
     THEN current_setting('pactes.partner', true)::uuid END)";

/// Each table, and the rows of it a partner reads.
fn walls() -> [(&'static str, String); 3] {
    [
        (
            "pacts",
            format!("id IN (SELECT pact_id FROM pact_signatories WHERE partner_id = {PARTNER})"),
        ),
        (
            "action_sheets",
            format!("pact_id IN (SELECT pact_id FROM pact_signatories WHERE partner_id = {PARTNER})"),
        ),
        (
            "conventions",
            format!("id IN (SELECT convention_id FROM convention_parties WHERE partner_id = {PARTNER})"),
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        for (table, partners_rows) in walls() {
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "CREATE POLICY partner_rows ON {table} AS RESTRICTIVE FOR SELECT \
                     USING ({NO_PARTNER} OR {partners_rows})"
                ))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        for (table, _) in walls() {
            manager
                .get_connection()
                .execute_unprepared(&format!("DROP POLICY IF EXISTS partner_rows ON {table}"))
                .await?;
        }
        Ok(())
    }
}
