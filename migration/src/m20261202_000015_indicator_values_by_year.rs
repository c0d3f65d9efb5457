//! National aggregates read one year's values of some indicators across every federation: an index led by
//! year and code serves them from the index alone (the federation's index is led by the federation).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum IndicatorValues {
    Table,
    Year,
    Code,
    CentreId,
    Value,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_indicator_values_year_code")
                    .table(IndicatorValues::Table)
                    .col(IndicatorValues::Year)
                    .col(IndicatorValues::Code)
                    .col(IndicatorValues::CentreId)
                    .col(IndicatorValues::Value)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_indicator_values_year_code")
                    .table(IndicatorValues::Table)
                    .to_owned(),
            )
            .await
    }
}
