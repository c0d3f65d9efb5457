use pactes_domain::directory::{
    CentreFilter, CentreOrder, CentreOrderField, CentreRepository, CentreSummary, TerritoryData,
};
use pactes_domain::page::{Along, Direction, PageRequest, Position};
use pactes_domain::repository::RecordsById;
use pactes_domain::{Scope, TerritoryId};

use crate::both;
use crate::support::{federation_id, first};

// A page is one statement, its items without their parts; a batch by ids is one statement and, whole, one more
// per child table (a centre's action domains), whatever its size.
both!(
    a_page_is_one_statement_and_a_whole_batch_by_ids_one_more_per_child_table,
    demo,
    |db| async move {
        let nord = Scope::Federation(federation_id(&db, "nord").await);
        let before = db.statement_count();
        let page = db
            .list_centres(
                &nord,
                &CentreFilter::default(),
                CentreOrder::default(),
                &PageRequest::Forward { limit: 50, after: None },
            )
            .await
            .unwrap();
        assert_eq!(db.statement_count() - before, 1);
        let ids: Vec<_> = page.items.iter().map(|c| c.id).collect();
        let before = db.statement_count();
        assert_eq!(db.centres_by_ids(&nord, &ids).await.unwrap().len(), 13);
        assert_eq!(db.statement_count() - before, 2);
        let before = db.statement_count();
        let roots = pactes_domain::repository::RecordsById::<pactes_domain::directory::CentreData>::roots_by_ids(
            &db, &nord, &ids,
        )
        .await
        .unwrap();
        assert_eq!(roots.len(), 13);
        assert_eq!(db.statement_count() - before, 1);
    }
);

// A page read with its territories and its total is one statement, and says exactly what the separate reads
// say: in every ordering, both ways, from a cursor, filtered, and for another federation; an empty page still
// counts. Asked for nothing along, it joins and counts nothing.
both!(
    a_page_with_its_territories_and_total_is_one_statement_agreeing_with_the_separate_reads,
    demo,
    |db| async move {
        let along = Along {
            related: true,
            total: true,
        };
        let nord = Scope::Federation(federation_id(&db, "nord").await);
        let pas_de_calais = Scope::Federation(federation_id(&db, "pas-de-calais").await);
        let a_territory = db
            .list_centres(&nord, &CentreFilter::default(), CentreOrder::default(), &first(50))
            .await
            .unwrap()
            .items
            .iter()
            .find_map(|c| c.data.territory_id)
            .expect("a Nord centre with a territory");
        let filters = [
            CentreFilter::default(),
            CentreFilter {
                territory: Some(a_territory),
                ..CentreFilter::default()
            },
            CentreFilter {
                search: Some("nowhere at all".into()),
                ..CentreFilter::default()
            },
        ];
        let mut territories_seen = 0;
        for scope in [nord, pas_de_calais] {
            for filter in &filters {
                for field in [
                    CentreOrderField::Name,
                    CentreOrderField::Commune,
                    CentreOrderField::AccreditationEnd,
                    CentreOrderField::CreatedAt,
                ] {
                    for direction in [Direction::Asc, Direction::Desc] {
                        let order = CentreOrder { field, direction };
                        let whole = db.list_centres(&scope, filter, order, &first(100)).await.unwrap().items;
                        // From the start, from a cursor in the middle, and from past the last one.
                        let middle = whole.get(whole.len() / 2).map(|c| Position {
                            key: c.sort_key(field),
                            id: c.id.as_uuid(),
                        });
                        let past = whole.last().map(|c| Position {
                            key: c.sort_key(field),
                            id: c.id.as_uuid(),
                        });
                        let requests = [
                            PageRequest::Forward { limit: 4, after: None },
                            PageRequest::Backward { limit: 4, before: None },
                            PageRequest::Forward {
                                limit: 4,
                                after: middle.clone(),
                            },
                            PageRequest::Backward {
                                limit: 4,
                                before: middle,
                            },
                            PageRequest::Forward { limit: 4, after: past },
                        ];
                        for request in &requests {
                            let before = db.statement_count();
                            let found = db
                                .list_centres_along(&scope, filter, order, request, along)
                                .await
                                .unwrap();
                            let statements = db.statement_count() - before;
                            let alone = db.list_centres(&scope, filter, order, request).await.unwrap();
                            let what = format!("{scope:?} {filter:?} {order:?} {request:?}");
                            assert_eq!(found.page, alone, "{what}");
                            // An empty page has no row to carry the count: it is counted on its own.
                            let expected_statements = if alone.items.is_empty() { 2 } else { 1 };
                            assert_eq!(statements, expected_statements, "{what}");
                            let total = db.count_centres(&scope, filter).await.unwrap();
                            assert_eq!(found.total, Some(total), "{what}");
                            let mut pointed: Vec<TerritoryId> =
                                alone.items.iter().filter_map(|c| c.data.territory_id).collect();
                            pointed.sort_unstable_by_key(|t| t.as_uuid());
                            pointed.dedup();
                            let mut related = found.related.clone();
                            related.sort_unstable_by_key(|t| t.id.as_uuid());
                            let expected = RecordsById::<TerritoryData>::roots_by_ids(&db, &scope, &pointed)
                                .await
                                .unwrap();
                            let mut expected = expected;
                            expected.sort_unstable_by_key(|t| t.id.as_uuid());
                            assert_eq!(related, expected, "{what}");
                            territories_seen += related.len();

                            // Read as summaries: the same page, territories and total, from as many statements.
                            let before = db.statement_count();
                            let summaries = db
                                .list_centre_summaries_along(&scope, filter, order, request, along)
                                .await
                                .unwrap();
                            assert_eq!(db.statement_count() - before, expected_statements, "{what}");
                            assert_eq!(
                                summaries.page,
                                alone.clone().into_items(|c| CentreSummary::from(&c)),
                                "{what}"
                            );
                            assert_eq!(summaries.related, found.related, "{what}");
                            assert_eq!(summaries.total, found.total, "{what}");
                        }
                    }
                }
            }
        }
        assert!(territories_seen > 0, "no page brought a territory along");

        let before = db.statement_count();
        let bare = db
            .list_centres_along(
                &nord,
                &CentreFilter::default(),
                CentreOrder::default(),
                &first(5),
                Along::default(),
            )
            .await
            .unwrap();
        assert_eq!(db.statement_count() - before, 1);
        assert_eq!(bare.total, None);
        assert!(bare.related.is_empty());
        assert_eq!(bare.page.items.len(), 5);
    }
);

