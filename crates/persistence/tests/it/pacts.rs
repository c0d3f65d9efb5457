//! Pacts in storage, on both databases: the Douaisis pact (`../shared/seeds/001_…`) written and read back whole,
//! its lifecycle, its amendments, what other federations and partners see of it, and the statements it costs.

use chrono::NaiveDate;
use pactes_domain::audit::{AuditAction, AuditFilter, AuditRepository};
use pactes_domain::directory::{
    CentreFilter, CentreOrder, CentreRepository, PartnerFilter, PartnerOrder, PartnerRepository, TerritoryFilter,
    TerritoryOrder, TerritoryRepository,
};
use pactes_domain::pacts::{
    AmendmentDraft, AxisDraft, EffectiveStatus, ObjectiveDraft, Pact, PactDraft, PactFilter, PactKind, PactOrder,
    PactRepository, PactStatus, Party, SignatoryDraft, SignatoryRole,
};
use pactes_domain::{
    Actor, CentreId, FederationId, FieldErrorCode, PactId, PartnerId, RepositoryError, Scope, TerritoryId,
};
use pactes_persistence::Database;

use crate::both;
use crate::support::{federation_id, first};

pub(crate) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(crate) fn actor() -> Actor {
    Actor::system("test")
}

/// A federation's first territory, centres and partners, from the demo data.
pub(crate) struct Directory {
    pub tenant: FederationId,
    pub territory: TerritoryId,
    pub centres: Vec<CentreId>,
    pub partners: Vec<PartnerId>,
}

pub(crate) async fn directory(db: &Database, slug: &str) -> Directory {
    let tenant = federation_id(db, slug).await;
    let scope = Scope::Federation(tenant);
    let territory = db
        .list_territories(
            &scope,
            &TerritoryFilter::default(),
            TerritoryOrder::default(),
            &first(1),
        )
        .await
        .unwrap()
        .items[0]
        .id;
    let centres = db
        .list_centres(&scope, &CentreFilter::default(), CentreOrder::default(), &first(100))
        .await
        .unwrap()
        .items
        .iter()
        .map(|c| c.id)
        .collect();
    let partners = db
        .list_partners(&scope, &PartnerFilter::default(), PartnerOrder::default(), &first(100))
        .await
        .unwrap()
        .items
        .iter()
        .map(|p| p.id)
        .collect();
    Directory {
        tenant,
        territory,
        centres,
        partners,
    }
}

fn axis(title: &str, objectives: &[&str]) -> AxisDraft {
    AxisDraft {
        id: None,
        title: title.to_owned(),
        subtitle: None,
        objectives: objectives
            .iter()
            .map(|o| ObjectiveDraft {
                title: (*o).to_owned(),
                ..Default::default()
            })
            .collect(),
    }
}

/// The Douaisis pact with the Nord directory's 13 centres as members and its partners as funders.
pub(crate) fn douaisis(nord: &Directory, signed_on: Option<NaiveDate>) -> PactDraft {
    let mut signatories: Vec<SignatoryDraft> = nord
        .centres
        .iter()
        .map(|c| SignatoryDraft {
            party: Party::Centre(*c),
            role: SignatoryRole::Member,
            signer_name: "Présidence du centre".to_owned(),
            signer_title: Some("Président".to_owned()),
            signed_on,
        })
        .collect();
    signatories.extend(nord.partners.iter().map(|p| SignatoryDraft {
        party: Party::Partner(*p),
        role: SignatoryRole::Funder,
        signer_name: "Direction".to_owned(),
        signer_title: None,
        signed_on,
    }));
    PactDraft {
        kind: PactKind::Pacte,
        title: "Le pacte de coopération des centres sociaux du Douaisis et de leurs partenaires".to_owned(),
        territory_id: Some(nord.territory),
        start: day(2014, 1, 1),
        end: day(2017, 12, 31),
        sequence: 2,
        predecessor_id: None,
        preamble: None,
        values: vec!["dignité humaine".into(), "démocratie".into(), "solidarité".into()],
        stakes: vec!["mobilité".into(), "participation des habitants".into()],
        axes: vec![
            axis(
                "Le territoire et ses habitants",
                &[
                    "Définir les spécificités et les besoins du Douaisis",
                    "Deux grands enjeux : la mobilité et la participation des habitants",
                    "Apporter une plus-value aux territoires",
                ],
            ),
            axis(
                "Les centres sociaux et le territoire",
                &[
                    "Promouvoir le projet centre social auprès des partenaires",
                    "Faire du Collectif un relais sur le territoire",
                ],
            ),
            axis(
                "Les pratiques professionnelles",
                &[
                    "Favoriser la montée en compétence des acteurs",
                    "Impulser et faciliter l'innovation et le développement",
                ],
            ),
            axis(
                "L'organisation collective",
                &[
                    "Savoir communiquer",
                    "Favoriser les pratiques de coopération, l'ouverture et la participation du Collectif",
                    "Renforcer l'organisation et les outils du Collectif",
                ],
            ),
        ],
        signatories,
        consultations: Vec::new(),
    }
}

