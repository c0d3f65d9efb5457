use pactes_domain::Scope;
use pactes_domain::audit::AuditRepository;
use pactes_domain::directory::{
    CentreFilter, CentreOrder, CentreRepository, FederationRepository, PartnerFilter, PartnerOrder, PartnerRepository,
    TerritoryFilter, TerritoryOrder, TerritoryRepository,
};

use crate::both;
use crate::support::{centre_names, federation_id, first};

both!(migrations_are_all_applied, empty, |db, owner| async move {
    let states = db.migration_states().await.expect("status");
    assert!(states.len() >= 2, "{states:?}");
    assert!(states.iter().all(|s| s.applied), "{states:?}");
    // Applying again is a no-op.
    owner.migrate().await.expect("second migrate");
});

both!(
    the_demo_data_loads_once_with_the_documents_facts,
    empty,
    |db| async move {
        assert!(
            db.prepare(true).await.expect("prepare"),
            "the demo data should load into an empty database"
        );
        assert!(
            !db.prepare(true).await.expect("prepare again"),
            "a second start must not load the demo again"
        );

        let slugs: Vec<String> = db
            .list_federations_public()
            .await
            .expect("list")
            .into_iter()
            .map(|f| f.data.slug.to_string())
            .collect();
        assert_eq!(
            slugs,
            ["finistere", "garonne-occitanie", "moselle", "nord", "pas-de-calais"]
        );

        let nord = Scope::Federation(federation_id(&db, "nord").await);
        let douaisis = centre_names(&db, &nord, &CentreFilter::default()).await;
        assert_eq!(douaisis.len(), 13, "{douaisis:?}");
        assert!(douaisis.contains(&"Centre socioculturel municipal Henri-Martel".to_owned()));

        let pdc = Scope::Federation(federation_id(&db, "pas-de-calais").await);
        let calaisis = centre_names(&db, &pdc, &CentreFilter::default()).await;
        assert_eq!(calaisis.len(), 4, "{calaisis:?}");

        let territories = db
            .list_territories(
                &nord,
                &TerritoryFilter::default(),
                TerritoryOrder::default(),
                &first(10),
            )
            .await
            .expect("territories");
        assert_eq!(territories.items.len(), 1);
        assert_eq!(territories.items[0].data.name.as_str(), "Douaisis");
        assert!(
            territories.items[0].data.communes.is_empty(),
            "a page's items come without their parts"
        );
        let douaisis = db.territories_by_ids(&nord, &[territories.items[0].id]).await.unwrap();
        assert_eq!(douaisis[0].data.communes.len(), 9);

        let partners = db
            .list_partners(&nord, &PartnerFilter::default(), PartnerOrder::default(), &first(10))
            .await
            .unwrap();
        let names: Vec<&str> = partners.items.iter().map(|p| p.data.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "CAF du Nord",
                "Conseil Général du Nord",
                "Conseil Régional Nord-Pas de Calais"
            ]
        );

        // The phone numbers are the document's, normalised.
        let dechy = CentreFilter {
            commune: Some("Dechy".into()),
            ..Default::default()
        };
        let page = db
            .list_centres(&nord, &dechy, CentreOrder::default(), &first(100))
            .await
            .unwrap();
        assert_eq!(page.items[0].data.phone.as_ref().unwrap().to_string(), "03 27 96 90 33");
    }
);

// The demo data is one transaction: a load that fails half-way (here the database refuses one centre) leaves
// the database empty — not a partial directory that would block every later load — and the next start loads
// it whole.
both!(
    a_demo_load_that_fails_half_way_leaves_nothing,
    empty,
    |db, owner| async move {
        use sea_orm::{ConnectionTrait, DatabaseBackend};
        let conn = owner.unscoped_connection();
        let refuse: &[&str] = match db.backend() {
            DatabaseBackend::Postgres => &[
                "CREATE FUNCTION refuse_dorignies() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN IF NEW.name = 'Centre social Dorignies' THEN RAISE EXCEPTION 'refused'; END IF; \
                 RETURN NEW; END $$",
                "CREATE TRIGGER refuse_dorignies BEFORE INSERT ON centres FOR EACH ROW \
                 EXECUTE FUNCTION refuse_dorignies()",
            ],
            _ => &["CREATE TRIGGER refuse_dorignies BEFORE INSERT ON centres \
                    WHEN NEW.name = 'Centre social Dorignies' BEGIN SELECT RAISE(ABORT, 'refused'); END"],
        };
        for statement in refuse {
            conn.execute_unprepared(statement).await.unwrap();
        }
        assert!(db.prepare(true).await.is_err(), "the load fails on the refused centre");
        assert!(
            db.list_federations_public().await.unwrap().is_empty(),
            "nothing of it was kept"
        );
        assert_eq!(
            db.count_audit_entries(&Scope::National, &Default::default())
                .await
                .unwrap(),
            0,
            "nor any audit entry"
        );

        let drop = match db.backend() {
            DatabaseBackend::Postgres => "DROP TRIGGER refuse_dorignies ON centres",
            _ => "DROP TRIGGER refuse_dorignies",
        };
        conn.execute_unprepared(drop).await.unwrap();
        assert!(db.prepare(true).await.unwrap(), "the next start loads it");
        let all = centre_names(&db, &Scope::National, &CentreFilter::default()).await;
        assert_eq!(all.len(), 17);
    }
);