/// The statements `write` costs (the transaction's BEGIN and COMMIT aside), and what it returned.
async fn cost<T>(db: &pactes_persistence::Database, write: impl std::future::Future<Output = T>) -> (u64, T) {
    let before = db.statement_count();
    let done = write.await;
    (db.statement_count() - before, done)
}

// What each kind of write costs, on an aggregate with every part filled: a write reads what it needs and writes
// what changed. A status step reads and writes the root (a pact's reads its signatories, which signing checks)
// and appends the audit entry; an edit of the root's fields rewrites no part; recording a payment inserts it,
// not the convention's lines; archiving touches the root only.
both!(every_kind_of_write_has_a_statement_bound, demo, |db| async move {
    use crate::conventions::{cpo, pay};
    use crate::pacts::{actor, day, directory, douaisis};
    use pactes_domain::agreement::AmendmentDraft;
    use pactes_domain::conventions::{ConventionRepository, ConventionState};
    use pactes_domain::directory::{TerritoryPatch, TerritoryRepository};
    use pactes_domain::pacts::{ConsultationDraft, EffectiveStatus, PactRepository, PactStatus};

    let nord = directory(&db, "nord").await;
    let scope = Scope::Federation(nord.tenant);
    let mut draft = douaisis(&nord, Some(day(2014, 2, 6)));
    draft.consultations.push(ConsultationDraft {
        group: "Collectif des centres sociaux du Douaisis".into(),
        people: 24,
        held_on: day(2013, 11, 14),
        summary: Some("Les enjeux partagés".into()),
    });
    draft.axes[0].subtitle = Some("Le Douaisis".into());
    draft.axes[0].objectives[0].criteria = vec![pactes_domain::pacts::CriterionDraft {
        label: "Nombre de projets portés".into(),
        target: Some("3".into()),
    }];
    let (statements, pact) = cost(&db, db.create_pact(nord.tenant, &actor(), draft.validate().unwrap())).await;
    let pact = pact.unwrap();
    println!("create a pact: {statements}");
    // Its references (territory, centres, partners: one statement each), the root, six child tables, the audit entry.
    assert!(statements <= 11, "create a pact: {statements}");

    let (statements, stepped) = cost(
        &db,
        db.transition_pact(nord.tenant, &actor(), pact.id, 1, EffectiveStatus::Consultation, None),
    )
    .await;
    let stepped = stepped.unwrap();
    println!("a pact's status step: {statements}");
    // The lock, the signatories, the root's row, the audit entry (twenty before the parts were left alone).
    assert!(statements <= 4, "a pact's status step: {statements}");
    assert_eq!(stepped.data.status, PactStatus::Consultation);
    let read = db.pacts_by_ids(&scope, &[pact.id]).await.unwrap().remove(0);
    assert_eq!(read.data.content, pact.data.content, "the parts are as they were");
    assert_eq!(read.meta, stepped.meta);

    let mut retitled = read.data.content.to_draft();
    retitled.title = "Pacte de coopération du Douaisis (révisé)".into();
    let (statements, edited) = cost(&db, db.update_pact(nord.tenant, &actor(), pact.id, 2, retitled)).await;
    let edited = edited.unwrap();
    println!("edit a pact's title: {statements}");
    // The lock and the whole pact (the root, seven child tables), the root's row, the audit entry: no part.
    assert!(statements <= 10, "edit a pact's title: {statements}");
    assert_eq!(db.pacts_by_ids(&scope, &[pact.id]).await.unwrap()[0], edited);

    let (statements, signed) = cost(
        &db,
        db.transition_pact(nord.tenant, &actor(), pact.id, 3, EffectiveStatus::Signed, None),
    )
    .await;
    let signed = signed.unwrap();
    println!("sign a pact: {statements}");
    assert!(statements <= 4, "sign a pact: {statements}");

    let mut extended = edited.data.content.to_draft();
    extended.end = day(2018, 12, 31);
    let (statements, amended) = cost(
        &db,
        db.amend_pact(
            nord.tenant,
            &actor(),
            pact.id,
            signed.meta.version,
            AmendmentDraft {
                dated: day(2017, 6, 1),
                description: "Prolongation d'un an".into(),
            },
            extended,
        ),
    )
    .await;
    let amended = amended.unwrap();
    println!("amend a pact's end: {statements}");
    // As an edit, its references checked again, and the amendment appended: no other part.
    assert!(statements <= 11, "amend a pact's end: {statements}");
    assert_eq!(db.pacts_by_ids(&scope, &[pact.id]).await.unwrap()[0], amended);

    let calais = directory(&db, "pas-de-calais").await;
    let (statements, convention) = cost(
        &db,
        db.create_convention(
            calais.tenant,
            &actor(),
            cpo(&calais, "CPO-2014-001").validate().unwrap(),
        ),
    )
    .await;
    let convention = convention.unwrap();
    println!("create a convention: {statements}");
    assert!(statements <= 7, "create a convention: {statements}");
    let mut version = convention.meta.version;
    for to in [ConventionState::Negotiation, ConventionState::Signed] {
        let (statements, stepped) = cost(
            &db,
            db.transition_convention(calais.tenant, &actor(), convention.id, version, to, None),
        )
        .await;
        version = stepped.unwrap().meta.version;
        println!("a convention's status step: {statements}");
        // The lock, the root's row, the audit entry.
        assert!(statements <= 3, "a convention's status step: {statements}");
    }
    let line = convention.data.content.lines[0].id;
    let (statements, paid) = cost(
        &db,
        db.record_payments(
            calais.tenant,
            &actor(),
            convention.id,
            Some(version),
            vec![pay(line, 300_000, "M-1")],
        ),
    )
    .await;
    let paid = paid.unwrap();
    println!("record a payment: {statements}");
    // The lock and the whole convention (the root, six child tables), the root's row, the payment, the audit
    // entry: the lines and parties are left alone.
    assert!(statements <= 10, "record a payment: {statements}");
    let calais_scope = Scope::Federation(calais.tenant);
    let read = pactes_domain::repository::RecordsById::<pactes_domain::conventions::ConventionData>::records_by_ids(
        &db,
        &calais_scope,
        &[convention.id],
    )
    .await
    .unwrap()
    .remove(0);
    assert_eq!(read, paid);

    let territory = db
        .territories_by_ids(&scope, &[nord.territory])
        .await
        .unwrap()
        .remove(0);
    let (statements, renamed) = cost(
        &db,
        db.update_territory(
            nord.tenant,
            &actor(),
            territory.id,
            territory.meta.version,
            TerritoryPatch {
                name: Some("Douaisis (arrondissement)".into()),
                ..Default::default()
            },
        ),
    )
    .await;
    let renamed = renamed.unwrap();
    println!("rename a territory: {statements}");
    // The lock and its communes, the root's row, the audit entry: the communes are not rewritten.
    assert!(statements <= 4, "rename a territory: {statements}");
    let (statements, archived) = cost(
        &db,
        db.archive_territory(nord.tenant, &actor(), territory.id, renamed.meta.version),
    )
    .await;
    archived.unwrap();
    println!("archive a territory: {statements}");
    // The lock (the root only), the root's row, the audit entry.
    assert!(statements <= 3, "archive a territory: {statements}");
});
