//! Disposable databases for tests and benchmarks, each caller its own so tests run in parallel without seeing
//! each other. A database is a copy of a template migrated (and, when asked, seeded with the demo data) once per
//! test binary: a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL. PostgreSQL copies are dropped
//! when their [`Scratch`] is, and each is recorded in the `pactes_test_databases` table of the database named by
//! `TEST_DATABASE_URL`, so CI can tell that the PostgreSQL tests ran.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use sea_orm::{ConnectionTrait, DatabaseConnection};
use tokio::sync::OnceCell;

use crate::database::Database;
use crate::error::ConnectError;
use crate::pool::DatabaseSettings;
use pactes_migration::row_security::{RUNTIME_ROLE, create_role_sql};

/// The variable naming the PostgreSQL database tests may create databases from.
pub const TEST_DATABASE_URL: &str = "TEST_DATABASE_URL";

/// What a scratch database holds when it is handed out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Contents {
    /// No table at all: for tests of the migrations and of start-up.
    Unmigrated,
    /// Migrated, no row.
    Empty,
    /// Migrated, with the demo data.
    Demo,
}

impl Contents {
    fn name(self) -> &'static str {
        match self {
            Contents::Unmigrated => "unmigrated",
            Contents::Empty => "empty",
            Contents::Demo => "demo",
        }
    }
}

/// A scratch database; a PostgreSQL one is dropped with it.
pub struct Scratch {
    /// What the application connects with: on PostgreSQL, a login role of the runtime role (subject to
    /// row-level security) once the database is migrated, its owner while it is not.
    pub settings: DatabaseSettings,
    /// The owner's (migrations, triggers and other DDL of tests); the same as `settings` on SQLite.
    pub owner_settings: DatabaseSettings,
    drop_with: Option<(String, String)>,
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.drop_with.take() else {
            return;
        };
        // Drop runs inside a test's runtime; the statement runs on a runtime of its own, on another thread.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async {
                let admin = sea_orm::Database::connect(&admin_url).await.ok()?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await
                    .ok()?;
                admin.close().await.ok()
            })
        })
        .join();
        if !matches!(dropped, Ok(Some(()))) {
            eprintln!("could not drop a scratch database; it will be dropped with the next template");
        }
    }
}

/// A fingerprint of this build: templates made by another build (other migrations, other demo data) are not
/// reused.
fn build_fingerprint() -> String {
    let mut hasher = DefaultHasher::new();
    let exe = std::env::current_exe().unwrap_or_default();
    exe.hash(&mut hasher);
    std::fs::metadata(&exe)
        .and_then(|m| m.modified())
        .ok()
        .hash(&mut hasher);
    format!("{:012x}", hasher.finish() & 0xffff_ffff_ffff)
}

async fn fill(settings: &DatabaseSettings, contents: Contents) -> Result<(), ConnectError> {
    let db = Database::connect(settings).await?;
    db.prepare(contents == Contents::Demo).await?;
    db.close().await;
    Ok(())
}

/// A copy of the SQLite template with `contents`, in `dir` (which the caller keeps for the test's duration).
pub async fn sqlite(dir: &Path, contents: Contents) -> Result<Scratch, ConnectError> {
    static EMPTY: OnceCell<PathBuf> = OnceCell::const_new();
    static DEMO: OnceCell<PathBuf> = OnceCell::const_new();
    let path = dir.join(format!("pactes-{}.db", uuid::Uuid::now_v7().simple()));
    let settings = DatabaseSettings {
        max_connections: 5,
        ..sqlite_settings(&path)
    };
    let owner_settings = settings.clone();
    let cell = match contents {
        Contents::Unmigrated => {
            return Ok(Scratch {
                settings,
                owner_settings,
                drop_with: None,
            });
        }
        Contents::Empty => &EMPTY,
        Contents::Demo => &DEMO,
    };
    let template = cell
        .get_or_try_init(|| async {
            let templates = std::env::temp_dir().join("pactes-test-templates");
            std::fs::create_dir_all(&templates).map_err(|source| ConnectError::Directory {
                path: templates.display().to_string(),
                source,
            })?;
            let path = templates.join(format!("{}-{}.db", build_fingerprint(), contents.name()));
            if !path.exists() {
                // Built aside and renamed into place, so a concurrent test binary never copies half a file.
                let partial = templates.join(format!("{}.partial", uuid::Uuid::now_v7().simple()));
                fill(&sqlite_settings(&partial), contents).await?;
                std::fs::rename(&partial, &path).map_err(|source| ConnectError::Directory {
                    path: path.display().to_string(),
                    source,
                })?;
            }
            Ok::<_, ConnectError>(path)
        })
        .await?;
    std::fs::copy(template, &path).map_err(|source| ConnectError::Directory {
        path: path.display().to_string(),
        source,
    })?;
    Ok(Scratch {
        settings,
        owner_settings,
        drop_with: None,
    })
}

