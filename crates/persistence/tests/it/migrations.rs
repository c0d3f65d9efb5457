//! Migrations carry existing data over: a database populated under an earlier schema keeps every item.

use pactes_domain::directory::{CentreRepository, PartnerRepository, TerritoryRepository};
use pactes_domain::{CentreId, FederationId, PartnerId, Scope, TerritoryId};
use pactes_migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use crate::both;

/// The migrations before the lists became rows (directory, audit log).
const BEFORE_CHILD_TABLES: u32 = 2;

both!(
    a_populated_database_keeps_every_list_item_through_the_migrations,
    unmigrated,
    |db| async move {
        let conn = db.unscoped_connection();
        Migrator::up(&conn, Some(BEFORE_CHILD_TABLES)).await.unwrap();
        let (federation, territory, centre, partner) = (
            FederationId::generate(),
            TerritoryId::generate(),
            CentreId::generate(),
            PartnerId::generate(),
        );
        let now = pactes_domain::record::now();
        let rows: Vec<(&str, Vec<sea_orm::Value>)> = vec![
            (
                "INSERT INTO federations (id, slug, name, kind, departements, version, created_at, updated_at) \
                 VALUES ($1, 'nord', 'Fédération des centres sociaux du Nord', 'DEPARTMENTAL', '[\"59\"]', 1, $2, $2)",
                vec![federation.as_uuid().into(), now.into()],
            ),
            (
                "INSERT INTO territories (id, federation_id, name, name_key, kind, communes, version, created_at, updated_at) \
                 VALUES ($1, $2, 'Douaisis', 'douaisis', 'ARRONDISSEMENT', \
                 '[\"Douai\",\"Sin-le-Noble\",\"Auby\",\"Lallaing\",\"Cuincy\"]', 1, $3, $3)",
                vec![territory.as_uuid().into(), federation.as_uuid().into(), now.into()],
            ),
            (
                "INSERT INTO centres (id, federation_id, territory_id, kind, name, name_key, commune, commune_key, \
                 action_domains, version, created_at, updated_at) VALUES ($1, $2, $3, 'CENTRE_SOCIAL', \
                 'Centre social Dorignies', 'centre social dorignies', 'DOUAI', 'douai', \
                 '[\"YOUTH\",\"FAMILIES\",\"DIGITAL\"]', 1, $4, $4)",
                vec![
                    centre.as_uuid().into(),
                    federation.as_uuid().into(),
                    territory.as_uuid().into(),
                    now.into(),
                ],
            ),
            (
                "INSERT INTO partners (id, federation_id, kind, name, name_key, contacts, version, created_at, updated_at) \
                 VALUES ($1, $2, 'CAF', 'CAF du Nord', 'caf du nord', \
                 '[{\"name\":\"Pôle animation de la vie sociale\",\"title\":null,\"email\":\"avs@caf59.fr\",\"phone\":\"0320000000\"},\
                   {\"name\":\"Conseillère technique\",\"title\":\"Douaisis\",\"email\":null,\"phone\":null}]', 1, $3, $3)",
                vec![partner.as_uuid().into(), federation.as_uuid().into(), now.into()],
            ),
        ];
        // An audit entry of the earlier schema, holding the contacts in clear.
        let entry = uuid::Uuid::now_v7();
        let clear = r#"[{"field":"contacts","before":null,"after":"Pôle animation de la vie sociale / avs@caf59.fr / 03 20 00 00 00"},{"field":"name","before":null,"after":"CAF du Nord"}]"#;
        let rows = rows
            .into_iter()
            .chain(std::iter::once((
                "INSERT INTO audit_log (id, federation_id, occurred_at, actor_subject, actor_roles, action, entity_type, \
                 entity_id, changes) VALUES ($1, $2, $3, 'staff-1', '[]', 'CREATE', 'Partner', $4, $5)",
                vec![
                    entry.into(),
                    federation.as_uuid().into(),
                    now.into(),
                    partner.as_uuid().into(),
                    clear.into(),
                ],
            )))
            .collect::<Vec<_>>();
        for (sql, values) in rows {
            let sql = match db.backend() {
                DatabaseBackend::Postgres => sql.to_owned(),
                // SQLite numbers its parameters the same way with `?N`.
                _ => sql.replace('$', "?"),
            };
            conn.execute_raw(Statement::from_sql_and_values(db.backend(), sql, values))
                .await
                .unwrap();
        }

        Migrator::up(&conn, None).await.unwrap();

        let nord = Scope::Federation(federation);
        let territories = db.territories_by_ids(&nord, &[territory]).await.unwrap();
        let communes: Vec<&str> = territories[0].data.communes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            communes,
            ["Douai", "Sin-le-Noble", "Auby", "Lallaing", "Cuincy"],
            "in their order"
        );

        let centres = db.centres_by_ids(&nord, &[centre]).await.unwrap();
        let mut domains: Vec<&str> = centres[0].data.action_domains.iter().map(|d| d.code()).collect();
        domains.sort();
        assert_eq!(domains, ["DIGITAL", "FAMILIES", "YOUTH"]);

        let partners = db.partners_by_ids(&nord, &[partner]).await.unwrap();
        let contacts = &partners[0].data.contacts;
        assert_eq!(contacts.len(), 2);
        assert_eq!(contacts[0].name.as_str(), "Pôle animation de la vie sociale");
        assert_eq!(contacts[0].email.as_ref().map(|e| e.as_str()), Some("avs@caf59.fr"));
        assert_eq!(
            contacts[0].phone.as_ref().map(ToString::to_string).as_deref(),
            Some("03 20 00 00 00")
        );
        assert_eq!(contacts[1].title.as_ref().map(|t| t.as_str()), Some("Douaisis"));
        assert_ne!(contacts[0].id, contacts[1].id, "each contact got its own id");

        // The earlier entry no longer holds the contact's personal data, and the log is append-only again.
        let changes: String = conn
            .query_one_raw(Statement::from_sql_and_values(
                db.backend(),
                match db.backend() {
                    DatabaseBackend::Postgres => "SELECT changes FROM audit_log WHERE id = $1",
                    _ => "SELECT changes FROM audit_log WHERE id = ?",
                },
                [entry.into()],
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get("", "changes")
            .unwrap();
        assert!(
            !changes.contains("avs@caf59.fr") && !changes.contains("03 20"),
            "{changes}"
        );
        assert!(
            changes.contains("[personal data]") && changes.contains("CAF du Nord"),
            "{changes}"
        );
        assert!(
            conn.execute_unprepared("UPDATE audit_log SET actor_subject = 'x'")
                .await
                .is_err(),
            "the log refuses updates again"
        );

        // Read twice, the contacts keep their ids: they are stored, not made up on reading.
        let again = db.partners_by_ids(&nord, &[partner]).await.unwrap();
        assert_eq!(again[0].data.contacts, *contacts);
    }
);
