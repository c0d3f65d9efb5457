use pactes_domain::audit::{AuditAction, AuditFilter, AuditRepository};
use pactes_domain::directory::{CentreFilter, CentreOrder, CentrePatch, CentreRepository};
use pactes_domain::{Actor, Scope};
use sea_orm::ConnectionTrait;

use crate::both;
use crate::support::{federation_id, first};

both!(every_write_is_audited_and_the_log_is_scoped, demo, |db| async move {
    let nord = Scope::Federation(federation_id(&db, "nord").await);
    let pdc = Scope::Federation(federation_id(&db, "pas-de-calais").await);
    let centre = db
        .list_centres(&nord, &CentreFilter::default(), CentreOrder::default(), &first(1))
        .await
        .unwrap()
        .items
        .remove(0);
    let actor = Actor {
        subject: "alice".into(),
        roles: vec!["federation-admin".into()],
    };
    let patch = CentrePatch {
        name: Some("Centre social Dorignies (rénové)".into()),
        ..Default::default()
    };
    db.update_centre(
        nord.federation().unwrap(),
        &actor,
        centre.id,
        centre.meta.version,
        patch,
    )
    .await
    .unwrap();

    let filter = AuditFilter {
        entity_id: Some(centre.id.as_uuid()),
    };
    let log = db.list_audit_entries(&nord, &filter, &first(10)).await.unwrap().items;
    assert_eq!(log.len(), 2, "creation by the demo loader, then the update");
    let newest = &log[0];
    assert_eq!(newest.action, AuditAction::Update);
    assert_eq!(newest.actor, actor);
    assert_eq!(newest.entity_type, "Centre");
    assert_eq!(newest.federation_id, nord.federation());
    assert_eq!(newest.changes.len(), 1);
    assert_eq!(newest.changes[0].field, "name");
    assert_eq!(newest.changes[0].before.as_deref(), Some(centre.data.name.as_str()));
    assert_eq!(log[1].action, AuditAction::Create);
    assert_eq!(log[1].actor, Actor::system("demo"));

    assert!(
        db.list_audit_entries(&pdc, &filter, &first(10))
            .await
            .unwrap()
            .items
            .is_empty()
    );
    let nord_total = db.count_audit_entries(&nord, &AuditFilter::default()).await.unwrap();
    // One federation, one territory, 13 centres, 3 partners, its 2024 campaign and the import of its values, the
    // CAF's COF, the two Douaisis pacts, one update.
    assert_eq!(nord_total, 1 + 1 + 13 + 3 + 2 + 1 + 2 + 1);
});

both!(a_refused_write_leaves_no_audit_entry, demo, |db| async move {
    let nord = Scope::Federation(federation_id(&db, "nord").await);
    let before = db.count_audit_entries(&nord, &AuditFilter::default()).await.unwrap();
    let centre = db
        .list_centres(&nord, &CentreFilter::default(), CentreOrder::default(), &first(1))
        .await
        .unwrap()
        .items
        .remove(0);
    let actor = Actor::system("test");
    let stale = db
        .update_centre(
            nord.federation().unwrap(),
            &actor,
            centre.id,
            99,
            CentrePatch::default(),
        )
        .await;
    assert!(stale.is_err());
    assert_eq!(
        db.count_audit_entries(&nord, &AuditFilter::default()).await.unwrap(),
        before
    );
});

both!(the_database_refuses_to_alter_the_log, demo, |db| async move {
    let conn = db_conn(&db).await;
    let update = conn
        .execute_unprepared("UPDATE audit_log SET actor_subject = 'mallory'")
        .await;
    assert!(update.is_err(), "an UPDATE of the audit log must fail");
    let delete = conn.execute_unprepared("DELETE FROM audit_log").await;
    assert!(delete.is_err(), "a DELETE from the audit log must fail");
    let nord = Scope::Federation(federation_id(&db, "nord").await);
    assert!(db.count_audit_entries(&nord, &AuditFilter::default()).await.unwrap() > 0);
});

async fn db_conn(db: &pactes_persistence::Database) -> sea_orm::DatabaseConnection {
    db.unscoped_connection()
}