fn sqlite_settings(path: &Path) -> DatabaseSettings {
    DatabaseSettings::new(format!("sqlite://{}?mode=rwc", path.display()))
}

/// A test database on this machine needs no TLS, and a TLS handshake costs ~85 ms per connection in a debug
/// build (PostgreSQL's default `sslmode=prefer` negotiates it whenever the server offers it).
fn without_tls_on_loopback(url: &str) -> String {
    let loopback = ["@127.0.0.1", "@localhost", "@[::1]"]
        .iter()
        .any(|host| url.contains(host));
    if !loopback || url.contains("sslmode=") {
        return url.to_owned();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}sslmode=disable")
}

/// `url` with another database name.
pub fn with_database(url: &str, database: &str) -> String {
    let (address, query) = match url.split_once('?') {
        Some((address, query)) => (address, Some(query)),
        None => (url, None),
    };
    let base = address.rsplit_once('/').map_or(address, |(base, _)| base);
    match query {
        Some(query) => format!("{base}/{database}?{query}"),
        None => format!("{base}/{database}"),
    }
}

/// A copy of the PostgreSQL template with `contents`, made next to the database at `url`; `purpose` is recorded
/// (`persistence`, `e2e`…) so CI can count what ran on PostgreSQL.
pub async fn postgres(url: &str, contents: Contents, purpose: &str) -> Result<Scratch, ConnectError> {
    let url = &without_tls_on_loopback(url);
    static EMPTY: OnceCell<String> = OnceCell::const_new();
    static DEMO: OnceCell<String> = OnceCell::const_new();
    let template = match contents {
        Contents::Unmigrated => None,
        Contents::Empty => Some(&EMPTY),
        Contents::Demo => Some(&DEMO),
    };
    let template = match template {
        Some(cell) => Some(cell.get_or_try_init(|| postgres_template(url, contents)).await?.clone()),
        None => None,
    };
    let name = format!("pactes_test_{}", uuid::Uuid::now_v7().simple());
    let admin = connect(url).await?;
    let create = match template {
        Some(template) => format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""),
        None => format!("CREATE DATABASE \"{name}\""),
    };
    admin.execute_unprepared(&create).await.map_err(ConnectError::Open)?;
    // Two sessions creating the same table at once can collide in PostgreSQL's catalog: the first creation is
    // serialised by an advisory lock.
    static REGISTRY: OnceCell<()> = OnceCell::const_new();
    REGISTRY
        .get_or_try_init(|| async {
            admin
                .execute_unprepared(
                    "BEGIN; SELECT pg_advisory_xact_lock(7061637465730002); \
                     CREATE TABLE IF NOT EXISTS pactes_test_databases \
                     (name TEXT PRIMARY KEY, purpose TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now()); \
                     COMMIT",
                )
                .await
                .map(|_| ())
                .map_err(ConnectError::Open)
        })
        .await?;
    admin
        .execute_unprepared(&format!(
            "INSERT INTO pactes_test_databases (name, purpose) VALUES ('{name}', '{}')",
            purpose.replace('\'', "")
        ))
        .await
        .map_err(ConnectError::Open)?;
    RUNTIME_LOGIN
        .get_or_try_init(|| async {
            admin
                .execute_unprepared(&format!(
                    "{}; {}",
                    create_role_sql(RUNTIME_ROLE, "NOLOGIN NOSUPERUSER NOBYPASSRLS"),
                    create_role_sql(
                        TEST_RUNTIME_LOGIN,
                        &format!("LOGIN NOSUPERUSER NOBYPASSRLS IN ROLE {RUNTIME_ROLE}")
                    )
                ))
                .await
                .map(|_| ())
                .map_err(ConnectError::Open)
        })
        .await?;
    let owner_settings = DatabaseSettings {
        max_connections: 5,
        ..DatabaseSettings::new(with_database(url, &name))
    };
    let settings = match contents {
        Contents::Unmigrated => owner_settings.clone(),
        Contents::Empty | Contents::Demo => DatabaseSettings {
            url: with_user(&owner_settings.url, TEST_RUNTIME_LOGIN),
            ..owner_settings.clone()
        },
    };
    Ok(Scratch {
        settings,
        owner_settings,
        drop_with: Some((url.to_owned(), name)),
    })
}

