use pactes_domain::Scope;
use pactes_domain::directory::{CentreFilter, CentreOrder, CentreRepository};
use pactes_domain::page::PageRequest;

use crate::both;
use crate::support::federation_id;

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
