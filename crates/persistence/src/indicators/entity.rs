//! The `indicators` table (the national catalogue) and `indicator_values` (centres' yearly values).

pub(crate) mod catalogue {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "indicators")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        pub position: i32,
        pub label_fr: String,
        pub label_en: String,
        pub category: String,
        pub unit: String,
        pub kind: String,
        pub rule: String,
        pub inputs: String,
        pub min_value: Option<i64>,
        pub max_value: Option<i64>,
        pub core: bool,
    }
    crate::rows::by_position!(Model {
        code,
        position,
        label_fr,
        label_en,
        category,
        unit,
        kind,
        rule,
        inputs,
        min_value,
        max_value,
        core
    });

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A federation's own indicators (`federation_indicators`): the catalogue's columns, the federation's key.
pub(crate) mod own {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "federation_indicators")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        pub position: i32,
        pub label_fr: String,
        pub label_en: String,
        pub category: String,
        pub unit: String,
        pub kind: String,
        pub rule: String,
        pub inputs: String,
        pub min_value: Option<i64>,
        pub max_value: Option<i64>,
        pub created_at: DateTimeUtc,
    }
    crate::rows::by_position!(Model {
        federation_id,
        code,
        position,
        label_fr,
        label_en,
        category,
        unit,
        kind,
        rule,
        inputs,
        min_value,
        max_value,
        created_at
    });

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl From<Model> for super::catalogue::Model {
        fn from(row: Model) -> super::catalogue::Model {
            super::catalogue::Model {
                code: row.code,
                position: row.position,
                label_fr: row.label_fr,
                label_en: row.label_en,
                category: row.category,
                unit: row.unit,
                kind: row.kind,
                rule: row.rule,
                inputs: row.inputs,
                min_value: row.min_value,
                max_value: row.max_value,
                core: false,
            }
        }
    }
}

pub(crate) mod values {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "indicator_values")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub federation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub centre_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub year: i32,
        pub value: i64,
        pub source: String,
        pub batch_id: Option<Uuid>,
        pub entered_at: DateTimeUtc,
    }
    crate::rows::by_position!(Model {
        federation_id,
        centre_id,
        code,
        year,
        value,
        source,
        batch_id,
        entered_at
    });

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