/// The login role tests connect as: a member of the runtime role, so row-level security applies to them as it
/// does to the deployed server.
pub const TEST_RUNTIME_LOGIN: &str = "pactes_test_runtime";
static RUNTIME_LOGIN: OnceCell<()> = OnceCell::const_new();

/// `url` logging in as `user` (no password: tests reach a local server that trusts loopback).
pub fn with_user(url: &str, user: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    format!("{scheme}://{user}@{host}{path}")
}

/// One connection, for a few administrative statements.
async fn connect(url: &str) -> Result<DatabaseConnection, ConnectError> {
    let mut options = sea_orm::ConnectOptions::new(url);
    options.max_connections(1).min_connections(0).sqlx_logging(false);
    sea_orm::Database::connect(options).await.map_err(ConnectError::Open)
}

/// The template database of this build with `contents`, made under an advisory lock so that test binaries
/// running at once make it once; templates of earlier builds are dropped.
async fn postgres_template(url: &str, contents: Contents) -> Result<String, ConnectError> {
    let name = format!("pactes_tpl_{}_{}", build_fingerprint(), contents.name());
    let admin = connect(url).await?;
    admin
        .execute_unprepared("SELECT pg_advisory_lock(7061637465730001)")
        .await
        .map_err(ConnectError::Open)?;
    let result = async {
        let exists = admin
            .query_one_raw(sea_orm::Statement::from_string(
                admin.get_database_backend(),
                format!("SELECT 1 AS one FROM pg_database WHERE datname = '{name}'"),
            ))
            .await
            .map_err(ConnectError::Open)?
            .is_some();
        if !exists {
            let stale = admin
                .query_all_raw(sea_orm::Statement::from_string(
                    admin.get_database_backend(),
                    format!(
                        "SELECT datname::text AS name FROM pg_database WHERE datname LIKE 'pactes\\_tpl\\_%' \
                         AND datname NOT LIKE 'pactes\\_tpl\\_{}\\_%' AND datname NOT LIKE '%\\_building'",
                        build_fingerprint()
                    ),
                ))
                .await
                .map_err(ConnectError::Open)?;
            for row in stale {
                if let Ok(old) = row.try_get::<String>("", "name") {
                    // Another build's run may still be copying it: then it stays for later. A template being
                    // built is another build's, in progress (two checkouts testing on one cluster).
                    let _ = admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{old}\""))
                        .await;
                }
            }
            let building = format!("{name}_building");
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)"))
                .await
                .map_err(ConnectError::Open)?;
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{building}\""))
                .await
                .map_err(ConnectError::Open)?;
            fill(&DatabaseSettings::new(with_database(url, &building)), contents).await?;
            admin
                .execute_unprepared(&format!("ALTER DATABASE \"{building}\" RENAME TO \"{name}\""))
                .await
                .map_err(ConnectError::Open)?;
        }
        Ok(name)
    }
    .await;
    let _ = admin
        .execute_unprepared("SELECT pg_advisory_unlock(7061637465730001)")
        .await;
    admin.close().await.map_err(ConnectError::Open)?;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_database_name_keeps_the_rest_of_the_url() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/ci?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
    }

    #[test]
    fn another_user_keeps_the_rest_of_the_url() {
        assert_eq!(
            with_user("postgres://postgres@127.0.0.1:5432/test?sslmode=disable", "rt"),
            "postgres://rt@127.0.0.1:5432/test?sslmode=disable"
        );
        assert_eq!(with_user("postgres://u:p@h/ci", "rt"), "postgres://rt@h/ci");
        assert_eq!(with_user("postgres://h:5432/ci", "rt"), "postgres://rt@h:5432/ci");
    }
}
