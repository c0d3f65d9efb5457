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