async fn whole(db: &Database, scope: &Scope, id: PactId) -> Option<Pact> {
    db.pacts_by_ids(scope, &[id]).await.unwrap().into_iter().next()
}

pub(crate) fn codes(error: RepositoryError) -> Vec<(String, FieldErrorCode)> {
    match error {
        RepositoryError::Invalid(errors) => errors
            .into_errors()
            .into_iter()
            .map(|e| (e.field.join("."), e.code))
            .collect(),
        other => panic!("expected user errors, got {other:?}"),
    }
}

both!(
    a_pact_is_read_back_whole_in_one_statement_per_table,
    demo,
    |db| async move {
        let nord = directory(&db, "nord").await;
        let scope = Scope::Federation(nord.tenant);
        let mut draft = douaisis(&nord, None);
        draft.axes[3].objectives[0]
            .criteria
            .push(pactes_domain::pacts::CriterionDraft {
                label: "Rencontres avec les partenaires".into(),
                target: Some("4 par an".into()),
            });
        let created = db
            .create_pact(nord.tenant, &actor(), draft.validate().unwrap())
            .await
            .unwrap();
        let before = db.statement_count();
        let read = whole(&db, &scope, created.id).await.expect("found");
        // The root, then one statement for each of its seven child tables.
        assert_eq!(db.statement_count() - before, 8);
        assert_eq!(read, created, "what was written is what is read");
        let titles: Vec<&str> = read.data.content.axes.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles[0], "Le territoire et ses habitants");
        assert_eq!(titles[3], "L'organisation collective");
        assert_eq!(
            read.data.content.axes[3].objectives[0].criteria[0]
                .target
                .as_ref()
                .unwrap()
                .as_str(),
            "4 par an"
        );
        assert_eq!(
            read.data.content.signatories.len(),
            nord.centres.len() + nord.partners.len()
        );
        assert_eq!(read.data.status, PactStatus::Draft);

        // Several pacts whole: the same eight statements.
        let second = db
            .create_pact(nord.tenant, &actor(), douaisis(&nord, None).validate().unwrap())
            .await
            .unwrap();
        let before = db.statement_count();
        let both = db.pacts_by_ids(&scope, &[created.id, second.id]).await.unwrap();
        assert_eq!(both.len(), 2);
        assert_eq!(db.statement_count() - before, 8);
    }
);

