//! Change notices: each audit entry, once its transaction commits, is announced on the PostgreSQL channel
//! `pactes_changes`, so that every replica's subscribers hear of a change whichever replica wrote it. NOTIFY
//! is transactional: a rolled-back write announces nothing, and a committed one is heard after its commit.
//! The payload names the entry only (ids and kind, far under NOTIFY's 8,000 bytes); listeners read the entry
//! itself within their caller's scope. SQLite has no such channel: one process broadcasts in memory.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The channel listeners LISTEN on; `pactes_persistence::changes` names it too.
pub const CHANNEL: &str = "pactes_changes";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared(&format!(
            "CREATE FUNCTION audit_log_announce() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN \
               PERFORM pg_notify('{CHANNEL}', json_build_object( \
                 'id', NEW.id, 'federation', NEW.federation_id, 'kind', NEW.entity_type, \
                 'schema', TG_TABLE_SCHEMA)::text); \
               RETURN NULL; \
             END $$"
        ))
        .await?;
        db.execute_unprepared(
            "CREATE TRIGGER audit_log_announce AFTER INSERT ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION audit_log_announce()",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared("DROP FUNCTION IF EXISTS audit_log_announce() CASCADE")
            .await?;
        Ok(())
    }
}
