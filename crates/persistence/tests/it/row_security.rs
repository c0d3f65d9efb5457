//! PostgreSQL's row-level security, the wall under the repositories' tenant filter, tested from below the
//! repositories: raw SQL on the runtime role's sessions, with the tenant setting the pool gives them. SQLite has
//! no such wall, so these tests run on PostgreSQL only.

use pactes_domain::FederationId;
use pactes_persistence::Database;
use pactes_persistence::row_security::{RowScope, within};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::support::{Backend, TestDb, federation_id};

async fn count(conn: &DatabaseConnection, sql: &str) -> i64 {
    let row = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), sql.to_owned()))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

async fn text(conn: &DatabaseConnection, sql: &str) -> String {
    let row = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), sql.to_owned()))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<String>(0).unwrap()
}

/// The demo data, with an action domain and a contact added for Nord and for Pas-de-Calais (the demo has none),
/// so that every tenant table holds rows of both.
async fn demo() -> Option<(TestDb, FederationId, FederationId)> {
    let test = TestDb::demo(Backend::Postgres).await?;
    let nord = federation_id(&test.db, "nord").await;
    let other = federation_id(&test.db, "pas-de-calais").await;
    let owner = test.owner.unscoped_connection();
    for federation in [nord, other] {
        owner
            .execute_unprepared(&format!(
                "INSERT INTO centre_action_domains (federation_id, centre_id, domain) \
                 SELECT federation_id, id, 'JEUNESSE' FROM centres WHERE federation_id = '{federation}' LIMIT 1; \
                 INSERT INTO partner_contacts (id, federation_id, partner_id, position, name) \
                 SELECT gen_random_uuid(), federation_id, id, 0, 'Test' FROM partners \
                 WHERE federation_id = '{federation}' LIMIT 1"
            ))
            .await
            .unwrap();
    }
    Some((test, nord, other))
}

fn every_tenant_table() -> [&'static str; 7] {
    [
        "territories",
        "territory_communes",
        "centres",
        "centre_action_domains",
        "partners",
        "partner_contacts",
        "audit_log",
    ]
}

#[tokio::test]
async fn a_session_sees_its_own_federation_s_rows_only_with_no_filter_in_the_sql() {
    let Some((test, nord, other)) = demo().await else {
        return;
    };
    let owner = test.owner.unscoped_connection();
    let runtime = test.db.unscoped_connection();
    for table in every_tenant_table() {
        let nord_rows = count(
            &owner,
            &format!("SELECT count(*) FROM {table} WHERE federation_id = '{nord}'"),
        )
        .await;
        let all_rows = count(&owner, &format!("SELECT count(*) FROM {table}")).await;
        assert!(
            nord_rows > 0 && all_rows > nord_rows,
            "{table}: the demo has rows of several federations"
        );
        let seen = within(
            RowScope::tenant(nord),
            count(&runtime, &format!("SELECT count(*) FROM {table}")),
        )
        .await;
        assert_eq!(
            seen, nord_rows,
            "{table}: Nord's session sees Nord's rows, and only them"
        );
        let leaked = within(
            RowScope::tenant(nord),
            count(
                &runtime,
                &format!("SELECT count(*) FROM {table} WHERE federation_id = '{other}'"),
            ),
        )
        .await;
        assert_eq!(leaked, 0, "{table}: not one of the other federation's");
        let national = within(RowScope::All, count(&runtime, &format!("SELECT count(*) FROM {table}"))).await;
        assert_eq!(
            national, all_rows,
            "{table}: a national session sees every federation's"
        );
        let unscoped = count(&runtime, &format!("SELECT count(*) FROM {table}")).await;
        assert_eq!(
            unscoped, 0,
            "{table}: a session outside any scope sees nothing (fails closed)"
        );
    }
}

