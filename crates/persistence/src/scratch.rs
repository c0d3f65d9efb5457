//! Disposable databases, for tests and benchmarks: a fresh SQLite file, or a uniquely named schema in a
//! PostgreSQL database. Each caller gets its own, so tests run in parallel without seeing each other.

use sea_orm::ConnectionTrait;

use crate::database::DatabaseSettings;
use crate::error::ConnectError;

/// The variable naming the PostgreSQL database tests may create schemas in.
pub const TEST_DATABASE_URL: &str = "TEST_DATABASE_URL";

/// Settings for a new SQLite file under `dir` (which the caller keeps alive for the test's duration).
pub fn sqlite_in(dir: &std::path::Path) -> DatabaseSettings {
    let path = dir.join(format!("pactes-{}.db", uuid::Uuid::now_v7().simple()));
    DatabaseSettings {
        max_connections: 5,
        ..DatabaseSettings::new(format!("sqlite://{}?mode=rwc", path.display()))
    }
}

/// Settings for a new, empty schema in the PostgreSQL database at `url`.
pub async fn postgres_schema(url: &str) -> Result<DatabaseSettings, ConnectError> {
    let schema = format!("test_{}", uuid::Uuid::now_v7().simple());
    let admin = sea_orm::Database::connect(url).await.map_err(ConnectError::Open)?;
    admin
        .execute_unprepared(&format!("CREATE SCHEMA \"{schema}\""))
        .await
        .map_err(ConnectError::Open)?;
    admin.close().await.map_err(ConnectError::Open)?;
    Ok(DatabaseSettings {
        schema: Some(schema),
        max_connections: 5,
        ..DatabaseSettings::new(url)
    })
}
