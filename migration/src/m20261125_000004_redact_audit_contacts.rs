//! The audit log held partners' contacts in clear (`contacts`: "name / title / email / phone; …"). It now
//! records that a contact's personal data changed, never what it was; this migration brings the entries written
//! before into line, so that erasing a person leaves nothing of them in the append-only log. The log refuses
//! updates: its guard is lifted for this one statement set, inside the migration's transaction.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

const PERSONAL_DATA: &str = "[personal data]";

#[derive(serde::Deserialize, serde::Serialize)]
struct Change {
    field: String,
    before: Option<String>,
    after: Option<String>,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on both databases: the guard is never left lifted, and on SQLite every statement sees
    /// the same connection's schema.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT id, changes FROM audit_log WHERE entity_type = 'Partner'".to_owned(),
            ))
            .await?;
        let mut redacted = Vec::new();
        for row in rows {
            let id: uuid::Uuid = row.try_get("", "id")?;
            let text: String = row.try_get("", "changes")?;
            let mut changes: Vec<Change> =
                serde_json::from_str(&text).map_err(|e| DbErr::Migration(format!("audit entry {id}: {e}")))?;
            let mut touched = false;
            for change in changes.iter_mut().filter(|c| c.field == "contacts") {
                for value in [&mut change.before, &mut change.after] {
                    if value.as_deref().is_some_and(|v| v != PERSONAL_DATA) {
                        *value = Some(PERSONAL_DATA.to_owned());
                        touched = true;
                    }
                }
            }
            if touched {
                let json = serde_json::to_string(&changes).map_err(|e| DbErr::Migration(e.to_string()))?;
                redacted.push((id, json));
            }
        }
        if redacted.is_empty() {
            return Ok(());
        }
        let (lift, restore): (Vec<&str>, Vec<&str>) = match backend {
            DatabaseBackend::Postgres => (
                vec!["ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"],
                vec!["ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"],
            ),
            _ => (
                vec!["DROP TRIGGER audit_log_no_update"],
                vec![
                    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
                ],
            ),
        };
        for statement in lift {
            db.execute_unprepared(statement).await?;
        }
        for (id, json) in redacted {
            let update = Query::update()
                .table(Alias::new("audit_log"))
                .value(Alias::new("changes"), json)
                .and_where(Expr::col(Alias::new("id")).eq(id))
                .to_owned();
            manager.exec_stmt(update).await?;
        }
        for statement in restore {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Redacted data cannot come back, by design.
        Ok(())
    }
}