both!(
    a_pact_goes_from_draft_to_signature_then_changes_only_by_amendments,
    demo,
    |db| async move {
        let nord = directory(&db, "nord").await;
        let scope = Scope::Federation(nord.tenant);
        let pact = db
            .create_pact(nord.tenant, &actor(), douaisis(&nord, None).validate().unwrap())
            .await
            .unwrap();
        let step = |pact: Pact, to: EffectiveStatus, reason: Option<&'static str>| {
            let db = db.clone();
            async move {
                let stepped = db
                    .transition_pact(
                        nord.tenant,
                        &actor(),
                        pact.id,
                        pact.meta.version,
                        to,
                        reason.map(Into::into),
                    )
                    .await?;
                // A status step returns the pact without its parts: the test goes on with it whole.
                let read = whole(&db, &Scope::Federation(nord.tenant), stepped.id).await.unwrap();
                assert_eq!((&read.meta, read.data.status), (&stepped.meta, stepped.data.status));
                Ok::<_, RepositoryError>(read)
            }
        };
        // A draft is not signed directly.
        let error = step(pact.clone(), EffectiveStatus::Signed, None).await.unwrap_err();
        assert_eq!(codes(error), [("to".to_owned(), FieldErrorCode::InvalidTransition)]);
        let consulted = step(pact, EffectiveStatus::Consultation, None).await.unwrap();
        assert_eq!(consulted.data.status, PactStatus::Consultation);
        // Nobody has signed yet: refused, and nothing written.
        let error = step(consulted.clone(), EffectiveStatus::Signed, None)
            .await
            .unwrap_err();
        assert_eq!(codes(error), [("to".to_owned(), FieldErrorCode::InvalidTransition)]);
        assert_eq!(whole(&db, &scope, consulted.id).await.unwrap(), consulted);

        // The signatures are recorded while in consultation, then the pact is signed.
        let with_signatures = db
            .update_pact(nord.tenant, &actor(), consulted.id, consulted.meta.version, {
                let mut draft = consulted.data.content.to_draft();
                for s in &mut draft.signatories {
                    s.signed_on = Some(day(2014, 2, 6));
                }
                draft
            })
            .await
            .unwrap();
        let signed = step(with_signatures, EffectiveStatus::Signed, None).await.unwrap();
        assert_eq!(signed.data.status, PactStatus::Signed);
        assert_eq!(signed.data.effective_status(day(2015, 6, 1)), EffectiveStatus::Active);
        assert_eq!(signed.data.effective_status(day(2018, 1, 1)), EffectiveStatus::Expired);

        // Signed: its content is frozen outside an amendment.
        let mut edit = signed.data.content.to_draft();
        edit.axes[3].objectives[0].title = "Communiquer avec les partenaires".into();
        let error = db
            .update_pact(nord.tenant, &actor(), signed.id, signed.meta.version, edit.clone())
            .await
            .unwrap_err();
        assert_eq!(codes(error), [("id".to_owned(), FieldErrorCode::InvalidState)]);
        let amendment = |dated| AmendmentDraft {
            dated,
            description: "Avenant : précise l'objectif de communication".into(),
        };
        let amended = db
            .amend_pact(
                nord.tenant,
                &actor(),
                signed.id,
                signed.meta.version,
                amendment(day(2015, 3, 1)),
                edit.clone(),
            )
            .await
            .unwrap();
        assert_eq!(amended.data.amendments.len(), 1);
        let first_amendment = &amended.data.amendments[0];
        assert_eq!(first_amendment.number, 1);
        assert_eq!(first_amendment.changes[0].field, "axes.3.objectives.0.title");
        assert_eq!(first_amendment.changes[0].before.as_deref(), Some("Savoir communiquer"));
        let objective = amended.data.content.axes[3].objectives[0].id;
        assert_eq!(
            objective, signed.data.content.axes[3].objectives[0].id,
            "an amended objective keeps its id"
        );

        // A second amendment is numbered 2; the first stays as it was.
        let mut again = amended.data.content.to_draft();
        again.stakes.push("numérique".into());
        let twice = db
            .amend_pact(
                nord.tenant,
                &actor(),
                amended.id,
                amended.meta.version,
                amendment(day(2016, 1, 10)),
                again,
            )
            .await
            .unwrap();
        assert_eq!(
            twice.data.amendments.iter().map(|a| a.number).collect::<Vec<_>>(),
            [1, 2]
        );
        assert_eq!(twice.data.amendments[0], *first_amendment);
        assert_eq!(
            whole(&db, &scope, twice.id).await.unwrap(),
            twice,
            "amendments read back as written"
        );

        // Terminated early, with a reason; then nothing more.
        let error = step(twice.clone(), EffectiveStatus::Terminated, None)
            .await
            .unwrap_err();
        assert_eq!(codes(error), [("reason".to_owned(), FieldErrorCode::Invalid)]);
        let error = step(twice.clone(), EffectiveStatus::Active, None).await.unwrap_err();
        assert_eq!(codes(error), [("to".to_owned(), FieldErrorCode::InvalidTransition)]);
        let ended = step(twice, EffectiveStatus::Terminated, Some("fusion des collectifs"))
            .await
            .unwrap();
        assert_eq!(ended.data.termination_reason.as_deref(), Some("fusion des collectifs"));
        let error = step(ended.clone(), EffectiveStatus::Consultation, None)
            .await
            .unwrap_err();
        assert_eq!(codes(error), [("to".to_owned(), FieldErrorCode::InvalidTransition)]);

        // A stale version is a conflict.
        let stale = db
            .transition_pact(nord.tenant, &actor(), ended.id, 1, EffectiveStatus::Consultation, None)
            .await
            .unwrap_err();
        assert!(matches!(stale, RepositoryError::Conflict { .. }), "{stale:?}");

        // The log tells the story: created, updated, steps, amendments.
        let entries = db
            .list_audit_entries(
                &scope,
                &AuditFilter {
                    entity_id: Some(ended.id.as_uuid()),
                },
                &first(50),
            )
            .await
            .unwrap();
        let mut actions: Vec<AuditAction> = entries.items.iter().map(|e| e.action).collect();
        actions.reverse();
        use AuditAction::*;
        assert_eq!(
            actions,
            [Create, Transition, Update, Transition, Amend, Amend, Transition]
        );
        let signature = entries.items.iter().rev().find(|e| e.action == Update).unwrap();
        assert!(
            signature.changes.iter().any(|c| c.field == "signatories.0.signedOn"),
            "{:?}",
            signature.changes
        );
    }
);

