//! A second wall under the repositories' tenant filter: row-level security on every tenant table, keyed on the
//! session's `pactes.tenant`, and a runtime role that owns nothing. The audit log is a tenant table too (its
//! national entries, with no federation, are seen by national sessions only), and the runtime role may only
//! append to it and read it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

use crate::row_security::{RUNTIME_ROLE, ensure_runtime_role, grant, protect_tenant_table};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TENANT_TABLES: &[&str] = &[
    "territories",
    "territory_communes",
    "centres",
    "centre_action_domains",
    "partners",
    "partner_contacts",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        ensure_runtime_role(manager).await?;
        for table in TENANT_TABLES {
            protect_tenant_table(manager, table).await?;
        }
        protect_tenant_table(manager, "audit_log").await?;
        // Appending and reading only: no UPDATE, DELETE or TRUNCATE (and, owning nothing, no trigger change).
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(&format!("REVOKE UPDATE, DELETE ON audit_log FROM {RUNTIME_ROLE}"))
                .await?;
        }
        grant(manager, "federations", "SELECT, INSERT, UPDATE").await?;
        grant(manager, "trusted_documents", "SELECT, INSERT").await?;
        grant(manager, "seaql_migrations", "SELECT").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        for table in TENANT_TABLES.iter().chain(&["audit_log"]) {
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "DROP POLICY IF EXISTS tenant_rows ON {table}; ALTER TABLE {table} DISABLE ROW LEVEL SECURITY; \
                     REVOKE ALL ON {table} FROM {RUNTIME_ROLE}"
                ))
                .await?;
        }
        for table in ["federations", "trusted_documents", "seaql_migrations"] {
            manager
                .get_connection()
                .execute_unprepared(&format!("REVOKE ALL ON {table} FROM {RUNTIME_ROLE}"))
                .await?;
        }
        Ok(())
    }
}
