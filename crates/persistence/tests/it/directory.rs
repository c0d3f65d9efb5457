use pactes_domain::directory::{
    CentreDraft, CentreFilter, CentreKind, CentreOrder, CentrePatch, CentreRepository, Management, PartnerDraft,
    PartnerKind, PartnerPatch, PartnerRepository, TerritoryDraft, TerritoryFilter, TerritoryKind, TerritoryOrder,
    TerritoryPatch, TerritoryRepository,
};
use pactes_domain::patch::Patch;
use pactes_domain::{Actor, FieldErrorCode, RepositoryError, Scope};
use pactes_persistence::Database;

use crate::both;
use crate::support::{centre_names, federation_id, first};

pub(crate) fn actor() -> Actor {
    Actor {
        subject: "staff-1".into(),
        roles: vec!["federation-staff".into()],
    }
}

pub(crate) fn new_centre(name: &str, commune: &str) -> CentreDraft {
    CentreDraft {
        kind: CentreKind::Evs,
        name: name.into(),
        management: Some(Management::Associative),
        address: Some("1 rue de la Paix".into()),
        postal_code: Some("59500".into()),
        commune: commune.into(),
        insee_code: None,
        phone: Some("03.27.00.00.01".into()),
        email: Some("accueil@evs.fr".into()),
        website: None,
        siret: None,
        accreditation: None,
        territory_id: None,
        action_domains: vec![],
    }
}

async fn scopes(db: &Database) -> (Scope, Scope) {
    (
        Scope::Federation(federation_id(db, "nord").await),
        Scope::Federation(federation_id(db, "pas-de-calais").await),
    )
}

both!(
    another_federation_s_rows_are_invisible_by_id_and_by_list,
    demo,
    |db| async move {
        let (nord, pdc) = scopes(&db).await;
        let nord_centres = db
            .list_centres(&nord, &CentreFilter::default(), CentreOrder::default(), &first(50))
            .await
            .unwrap();
        let ids: Vec<_> = nord_centres.items.iter().map(|c| c.id).collect();

        assert!(
            db.centres_by_ids(&pdc, &ids).await.unwrap().is_empty(),
            "Pas-de-Calais must not read Nord centres by id"
        );
        let seen_by_pdc = centre_names(&db, &pdc, &CentreFilter::default()).await;
        assert!(
            seen_by_pdc
                .iter()
                .all(|n| !nord_centres.items.iter().any(|c| c.data.name.as_str() == n))
        );
        // Asking for Nord explicitly does not widen a Pas-de-Calais scope.
        let asking_for_nord = CentreFilter {
            federation: nord.federation(),
            ..Default::default()
        };
        assert!(centre_names(&db, &pdc, &asking_for_nord).await.is_empty());
        // A national scope sees both, and can narrow to one.
        assert_eq!(
            centre_names(&db, &Scope::National, &CentreFilter::default())
                .await
                .len(),
            17
        );
        assert_eq!(centre_names(&db, &Scope::National, &asking_for_nord).await.len(), 13);
    }
);

both!(another_federation_s_rows_cannot_be_changed, demo, |db| async move {
    let (nord, pdc) = scopes(&db).await;
    let target = db
        .list_centres(&nord, &CentreFilter::default(), CentreOrder::default(), &first(1))
        .await
        .unwrap()
        .items[0]
        .clone();
    let pdc_id = pdc.federation().unwrap();
    let patch = CentrePatch {
        name: Some("Hijacked".into()),
        ..Default::default()
    };

    let update = db
        .update_centre(pdc_id, &actor(), target.id, target.meta.version, patch)
        .await;
    assert!(matches!(update, Err(RepositoryError::NotFound)), "{update:?}");
    let archive = db
        .archive_centre(pdc_id, &actor(), target.id, target.meta.version)
        .await;
    assert!(matches!(archive, Err(RepositoryError::NotFound)), "{archive:?}");

    let unchanged = db.centres_by_ids(&nord, &[target.id]).await.unwrap();
    assert_eq!(unchanged, vec![target]);
});

both!(
    a_centre_cannot_join_another_federation_s_territory,
    demo,
    |db| async move {
        let (nord, pdc) = scopes(&db).await;
        let calaisis = db
            .list_territories(&pdc, &TerritoryFilter::default(), TerritoryOrder::default(), &first(1))
            .await
            .unwrap()
            .items[0]
            .id;
        let draft = CentreDraft {
            territory_id: Some(calaisis),
            ..new_centre("EVS du Marais", "Douai")
        };
        let result = db
            .create_centre(nord.federation().unwrap(), &actor(), draft.validate().unwrap())
            .await;
        let Err(RepositoryError::Invalid(errors)) = result else {
            panic!("expected a field error, got {result:?}")
        };
        assert_eq!(errors.errors()[0].field, vec!["territoryId"]);
        assert_eq!(errors.errors()[0].code, FieldErrorCode::NotFound);
        assert_eq!(
            centre_names(
                &db,
                &nord,
                &CentreFilter {
                    search: Some("Marais".into()),
                    ..Default::default()
                }
            )
            .await,
            ["Centre social Fraix-Marais"]
        );
    }
);