both!(
    another_federation_and_other_partners_see_nothing_of_a_pact,
    demo,
    |db| async move {
        let nord = directory(&db, "nord").await;
        let calais = directory(&db, "pas-de-calais").await;
        let mut draft = douaisis(&nord, None);
        // Signed by the Nord's first partner only, among partners.
        draft
            .signatories
            .retain(|s| !matches!(s.party, Party::Partner(p) if p != nord.partners[0]));
        let pact = db
            .create_pact(nord.tenant, &actor(), draft.validate().unwrap())
            .await
            .unwrap();
        let theirs = Scope::Federation(calais.tenant);
        assert!(whole(&db, &theirs, pact.id).await.is_none());
        let listed = db
            .list_pacts(
                &theirs,
                &PactFilter::default(),
                day(2015, 1, 1),
                PactOrder::default(),
                &first(50),
            )
            .await
            .unwrap();
        assert!(
            listed
                .items
                .iter()
                .all(|p| p.id != pact.id && p.federation_id == calais.tenant)
        );
        let error = db
            .transition_pact(calais.tenant, &actor(), pact.id, 1, EffectiveStatus::Consultation, None)
            .await
            .unwrap_err();
        assert!(matches!(error, RepositoryError::NotFound), "{error:?}");

        // A partner's scope sees the pacts its partner signed, and only those.
        let signer = Scope::Partner {
            federation: nord.tenant,
            partner: nord.partners[0],
        };
        let listed = |scope: Scope| {
            let db = db.clone();
            async move {
                db.list_pacts(
                    &scope,
                    &PactFilter::default(),
                    day(2015, 1, 1),
                    PactOrder::default(),
                    &first(50),
                )
                .await
                .unwrap()
                .items
                .iter()
                .map(|p| p.id)
                .collect::<Vec<_>>()
            }
        };
        assert_eq!(whole(&db, &signer, pact.id).await.map(|p| p.id), Some(pact.id));
        assert!(listed(signer).await.contains(&pact.id));
        let stranger = Scope::Partner {
            federation: nord.tenant,
            partner: nord.partners[1],
        };
        assert!(whole(&db, &stranger, pact.id).await.is_none());
        let theirs_listed = listed(stranger).await;
        assert!(!theirs_listed.contains(&pact.id));
        let signed_by_stranger = db
            .pacts_by_ids(&Scope::Federation(nord.tenant), &theirs_listed)
            .await
            .unwrap();
        assert!(
            signed_by_stranger.iter().all(|p| p
                .data
                .content
                .signatories
                .iter()
                .any(|s| s.party == Party::Partner(nord.partners[1]))),
            "a partner lists only pacts it signs"
        );

        // Another federation's centre, territory or pact cannot be named in a pact.
        let mut foreign = douaisis(&nord, None);
        foreign.territory_id = Some(calais.territory);
        foreign.signatories[2].party = Party::Centre(calais.centres[0]);
        let error = db
            .create_pact(nord.tenant, &actor(), foreign.validate().unwrap())
            .await
            .unwrap_err();
        assert_eq!(
            codes(error),
            [
                ("content.territoryId".to_owned(), FieldErrorCode::NotFound),
                ("content.signatories.2.party".to_owned(), FieldErrorCode::NotFound),
            ]
        );
        let theirs_pact = db
            .create_pact(calais.tenant, &actor(), douaisis(&calais, None).validate().unwrap())
            .await
            .unwrap();
        let mut follows = douaisis(&nord, None);
        follows.predecessor_id = Some(theirs_pact.id);
        let error = db
            .create_pact(nord.tenant, &actor(), follows.validate().unwrap())
            .await
            .unwrap_err();
        assert_eq!(
            codes(error),
            [("content.predecessorId".to_owned(), FieldErrorCode::NotFound)]
        );
    }
);