#[tokio::test]
async fn a_session_cannot_write_another_federation_s_rows() {
    let Some((test, nord, other)) = demo().await else {
        return;
    };
    let owner = test.owner.unscoped_connection();
    let runtime = test.db.unscoped_connection();
    let other_territory = text(
        &owner,
        &format!("SELECT id::text FROM territories WHERE federation_id = '{other}' LIMIT 1"),
    )
    .await;

    // Updating or deleting them finds nothing to change.
    let updated = within(
        RowScope::tenant(nord),
        runtime.execute_unprepared(&format!(
            "UPDATE territories SET name = 'Taken' WHERE id = '{other_territory}'"
        )),
    )
    .await
    .unwrap();
    assert_eq!(updated.rows_affected(), 0);
    let deleted = within(
        RowScope::tenant(nord),
        runtime.execute_unprepared(&format!(
            "DELETE FROM territory_communes WHERE federation_id = '{other}'"
        )),
    )
    .await
    .unwrap();
    assert_eq!(deleted.rows_affected(), 0);

    // Inserting a row for them, or moving a row of one's own to them, is refused.
    let inserted = within(
        RowScope::tenant(nord),
        runtime.execute_unprepared(&format!(
            "INSERT INTO territories (id, federation_id, name, name_key, kind, created_at, updated_at, version) \
             VALUES (gen_random_uuid(), '{other}', 'Planted', 'planted', 'AUTRE', now(), now(), 1)"
        )),
    )
    .await;
    let error = inserted
        .expect_err("an insert into another tenant is refused")
        .to_string();
    assert!(error.contains("row-level security"), "{error}");
    let moved = within(
        RowScope::tenant(nord),
        runtime.execute_unprepared(&format!(
            "UPDATE audit_log SET federation_id = '{other}' WHERE federation_id = '{nord}'"
        )),
    )
    .await;
    assert!(moved.is_err(), "the runtime role may not update the audit log at all");

    let name = text(
        &owner,
        &format!("SELECT name FROM territories WHERE id = '{other_territory}'"),
    )
    .await;
    assert_ne!(name, "Taken");
    assert_eq!(
        count(&owner, "SELECT count(*) FROM territories WHERE name = 'Planted'").await,
        0
    );
}

#[tokio::test]
async fn the_runtime_role_cannot_switch_the_wall_off_nor_rewrite_the_log() {
    let Some((test, nord, _)) = demo().await else { return };
    let runtime = test.db.unscoped_connection();
    let attempts = [
        "ALTER TABLE centres DISABLE ROW LEVEL SECURITY",
        "DROP POLICY tenant_rows ON centres",
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
        "TRUNCATE audit_log",
        "DELETE FROM audit_log",
        "UPDATE audit_log SET actor_subject = 'mallory'",
        "SET row_security = off; SELECT count(*) FROM centres",
        "CREATE TABLE planted (id INT)",
    ];
    for attempt in attempts {
        let result = within(RowScope::All, runtime.execute_unprepared(attempt)).await;
        assert!(result.is_err(), "{attempt} must be refused");
    }
    let role = text(
        &runtime,
        "SELECT rolsuper::text || ' ' || rolbypassrls::text FROM pg_roles WHERE rolname = current_user",
    )
    .await;
    assert_eq!(
        role, "false false",
        "the runtime login is neither superuser nor exempt from the policies"
    );
    let owned = count(
        &runtime,
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND pg_has_role(current_user, c.relowner, 'USAGE')",
    )
    .await;
    assert_eq!(owned, 0, "the runtime role owns nothing");
    // What it may do: read and append.
    let appended = within(
        RowScope::tenant(nord),
        count(&runtime, "SELECT count(*) FROM audit_log"),
    )
    .await;
    assert!(appended > 0);
}

#[tokio::test]
async fn every_table_with_a_federation_is_behind_the_wall() {
    let Some(test) = TestDb::empty(Backend::Postgres).await else {
        return;
    };
    let owner = test.owner.unscoped_connection();
    let tables = count(
        &owner,
        "SELECT count(*) FROM information_schema.columns \
         WHERE table_schema = current_schema() AND column_name = 'federation_id'",
    )
    .await;
    assert!(tables >= 7, "the directory's tables, their children and the audit log");
    let unprotected = text(
        &owner,
        "SELECT coalesce(string_agg(c.relname::text, ', '), '') FROM pg_class c \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN information_schema.columns col ON col.table_schema = n.nspname AND col.table_name = c.relname \
              AND col.column_name = 'federation_id' \
         WHERE n.nspname = current_schema() AND c.relkind = 'r' \
           AND (NOT c.relrowsecurity OR NOT EXISTS \
                (SELECT FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname))",
    )
    .await;
    assert_eq!(unprotected, "", "tenant tables without row-level security or a policy");
    let _: &Database = &test.db;
}

