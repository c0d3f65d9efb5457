//! The write machinery: an aggregate (a record and its parts in child tables) is written all or nothing.

use pactes_domain::audit::{AuditFilter, AuditRepository};
use pactes_domain::directory::{CommuneDraft, TerritoryFilter, TerritoryOrder, TerritoryPatch, TerritoryRepository};
use pactes_domain::{Actor, RepositoryError, Scope};
use sea_orm::{ConnectionTrait, DatabaseBackend};

use pactes_persistence::row_security::{self, RowScope};

use crate::both;
use crate::support::{federation_id, first};

/// Makes the database refuse a commune named "Boom", so a write fails after its root row was updated (a trigger:
/// the owner's to create).
async fn refuse_boom(owner: &pactes_persistence::Database) {
    let conn = owner.unscoped_connection();
    let statements: &[&str] = match owner.backend() {
        DatabaseBackend::Postgres => &[
            "CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN IF NEW.name = 'Boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$",
            "CREATE TRIGGER refuse_boom BEFORE INSERT ON territory_communes \
             FOR EACH ROW EXECUTE FUNCTION refuse_boom()",
        ],
        _ => &["CREATE TRIGGER refuse_boom BEFORE INSERT ON territory_communes \
                WHEN NEW.name = 'Boom' BEGIN SELECT RAISE(ABORT, 'boom'); END"],
    };
    for statement in statements {
        conn.execute_unprepared(statement).await.unwrap();
    }
}

both!(
    an_aggregate_write_that_fails_half_way_leaves_nothing,
    demo,
    |db, owner| async move {
        let nord = Scope::Federation(federation_id(&db, "nord").await);
        let tenant = nord.federation().unwrap();
        let territories = db
            .list_territories(&nord, &TerritoryFilter::default(), TerritoryOrder::default(), &first(1))
            .await
            .unwrap();
        let before = db.territories_by_ids(&nord, &[territories.items[0].id]).await.unwrap()[0].clone();
        assert!(!before.data.communes.is_empty(), "the Douaisis lists its communes");
        let audit_before = db.count_audit_entries(&nord, &AuditFilter::default()).await.unwrap();
        refuse_boom(&owner).await;

        // The root's name changes first; the second commune's insert then fails inside the same write.
        let failed = db
            .update_territory(
                tenant,
                &Actor::system("test"),
                before.id,
                before.meta.version,
                TerritoryPatch {
                    name: Some("Grand Douaisis".into()),
                    communes: Some(vec![CommuneDraft::named("Douai"), CommuneDraft::named("Boom")]),
                    ..Default::default()
                },
            )
            .await;
        assert!(matches!(failed, Err(RepositoryError::Storage(_))), "{failed:?}");

        let after = db.territories_by_ids(&nord, &[before.id]).await.unwrap();
        assert_eq!(
            after,
            vec![before.clone()],
            "root, version and communes are as they were"
        );
        assert_eq!(
            db.count_audit_entries(&nord, &AuditFilter::default()).await.unwrap(),
            audit_before,
            "no audit entry for a write that did not happen"
        );

        // The same write without the refused commune goes through whole: root, parts, version, one entry.
        let done = db
            .update_territory(
                tenant,
                &Actor::system("test"),
                before.id,
                before.meta.version,
                TerritoryPatch {
                    name: Some("Grand Douaisis".into()),
                    communes: Some(vec![CommuneDraft::named("Douai"), CommuneDraft::named("Sin-le-Noble")]),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(done.meta.version, before.meta.version + 1);
        let read = db.territories_by_ids(&nord, &[before.id]).await.unwrap();
        assert_eq!(read, vec![done]);
        assert_eq!(read[0].data.communes.len(), 2);
        assert_eq!(
            db.count_audit_entries(&nord, &AuditFilter::default()).await.unwrap(),
            audit_before + 1
        );
    }
);

// A write that cannot get its lock gives up after the statement timeout (PostgreSQL's `statement_timeout`,
// SQLite's `busy_timeout`) instead of holding its connection until the other writer is done.
both!(
    a_write_blocked_past_the_statement_timeout_fails_instead_of_hanging,
    demo_with_short_timeout,
    |db| async move {
        use sea_orm::TransactionTrait;
        let nord = Scope::Federation(federation_id(&db, "nord").await);
        let territories = db
            .list_territories(&nord, &TerritoryFilter::default(), TerritoryOrder::default(), &first(1))
            .await
            .unwrap();
        let territory = db.territories_by_ids(&nord, &[territories.items[0].id]).await.unwrap()[0].clone();
        let conn = db.unscoped_connection();
        let blocker = row_security::within(RowScope::All, conn.begin()).await.unwrap();
        let hold = match db.backend() {
            DatabaseBackend::Postgres => format!("SELECT id FROM territories WHERE id = '{}' FOR UPDATE", territory.id),
            _ => format!("UPDATE territories SET version = version WHERE id = '{}'", territory.id),
        };
        blocker.execute_unprepared(&hold).await.unwrap();
        let started = std::time::Instant::now();
        let blocked = db
            .update_territory(
                nord.federation().unwrap(),
                &Actor::system("test"),
                territory.id,
                territory.meta.version,
                TerritoryPatch {
                    name: Some("Grand Douaisis".into()),
                    ..Default::default()
                },
            )
            .await;
        assert!(matches!(blocked, Err(RepositoryError::Storage(_))), "{blocked:?}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
        blocker.rollback().await.unwrap();
        let reread = db.territories_by_ids(&nord, &[territory.id]).await.unwrap();
        assert_eq!(reread, vec![territory]);
    }
);
