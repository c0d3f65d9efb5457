//! The audit log: one row per change, written in the transaction of the change, never altered afterwards.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::columns::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    FederationId,
    OccurredAt,
    ActorSubject,
    ActorRoles,
    Action,
    EntityType,
    EntityId,
    Changes,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(uuid_pk(AuditLog::Id))
                    .col(uuid_ref_null(AuditLog::FederationId))
                    .col(timestamp(AuditLog::OccurredAt))
                    .col(text(AuditLog::ActorSubject))
                    .col(text(AuditLog::ActorRoles))
                    .col(text(AuditLog::Action))
                    .col(text(AuditLog::EntityType))
                    .col(uuid_ref(AuditLog::EntityId))
                    .col(text(AuditLog::Changes))
                    .to_owned(),
            )
            .await?;
        // Newest first within a federation, paged by (id): ids are UUIDv7, so id order is time order.
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_log_federation_id")
                    .table(AuditLog::Table)
                    .col(AuditLog::FederationId)
                    .col(AuditLog::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_log_entity")
                    .table(AuditLog::Table)
                    .col(AuditLog::EntityId)
                    .to_owned(),
            )
            .await?;

        // The application never updates or deletes an audit row; the database refuses it too, so neither a bug
        // nor a hand-written statement can rewrite history.
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()",
                )
                .await?;
            }
            _ => {
                for operation in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER audit_log_no_{op} BEFORE {operation} ON audit_log \
                         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
                        op = operation.to_lowercase()
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_log_is_append_only() CASCADE")
                .await?;
        }
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await
    }
}