/// Between requests, a request's connection is kept aside with the tenant its session is set to, for the next
/// request: one of the same federation takes it as it is, one of another federation or a national one sets it
/// first. Each sees its own rows whichever connection it gets (without the repositories' filter too, in CI).
#[tokio::test]
async fn a_connection_kept_between_requests_serves_each_next_request_with_its_own_tenant() {
    use pactes_domain::Scope;
    use pactes_domain::directory::{CentreFilter, CentreOrder, CentreRepository};
    use pactes_persistence::request_stats::{self, RequestStats};

    let Some((test, nord, other)) = demo().await else {
        return;
    };
    let owner = test.owner.unscoped_connection();
    let rows_of =
        |federation: FederationId| format!("SELECT count(*) FROM centres WHERE federation_id = '{federation}'");
    let nord_rows = count(&owner, &rows_of(nord)).await;
    let other_rows = count(&owner, &rows_of(other)).await;
    let all_rows = count(&owner, "SELECT count(*) FROM centres").await;
    assert!(nord_rows > 0 && other_rows > 0 && all_rows > nord_rows + other_rows - 1);
    let requests = [
        (Scope::Federation(nord), nord_rows, Some(nord)),
        (Scope::Federation(nord), nord_rows, Some(nord)),
        (Scope::Federation(other), other_rows, Some(other)),
        (Scope::National, all_rows, None),
        (Scope::Federation(nord), nord_rows, Some(nord)),
        (Scope::National, all_rows, None),
        (Scope::Federation(other), other_rows, Some(other)),
    ];
    for _ in 0..3 {
        for (scope, expected, federation) in &requests {
            let db = test.db.clone();
            let scope = *scope;
            let centres = request_stats::within(RequestStats::new(), async move {
                db.list_centres(
                    &scope,
                    &CentreFilter::default(),
                    CentreOrder::default(),
                    &crate::support::first(500),
                )
                .await
                .unwrap()
                .items
            })
            .await;
            assert_eq!(centres.len() as i64, *expected, "{scope:?}");
            if let Some(federation) = federation {
                assert!(centres.iter().all(|c| c.federation_id == *federation), "{scope:?}");
            }
        }
    }
}

/// More requests at once than the pool has connections, of two federations and national, while writes come in:
/// a request finding the pool full waits its turn and is handed a connection as another request's statement
/// ends, set for its own tenant; a write is not kept from the pool by the connections kept aside between
/// reads, even when every connection is aside and nothing else runs.
mod requests_beyond_the_pool {
    use pactes_domain::Scope;
    use pactes_domain::directory::{CentreFilter, CentreOrder, CentreRepository};
    use pactes_persistence::Database;
    use pactes_persistence::request_stats::{self, RequestStats};

    use super::*;
    use crate::both;
    use crate::directory::{actor, new_centre};

    async fn names(db: &Database, scope: Scope) -> Vec<(FederationId, String)> {
        let db = db.clone();
        request_stats::within(RequestStats::new(), async move {
            let page = db
                .list_centres(
                    &scope,
                    &CentreFilter::default(),
                    CentreOrder::default(),
                    &crate::support::first(500),
                )
                .await
                .expect("a page of centres");
            page.items
                .into_iter()
                .map(|c| (c.federation_id, c.data.name.as_str().to_owned()))
                .collect()
        })
        .await
    }

    async fn create(db: &Database, federation: FederationId, name: &str) {
        let db = db.clone();
        let draft = new_centre(name, "Douai").validate().unwrap();
        let created = request_stats::within(RequestStats::new(), async move {
            // Within the pool's 5 s acquire timeout: a write kept from the pool fails here, not by timing out.
            tokio::time::timeout(
                std::time::Duration::from_secs(4),
                db.create_centre(federation, &actor(), draft),
            )
            .await
        })
        .await;
        created
            .expect("the write got a connection in time")
            .expect("the centre is created");
    }

