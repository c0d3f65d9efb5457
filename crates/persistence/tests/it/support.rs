//! Every persistence test runs twice: on SQLite and on PostgreSQL (`TEST_DATABASE_URL`), each run in a database
//! of its own. Without `TEST_DATABASE_URL` the PostgreSQL half fails rather than passing silently; set
//! `PACTES_SKIP_POSTGRES=1` to skip it knowingly.

use pactes_domain::directory::{CentreFilter, CentreOrder, CentreRepository, FederationRepository};
use pactes_domain::page::PageRequest;
use pactes_domain::{FederationId, Scope};
use pactes_persistence::Database;
use pactes_persistence::scratch::{self, Contents, Scratch};

pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestDb {
    /// As the server connects: on PostgreSQL, a login of the runtime role, under row-level security.
    pub db: Database,
    /// As the tables' owner: for migrations and for a test's own DDL (tables, triggers).
    pub owner: Database,
    _scratch: Scratch,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A database of its own holding `contents`; `None` when PostgreSQL is knowingly skipped.
    async fn with(backend: Backend, contents: Contents) -> Option<TestDb> {
        TestDb::configured(backend, contents, |_| {}).await
    }

    async fn configured(
        backend: Backend,
        contents: Contents,
        configure: impl FnOnce(&mut pactes_persistence::DatabaseSettings),
    ) -> Option<TestDb> {
        let (scratch, dir) = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary directory");
                (
                    scratch::sqlite(dir.path(), contents).await.expect("a SQLite copy"),
                    Some(dir),
                )
            }
            Backend::Postgres => match std::env::var(scratch::TEST_DATABASE_URL) {
                Ok(url) => (
                    scratch::postgres(&url, contents, "persistence")
                        .await
                        .expect("a PostgreSQL copy"),
                    None,
                ),
                Err(_) if std::env::var("PACTES_SKIP_POSTGRES").is_ok_and(|v| v == "1") => {
                    eprintln!("PostgreSQL test skipped: PACTES_SKIP_POSTGRES=1");
                    return None;
                }
                Err(_) => panic!("TEST_DATABASE_URL is not set (or set PACTES_SKIP_POSTGRES=1 to skip PostgreSQL)"),
            },
        };
        let mut settings = scratch.settings.clone();
        configure(&mut settings);
        let db = Database::connect(&settings).await.expect("connect");
        let mut owner_settings = scratch.owner_settings.clone();
        configure_owner(&mut owner_settings, &settings);
        let owner = Database::connect(&owner_settings).await.expect("connect as the owner");
        Some(TestDb {
            db,
            owner,
            _scratch: scratch,
            _dir: dir,
        })
    }

    /// A migrated, empty database.
    pub async fn empty(backend: Backend) -> Option<TestDb> {
        TestDb::with(backend, Contents::Empty).await
    }

    /// A database with no table yet, for tests of the migrations themselves.
    pub async fn unmigrated(backend: Backend) -> Option<TestDb> {
        TestDb::with(backend, Contents::Unmigrated).await
    }

    /// A migrated database holding the demo data.
    pub async fn demo(backend: Backend) -> Option<TestDb> {
        TestDb::with(backend, Contents::Demo).await
    }

    /// The demo data, on a pool of two connections.
    pub async fn demo_on_small_pool(backend: Backend) -> Option<TestDb> {
        TestDb::configured(backend, Contents::Demo, |s| s.max_connections = 2).await
    }

    /// The demo data, on a pool whose statements give up after 300 ms.
    pub async fn demo_with_short_timeout(backend: Backend) -> Option<TestDb> {
        TestDb::configured(backend, Contents::Demo, |s| {
            s.statement_timeout = std::time::Duration::from_millis(300)
        })
        .await
    }
}

/// The owner's pool keeps the test's own limits.
fn configure_owner(owner: &mut pactes_persistence::DatabaseSettings, settings: &pactes_persistence::DatabaseSettings) {
    owner.statement_timeout = settings.statement_timeout;
    owner.max_connections = settings.max_connections;
}

/// Declares a test that runs on both databases: `both!(name, setup, |db| async move { … })` makes
/// `name::sqlite` and `name::postgres`; `|db, owner|` also gives the owner's pool.
#[macro_export]
macro_rules! both {
    ($name:ident, $setup:ident, |$db:ident| $body:expr) => {
        $crate::both!($name, $setup, |$db, _owner| $body);
    };
    ($name:ident, $setup:ident, |$db:ident, $owner:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let Some(test) = $crate::support::TestDb::$setup($crate::support::Backend::Sqlite).await else {
                    return;
                };
                let $db = test.db.clone();
                #[allow(unused_variables)]
                let $owner = test.owner.clone();
                $body.await;
            }

            #[tokio::test]
            async fn postgres() {
                let Some(test) = $crate::support::TestDb::$setup($crate::support::Backend::Postgres).await else {
                    return;
                };
                let $db = test.db.clone();
                #[allow(unused_variables)]
                let $owner = test.owner.clone();
                $body.await;
            }
        }
    };
}

pub async fn federation_id(db: &Database, slug: &str) -> FederationId {
    db.federation_by_slug_public(slug)
        .await
        .expect("read")
        .unwrap_or_else(|| panic!("no federation {slug}"))
        .id
}

pub fn first(n: u64) -> PageRequest {
    PageRequest::Forward { limit: n, after: None }
}

/// Every centre the scope sees, by name.
pub async fn centre_names(db: &Database, scope: &Scope, filter: &CentreFilter) -> Vec<String> {
    let page = db
        .list_centres(scope, filter, CentreOrder::default(), &first(500))
        .await
        .expect("list");
    page.items
        .into_iter()
        .map(|c| c.data.name.as_str().to_owned())
        .collect()
}

/// A small deterministic generator, so a failure can be replayed.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}