both!(
    pacts_are_found_by_status_on_a_day_by_year_and_by_signatory,
    demo,
    |db| async move {
        let nord = directory(&db, "pas-de-calais").await;
        let scope = Scope::Federation(nord.tenant);
        let draft = db
            .create_pact(
                nord.tenant,
                &actor(),
                douaisis(&nord, Some(day(2014, 2, 6))).validate().unwrap(),
            )
            .await
            .unwrap();
        let consulted = db
            .transition_pact(nord.tenant, &actor(), draft.id, 1, EffectiveStatus::Consultation, None)
            .await
            .unwrap();
        let signed = db
            .transition_pact(nord.tenant, &actor(), consulted.id, 2, EffectiveStatus::Signed, None)
            .await
            .unwrap();
        let mut later = douaisis(&nord, None);
        later.start = day(2018, 1, 1);
        later.end = day(2021, 12, 31);
        later.signatories.truncate(1);
        let next = db
            .create_pact(nord.tenant, &actor(), later.validate().unwrap())
            .await
            .unwrap();
        // Only the pacts of this test: the demo's charter is left out.
        let mine = [signed.id, next.id];
        let found = |filter: PactFilter, today: NaiveDate| {
            let db = db.clone();
            async move {
                db.list_pacts(&scope, &filter, today, PactOrder::default(), &first(50))
                    .await
                    .unwrap()
                    .items
                    .iter()
                    .map(|p| p.id)
                    .filter(|id| mine.contains(id))
                    .collect::<Vec<_>>()
            }
        };
        let status = |s| PactFilter {
            status: Some(s),
            ..Default::default()
        };
        assert_eq!(
            found(status(EffectiveStatus::Active), day(2015, 6, 1)).await,
            [signed.id]
        );
        assert_eq!(
            found(status(EffectiveStatus::Expired), day(2019, 1, 1)).await,
            [signed.id]
        );
        assert_eq!(
            found(status(EffectiveStatus::Signed), day(2013, 6, 1)).await,
            [signed.id]
        );
        assert_eq!(found(status(EffectiveStatus::Draft), day(2015, 6, 1)).await, [next.id]);
        let in_force = PactFilter {
            in_force_on: Some(day(2017, 12, 31)),
            ..Default::default()
        };
        assert_eq!(found(in_force, day(2030, 1, 1)).await, [signed.id]);
        let year = |y| PactFilter {
            overlapping_year: Some(y),
            ..Default::default()
        };
        assert_eq!(found(year(2016), day(2016, 1, 1)).await, [signed.id]);
        assert_eq!(found(year(2018), day(2016, 1, 1)).await, [next.id]);
        let by_centre = |c| PactFilter {
            centre_signatory: Some(c),
            ..Default::default()
        };
        let mut both = found(by_centre(nord.centres[0]), day(2016, 1, 1)).await;
        both.sort();
        let mut expected = vec![signed.id, next.id];
        expected.sort();
        assert_eq!(both, expected);
        assert_eq!(found(by_centre(nord.centres[1]), day(2016, 1, 1)).await, [signed.id]);
    }
);
