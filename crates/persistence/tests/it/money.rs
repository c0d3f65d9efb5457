//! Amounts are BIGINT cents, summed in SQL as integers on both databases.

use pactes_domain::Money;
use pactes_persistence::money::sum_cents;
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, QueryFilter, Set};

use crate::both;

/// A table of amounts, as an area's funding lines or means will hold them.
mod amounts {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "test_amounts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub line: String,
        pub cents: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

// A table of the test's own: its owner creates and fills it.
both!(sums_of_amounts_are_exact_to_the_cent, empty, |_db, owner| async move {
    let conn = owner.unscoped_connection();
    conn.execute_unprepared(
        "CREATE TABLE test_amounts (id BIGINT PRIMARY KEY, line TEXT NOT NULL, cents BIGINT NOT NULL)",
    )
    .await
    .unwrap();
    // 0.10 and 0.20, five thousand times each: a float sum of these is not 1500.00.
    let rows: Vec<amounts::ActiveModel> = (0..10_000i64)
        .map(|i| amounts::ActiveModel {
            id: Set(i),
            line: Set(if i % 2 == 0 { "a" } else { "b" }.to_owned()),
            cents: Set(Money::parse(if i % 2 == 0 { "0.10" } else { "0.20" }).unwrap().cents()),
        })
        .collect();
    for chunk in rows.chunks(500) {
        amounts::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&conn)
            .await
            .unwrap();
    }
    let total = sum_cents(&conn, amounts::Entity::find(), amounts::Column::Cents)
        .await
        .unwrap();
    assert_eq!(total.to_string(), "1500.00");
    let float: f64 = (0..10_000).map(|i| if i % 2 == 0 { 0.10 } else { 0.20 }).sum();
    assert_ne!(float, 1500.0, "a float sum of the same amounts is not exact");

    let only_a = sum_cents(
        &conn,
        amounts::Entity::find().filter(amounts::Column::Line.eq("a")),
        amounts::Column::Cents,
    )
    .await
    .unwrap();
    assert_eq!(only_a, Money::from_cents(50_000));
    let none = sum_cents(
        &conn,
        amounts::Entity::find().filter(amounts::Column::Line.eq("z")),
        amounts::Column::Cents,
    )
    .await
    .unwrap();
    assert_eq!(none, Money::ZERO, "a sum over no row is zero, not null");

    // Amounts near the top of the range stay exact (a double has 53 bits of mantissa, these need 63).
    amounts::Entity::insert_many([
        amounts::ActiveModel {
            id: Set(20_000),
            line: Set("big".into()),
            cents: Set(4_611_686_018_427_387_903),
        },
        amounts::ActiveModel {
            id: Set(20_001),
            line: Set("big".into()),
            cents: Set(4_611_686_018_427_387_901),
        },
    ])
    .exec_without_returning(&conn)
    .await
    .unwrap();
    let big = sum_cents(
        &conn,
        amounts::Entity::find().filter(amounts::Column::Line.eq("big")),
        amounts::Column::Cents,
    )
    .await
    .unwrap();
    assert_eq!(big, Money::from_cents(9_223_372_036_854_775_804));
});
