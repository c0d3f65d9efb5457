//! A substring search of centres (`filter: { search }`, `LIKE '%…%'` on the folded name and commune) reads the
//! rows that hold the text's trigrams instead of every row of the federation: at 10,000 centres the page of a
//! search for "roubaix" read 6,800 rows through the name index, or all 10,000 in a sequential scan (2–7 ms), and
//! reads 400 through these indexes (0.4 ms).
//!
//! The trigram operator class comes with PostgreSQL's `pg_trgm`, one of its contrib modules (shipped with
//! Debian's and the official images' PostgreSQL, offered by the managed services), which a database's owner may
//! install (it is a trusted extension). SQLite has no such index: its search stays a scan, which the embedded
//! default's sizes afford.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str); 2] = [
    ("ix_centres_name_key_trigrams", "name_key"),
    ("ix_centres_commune_key_trigrams", "commune_key"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let conn = manager.get_connection();
        // The extension may already be installed, in another schema than this one (it is one per database):
        // the operator class is named with the schema it lives in.
        conn.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            .await?;
        for (index, column) in INDEXES {
            conn.execute_unprepared(&format!(
                "DO $$ BEGIN EXECUTE format('CREATE INDEX {index} ON centres USING gin ({column} %I.gin_trgm_ops)', \
                 (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace \
                 WHERE e.extname = 'pg_trgm')); END $$"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        // The extension stays: something else of the database's may use it.
        for (index, _) in INDEXES {
            manager
                .get_connection()
                .execute_unprepared(&format!("DROP INDEX IF EXISTS {index}"))
                .await?;
        }
        Ok(())
    }
}