    both!(each_sees_its_own, demo_on_small_pool, |db, owner| async move {
        let nord = federation_id(&db, "nord").await;
        let other = federation_id(&db, "pas-de-calais").await;
        let nord_rows = names(&db, Scope::Federation(nord)).await.len();
        let other_rows = names(&db, Scope::Federation(other)).await.len();
        assert!(nord_rows > 0 && other_rows > 0);
        let all_rows = names(&owner, Scope::National).await.len();
        let mut reads = tokio::task::JoinSet::new();
        for i in 0..24 {
            let (scope, federation, rows) = match i % 3 {
                0 => (Scope::Federation(nord), Some(nord), nord_rows),
                1 => (Scope::Federation(other), Some(other), other_rows),
                _ => (Scope::National, None, all_rows),
            };
            let db = db.clone();
            reads.spawn(async move { (names(&db, scope).await, federation, rows) });
        }
        create(&db, nord, "Centre social du pool plein").await;
        for (found, federation, rows) in reads.join_all().await {
            if let Some(federation) = federation {
                assert!(found.iter().all(|(f, _)| *f == federation), "another federation's rows");
                // The write may land before or after a Nord read.
                assert!(
                    found.len() == rows || found.len() == rows + 1,
                    "{} rows, {rows} expected",
                    found.len()
                );
            } else {
                assert!(found.len() >= rows);
            }
        }

        // Every connection is now aside between requests (on PostgreSQL), and nothing else runs.
        create(&db, other, "Centre social après la vague").await;
        let found = names(&db, Scope::Federation(other)).await;
        assert!(found.iter().any(|(_, n)| n == "Centre social après la vague"));
    });
}

// The partner wall under the repositories' visibility rules: a partner's session reads, of its federation's
// pacts, action sheets and conventions, only those it signed or is party to, whatever the SQL asks; the other
// tables read as the federation's (the directory is a viewer's).
#[tokio::test]
async fn a_partner_s_session_reads_only_the_agreements_that_concern_it_with_no_filter_in_the_sql() {
    // Pas-de-Calais: the Calaisis charter, its action sheets and its conventions, with several partners.
    let Some((test, _, calais)) = demo().await else {
        return;
    };
    let owner = test.owner.unscoped_connection();
    let runtime = test.db.unscoped_connection();
    let partners: Vec<uuid::Uuid> = owner
        .query_all_raw(Statement::from_string(
            owner.get_database_backend(),
            format!("SELECT id FROM partners WHERE federation_id = '{calais}'"),
        ))
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get_by_index::<uuid::Uuid>(0).unwrap())
        .collect();
    assert!(partners.len() >= 2, "the demo's Pas-de-Calais has several partners");
    // One partner taken off every agreement (as the owner), so that it is party to none of the federation's.
    let stranger = partners[partners.len() - 1];
    owner
        .execute_unprepared(&format!(
            "DELETE FROM pact_signatories WHERE partner_id = '{stranger}'; \
             DELETE FROM convention_parties WHERE partner_id = '{stranger}'"
        ))
        .await
        .unwrap();
    let tables = [
        (
            "pacts",
            "id IN (SELECT pact_id FROM pact_signatories WHERE partner_id = '{p}')",
        ),
        (
            "action_sheets",
            "pact_id IN (SELECT pact_id FROM pact_signatories WHERE partner_id = '{p}')",
        ),
        (
            "conventions",
            "id IN (SELECT convention_id FROM convention_parties WHERE partner_id = '{p}')",
        ),
    ];
    for (table, concerning) in tables {
        let federation_rows = count(
            &owner,
            &format!("SELECT count(*) FROM {table} WHERE federation_id = '{calais}'"),
        )
        .await;
        assert!(federation_rows > 0, "{table}: the demo has rows of it");
        let mut narrowed = false;
        for partner in &partners {
            let concerning = concerning.replace("{p}", &partner.to_string());
            let its_rows = count(
                &owner,
                &format!("SELECT count(*) FROM {table} WHERE federation_id = '{calais}' AND {concerning}"),
            )
            .await;
            let scope = RowScope::Partner {
                federation: calais.as_uuid(),
                partner: *partner,
            };
            let seen = within(scope, count(&runtime, &format!("SELECT count(*) FROM {table}"))).await;
            assert_eq!(
                seen, its_rows,
                "{table}: partner {partner} reads what concerns it, and only that"
            );
            narrowed |= its_rows < federation_rows;
            // The directory is not narrowed: a partner reads it as a viewer of its federation does.
            let centres = within(scope, count(&runtime, "SELECT count(*) FROM centres")).await;
            let nord_centres = count(
                &owner,
                &format!("SELECT count(*) FROM centres WHERE federation_id = '{calais}'"),
            )
            .await;
            assert_eq!(centres, nord_centres);
        }
        assert!(narrowed, "{table}: some partner of the demo is not party to every row");
        let staff = within(
            RowScope::tenant(calais),
            count(&runtime, &format!("SELECT count(*) FROM {table}")),
        )
        .await;
        assert_eq!(
            staff, federation_rows,
            "{table}: the federation's session reads every row of it"
        );
    }
}
