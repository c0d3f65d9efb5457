//! Federations are kept in memory by each database handle (one per replica): read once, served without a
//! statement, read again at once after the handle's own change, and looked for again when a federation it
//! does not know is asked for (created a moment ago through another replica).

use pactes_domain::Actor;
use pactes_domain::directory::{FederationDraft, FederationKind, FederationPatch, FederationRepository};

use crate::both;
use crate::support::federation_id;

fn draft(slug: &str) -> FederationDraft {
    FederationDraft {
        slug: slug.to_owned(),
        name: "Fédération des centres sociaux de la Somme".to_owned(),
        kind: FederationKind::Departmental,
        departements: vec!["80".to_owned()],
    }
}

both!(
    federations_are_read_once_and_again_after_a_change_or_an_unknown_one,
    demo,
    |db, other_replica| async move {
        let nord = federation_id(&db, "nord").await;
        let before = db.statement_count();
        let again = db.federations_by_ids_public(&[nord]).await.unwrap();
        assert_eq!(again.len(), 1);
        assert!(db.federation_by_slug_public("pas-de-calais").await.unwrap().is_some());
        assert_eq!(db.statement_count(), before, "known federations are served from memory");

        // Created through another replica: this one does not know it yet, and looks again.
        let actor = Actor::system("test");
        let somme = other_replica
            .create_federation(&actor, draft("somme").validate().unwrap())
            .await
            .unwrap();
        let found = db
            .federation_by_slug_public("somme")
            .await
            .unwrap()
            .expect("found at once");
        assert_eq!(found.id, somme.id);
        assert_eq!(db.federations_by_ids_public(&[somme.id]).await.unwrap().len(), 1);

        // Renamed through this replica: shown renamed at once.
        let patch = FederationPatch {
            name: Some("Centres sociaux de la Somme".to_owned()),
            kind: None,
            departements: None,
        };
        db.update_federation(&actor, somme.id, somme.meta.version, patch)
            .await
            .unwrap();
        let renamed = db.federations_by_ids_public(&[somme.id]).await.unwrap();
        assert_eq!(renamed[0].data.name.as_str(), "Centres sociaux de la Somme");
        assert!(
            db.list_federations_public()
                .await
                .unwrap()
                .iter()
                .any(|f| f.data.name.as_str() == "Centres sociaux de la Somme")
        );
    }
);