both!(create_update_archive_round_trip, demo, |db| async move {
    let (nord, _) = scopes(&db).await;
    let tenant = nord.federation().unwrap();
    let created = db
        .create_centre(
            tenant,
            &actor(),
            new_centre("EVS Les Glycines", "Douai").validate().unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(created.meta.version, 1);
    assert_eq!(
        db.centres_by_ids(&nord, &[created.id]).await.unwrap(),
        vec![created.clone()]
    );

    let patch = CentrePatch {
        phone: Patch::Set("0327000002".into()),
        email: Patch::Clear,
        ..Default::default()
    };
    let updated = db.update_centre(tenant, &actor(), created.id, 1, patch).await.unwrap();
    assert_eq!(updated.meta.version, 2);
    assert_eq!(updated.data.phone.as_ref().unwrap().to_string(), "03 27 00 00 02");
    assert_eq!(updated.data.email, None);
    assert_eq!(
        db.centres_by_ids(&nord, &[created.id]).await.unwrap(),
        vec![updated.clone()]
    );

    let archived = db.archive_centre(tenant, &actor(), created.id, 2).await.unwrap();
    assert!(archived.meta.archived_at.is_some());
    assert!(
        !centre_names(&db, &nord, &CentreFilter::default())
            .await
            .contains(&"EVS Les Glycines".to_owned())
    );
    let with_archived = CentreFilter {
        include_archived: true,
        ..Default::default()
    };
    assert!(
        centre_names(&db, &nord, &with_archived)
            .await
            .contains(&"EVS Les Glycines".to_owned())
    );
});

both!(
    a_stale_version_is_a_conflict_and_writes_nothing,
    demo,
    |db| async move {
        let (nord, _) = scopes(&db).await;
        let tenant = nord.federation().unwrap();
        let created = db
            .create_centre(
                tenant,
                &actor(),
                new_centre("EVS Le Puits", "Douai").validate().unwrap(),
            )
            .await
            .unwrap();
        db.update_centre(
            tenant,
            &actor(),
            created.id,
            1,
            CentrePatch {
                name: Some("EVS Le Puits d'Or".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();

        let stale = db
            .update_centre(
                tenant,
                &actor(),
                created.id,
                1,
                CentrePatch {
                    name: Some("Lost update".into()),
                    ..Default::default()
                },
            )
            .await;
        assert!(
            matches!(
                stale,
                Err(RepositoryError::Conflict {
                    expected: 1,
                    current: 2
                })
            ),
            "{stale:?}"
        );
        let stale_archive = db.archive_centre(tenant, &actor(), created.id, 1).await;
        assert!(
            matches!(stale_archive, Err(RepositoryError::Conflict { .. })),
            "{stale_archive:?}"
        );

        let now = db.centres_by_ids(&nord, &[created.id]).await.unwrap().remove(0);
        assert_eq!(now.data.name.as_str(), "EVS Le Puits d'Or");
        assert_eq!(now.meta.version, 2);
        assert!(now.meta.archived_at.is_none());
    }
);

both!(an_invalid_update_writes_nothing, demo, |db| async move {
    let (nord, _) = scopes(&db).await;
    let tenant = nord.federation().unwrap();
    let centre = db
        .list_centres(&nord, &CentreFilter::default(), CentreOrder::default(), &first(1))
        .await
        .unwrap()
        .items
        .remove(0);
    let patch = CentrePatch {
        postal_code: Patch::Set("5950".into()),
        siret: Patch::Set("12345678901234".into()),
        ..Default::default()
    };
    let result = db
        .update_centre(tenant, &actor(), centre.id, centre.meta.version, patch)
        .await;
    let Err(RepositoryError::Invalid(errors)) = result else {
        panic!("{result:?}")
    };
    let fields: Vec<String> = errors.errors().iter().map(|e| e.field.join(".")).collect();
    assert_eq!(fields, ["postalCode", "siret"]);
    assert_eq!(db.centres_by_ids(&nord, &[centre.id]).await.unwrap(), vec![centre]);
});

both!(
    search_ignores_case_and_accents_and_takes_wildcards_literally,
    demo,
    |db| async move {
        let (nord, _) = scopes(&db).await;
        let search = |s: &str| CentreFilter {
            search: Some(s.into()),
            ..Default::default()
        };
        assert_eq!(
            centre_names(&db, &nord, &search("Dechy")).await,
            ["Centre socioculturel municipal Henri-Martel"]
        );
        assert_eq!(
            centre_names(&db, &nord, &search("BETHUNE")).await,
            ["Centre social Faubourg de Béthune"]
        );
        assert_eq!(
            centre_names(&db, &nord, &search("francoise-dolto")).await,
            ["Centre social municipal Françoise-Dolto"]
        );
        assert!(centre_names(&db, &nord, &search("%")).await.is_empty());
        assert!(centre_names(&db, &nord, &search("_")).await.is_empty());
        assert!(centre_names(&db, &nord, &search("\\")).await.is_empty());
        assert!(centre_names(&db, &nord, &search("henri\\%")).await.is_empty());
        let by_commune = CentreFilter {
            commune: Some("douai".into()),
            ..Default::default()
        };
        assert_eq!(centre_names(&db, &nord, &by_commune).await.len(), 5);
        let municipal = CentreFilter {
            management: Some(Management::Municipal),
            ..Default::default()
        };
        assert_eq!(centre_names(&db, &nord, &municipal).await.len(), 5);
    }
);

both!(
    territory_names_are_unique_within_a_federation_only,
    demo,
    |db| async move {
        let (nord, pdc) = scopes(&db).await;
        let douaisis = || {
            TerritoryDraft {
                name: "DOUAISIS".into(),
                kind: TerritoryKind::Arrondissement,
                communes: vec![],
            }
            .validate()
            .unwrap()
        };
        let duplicate = db
            .create_territory(nord.federation().unwrap(), &actor(), douaisis())
            .await;
        let Err(RepositoryError::Invalid(errors)) = duplicate else {
            panic!("{duplicate:?}")
        };
        assert_eq!(errors.errors()[0].code, FieldErrorCode::AlreadyExists);
        assert_eq!(errors.errors()[0].field, vec!["name"]);
        // Another federation may use the name.
        let elsewhere = db
            .create_territory(pdc.federation().unwrap(), &actor(), douaisis())
            .await
            .unwrap();
        // Renaming onto a taken name is refused as well.
        let clash = db
            .update_territory(
                pdc.federation().unwrap(),
                &actor(),
                elsewhere.id,
                1,
                TerritoryPatch {
                    name: Some("Calaisis".into()),
                    ..Default::default()
                },
            )
            .await;
        assert!(matches!(clash, Err(RepositoryError::Invalid(_))), "{clash:?}");
    }
);

both!(partners_round_trip_with_contacts, demo, |db| async move {
    let (nord, _) = scopes(&db).await;
    let tenant = nord.federation().unwrap();
    let draft = PartnerDraft {
        kind: PartnerKind::Commune,
        name: "Ville de Douai".into(),
        siret: Some("120 027 016 00357".into()),
        contacts: vec![pactes_domain::directory::ContactDraft {
            id: None,
            name: "Service vie associative".into(),
            title: Some("Accueil".into()),
            email: Some("vie.asso@ville-douai.fr".into()),
            phone: Some("+33 3 27 00 00 00".into()),
        }],
    };
    let created = db
        .create_partner(tenant, &actor(), draft.validate().unwrap())
        .await
        .unwrap();
    let read = db.partners_by_ids(&nord, &[created.id]).await.unwrap();
    assert_eq!(read, vec![created.clone()]);
    assert_eq!(
        read[0].data.contacts[0].phone.as_ref().unwrap().to_string(),
        "03 27 00 00 00"
    );
    let updated = db
        .update_partner(
            tenant,
            &actor(),
            created.id,
            1,
            PartnerPatch {
                contacts: Some(vec![]),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(updated.data.contacts.is_empty());
});

both!(a_partner_scope_reaches_the_repositories, demo, |db| async move {
    let (nord, pdc) = scopes(&db).await;
    let caf = db
        .list_partners(
            &nord,
            &pactes_domain::directory::PartnerFilter::default(),
            Default::default(),
            &first(1),
        )
        .await
        .unwrap()
        .items[0]
        .id;
    let partner = Scope::Partner {
        federation: nord.federation().unwrap(),
        partner: caf,
    };
    // For the directory a partner reads as a viewer of its federation: all of Nord, nothing of Pas-de-Calais.
    let seen = centre_names(&db, &partner, &CentreFilter::default()).await;
    assert_eq!(seen, centre_names(&db, &nord, &CentreFilter::default()).await);
    assert_eq!(seen.len(), 13);
    let calais = centre_names(&db, &pdc, &CentreFilter::default()).await;
    assert!(seen.iter().all(|name| !calais.contains(name)));
    let calais_partner = Scope::Partner {
        federation: pdc.federation().unwrap(),
        partner: caf,
    };
    assert!(
        db.partners_by_ids(&calais_partner, &[caf]).await.unwrap().is_empty(),
        "a partner scope of another federation does not reach Nord's partner"
    );
});
