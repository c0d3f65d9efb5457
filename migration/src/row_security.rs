//! PostgreSQL's row-level security for tenant tables, and the runtime role's privileges: what every migration
//! creating a table calls, so that no table is left without its wall or its grant.
//!
//! The runtime role (`pactes_runtime`) owns nothing: it cannot disable a policy, alter a table or drop a
//! trigger. The server logs in as a member of it; migrations run as the tables' owner. The policy shows and
//! accepts the rows of the federation named by the session setting `pactes.tenant` (a federation's id, or `*`
//! for national work); an empty or missing setting shows no row. SQLite has neither roles nor policies: there,
//! every function here does nothing.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

/// The role the server's login role is a member of.
pub const RUNTIME_ROLE: &str = "pactes_runtime";

/// The federation the session may see: `NULL` for none and for all (`*`, tested apart), so an absent or
/// malformed setting never matches a row. Each side is a scalar subquery, which PostgreSQL evaluates once per
/// statement (an InitPlan) instead of once per row, and which an index on `federation_id` can use.
const VISIBLE: &str = "(federation_id = (SELECT CASE WHEN current_setting('pactes.tenant', true) ~ '^[0-9a-f-]{36}$' \
     THEN current_setting('pactes.tenant', true)::uuid END) \
     OR (SELECT current_setting('pactes.tenant', true) = '*'))";

fn postgres(manager: &SchemaManager) -> bool {
    manager.get_database_backend() == DatabaseBackend::Postgres
}

/// Creates the runtime role when the database has none yet (a DBA may have made it beforehand, in which case
/// the migration role needs no CREATEROLE), and lets it use the current schema.
pub async fn ensure_runtime_role(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    if !postgres(manager) {
        return Ok(());
    }
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "{}; DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I TO {RUNTIME_ROLE}', current_schema()); END $$",
            create_role_sql(RUNTIME_ROLE, "NOLOGIN NOSUPERUSER NOBYPASSRLS")
        ))
        .await
        .map(|_| ())
}

/// Creates `role` with `options` unless the cluster has it. Two databases of one cluster migrating at once
/// (or two test binaries) may both try: the loser finds it made.
pub fn create_role_sql(role: &str, options: &str) -> String {
    format!(
        "DO $$ BEGIN \
           IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} {options}; END IF; \
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; \
         END $$"
    )
}

/// Turns row-level security on for a tenant table (it must have `federation_id`) and lets the runtime role
/// read and write its rows, within the policy.
pub async fn protect_tenant_table(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    if !postgres(manager) {
        return Ok(());
    }
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "ALTER TABLE {table} ENABLE ROW LEVEL SECURITY; \
             CREATE POLICY tenant_rows ON {table} USING {VISIBLE} WITH CHECK {VISIBLE}; \
             GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {RUNTIME_ROLE}"
        ))
        .await
        .map(|_| ())
}

/// Grants the runtime role `privileges` on a table that is not a tenant's (federations, trusted documents…).
pub async fn grant(manager: &SchemaManager<'_>, table: &str, privileges: &str) -> Result<(), DbErr> {
    if !postgres(manager) {
        return Ok(());
    }
    manager
        .get_connection()
        .execute_unprepared(&format!("GRANT {privileges} ON {table} TO {RUNTIME_ROLE}"))
        .await
        .map(|_| ())
}

/// The session names no partner (staff, national work). A scalar subquery, evaluated once per statement.
pub const NO_PARTNER: &str = "(SELECT coalesce(current_setting('pactes.partner', true), '') = '')";

/// A table no partner's session reads a row of (the federation's internal governance): a restrictive policy,
/// under the federation's.
pub async fn hide_from_partners(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    if !postgres(manager) {
        return Ok(());
    }
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "CREATE POLICY partner_rows ON {table} AS RESTRICTIVE FOR SELECT USING ({NO_PARTNER})"
        ))
        .await
        .map(|_| ())
}
