use chrono::NaiveDate;
use pactes_domain::directory::{
    AccreditationDraft, CentreDraft, CentreFilter, CentreKind, CentreOrder, CentreOrderField, CentreRepository,
};
use pactes_domain::page::{Direction, PageRequest, Position, SortKey};
use pactes_domain::{Actor, CentreId, Scope};
use pactes_persistence::Database;

use crate::both;
use crate::support::federation_id;

/// Walks a whole listing page by page, forwards or backwards, returning the ids in listing order.
async fn walk(db: &Database, scope: &Scope, order: CentreOrder, size: u64, forward: bool) -> Vec<CentreId> {
    let mut seen = Vec::new();
    let mut cursor: Option<Position> = None;
    loop {
        let request = if forward {
            PageRequest::Forward {
                limit: size,
                after: cursor.clone(),
            }
        } else {
            PageRequest::Backward {
                limit: size,
                before: cursor.clone(),
            }
        };
        let page = db
            .list_centres(scope, &CentreFilter::default(), order, &request)
            .await
            .unwrap();
        assert!(page.items.len() as u64 <= size);
        let more = if forward { page.has_next } else { page.has_previous };
        let edge = if forward { page.items.last() } else { page.items.first() };
        cursor = edge.map(|c| Position {
            key: c.sort_key(order.field),
            id: c.id.as_uuid(),
        });
        let mut ids: Vec<CentreId> = page.items.iter().map(|c| c.id).collect();
        if forward {
            seen.extend(ids);
        } else {
            ids.extend(seen);
            seen = ids;
        }
        if !more {
            return seen;
        }
    }
}

both!(
    pages_never_skip_or_repeat_rows_even_when_sort_values_tie,
    demo,
    |db| async move {
        let nord = Scope::Federation(federation_id(&db, "nord").await);
        // Ten more centres in Douai: the commune ordering now has 15 ties on "douai". Their accreditations end
        // on one of two days (ties on a date) or are unknown (sorted after every date), like the demo centres'.
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for i in 0..10 {
            let accreditation = match i % 3 {
                0 => None,
                1 => Some(AccreditationDraft {
                    start: day(2024, 1, 1),
                    end: day(2025, 12, 31),
                }),
                _ => Some(AccreditationDraft {
                    start: day(2023, 7, 1),
                    end: day(2027, 6, 30),
                }),
            };
            let draft = CentreDraft {
                kind: CentreKind::Evs,
                name: format!("EVS {i}"),
                management: None,
                address: None,
                postal_code: None,
                commune: "Douai".into(),
                insee_code: None,
                phone: None,
                email: None,
                website: None,
                siret: None,
                accreditation,
                territory_id: None,
                action_domains: vec![],
            };
            db.create_centre(
                nord.federation().unwrap(),
                &Actor::system("test"),
                draft.validate().unwrap(),
            )
            .await
            .unwrap();
        }
        for field in [
            CentreOrderField::Name,
            CentreOrderField::Commune,
            CentreOrderField::AccreditationEnd,
            CentreOrderField::CreatedAt,
        ] {
            for direction in [Direction::Asc, Direction::Desc] {
                let order = CentreOrder { field, direction };
                let all = db
                    .list_centres(
                        &nord,
                        &CentreFilter::default(),
                        order,
                        &PageRequest::Forward {
                            limit: 100,
                            after: None,
                        },
                    )
                    .await
                    .unwrap();
                let expected: Vec<CentreId> = all.items.iter().map(|c| c.id).collect();
                assert_eq!(expected.len(), 23);
                // The single page is sorted by (key, id) in the requested direction.
                let mut keys: Vec<(Option<SortKey>, uuid::Uuid)> =
                    all.items.iter().map(|c| (c.sort_key(field), c.id.as_uuid())).collect();
                let listed = keys.clone();
                keys.sort();
                if direction == Direction::Desc {
                    keys.reverse();
                }
                assert_eq!(listed, keys, "{order:?}");
                if field == CentreOrderField::AccreditationEnd {
                    let dated = listed
                        .iter()
                        .filter(|(k, _)| k != &Some(SortKey::Date(day(9999, 12, 31))))
                        .count();
                    assert_eq!(dated, 6, "six centres have an accreditation");
                }
                for size in [1, 4, 7] {
                    assert_eq!(
                        walk(&db, &nord, order, size, true).await,
                        expected,
                        "forward {order:?} by {size}"
                    );
                    assert_eq!(
                        walk(&db, &nord, order, size, false).await,
                        expected,
                        "backward {order:?} by {size}"
                    );
                }
            }
        }
    }
);
