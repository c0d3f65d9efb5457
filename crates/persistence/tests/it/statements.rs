use pactes_domain::Scope;
use pactes_domain::directory::{CentreFilter, CentreOrder, CentreRepository};
use pactes_domain::page::PageRequest;

use crate::both;
use crate::support::federation_id;

// A centre's action domains live in a child table: one more statement per page or batch, whatever its size.
both!(
    a_page_and_a_batch_by_ids_are_one_statement_each_plus_one_per_child_table,
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
        assert_eq!(db.statement_count() - before, 2);
        let ids: Vec<_> = page.items.iter().map(|c| c.id).collect();
        let before = db.statement_count();
        assert_eq!(db.centres_by_ids(&nord, &ids).await.unwrap().len(), 13);
        assert_eq!(db.statement_count() - before, 2);
    }
);
