//! Indicators: the national catalogue (reference data every federation reads, not a tenant's) and centres'
//! yearly values, exact integers of hundredths (a count is whole, euros are cents, a boolean 0 or 100). A
//! value names its federation and its centre, keyed within the federation; one value per centre, indicator and
//! year. The index serves aggregates: a federation's values of some indicators for some years, with the value
//! in the index itself.

use sea_orm_migration::prelude::*;

use crate::columns::*;
use crate::keys::same_tenant;
use crate::row_security::{grant, protect_tenant_table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Centres {
    Table,
    Id,
    FederationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Indicators {
    Table,
    Code,
    Position,
    LabelFr,
    LabelEn,
    Category,
    Unit,
    Kind,
    Rule,
    Inputs,
    MinValue,
    MaxValue,
    Core,
}

#[derive(DeriveIden, Clone, Copy)]
enum IndicatorValues {
    Table,
    FederationId,
    CentreId,
    Code,
    Year,
    Value,
    Source,
    BatchId,
    EnteredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Indicators::Table)
                    .col(ColumnDef::new(Indicators::Code).text().not_null().primary_key())
                    .col(int(Indicators::Position))
                    .col(text(Indicators::LabelFr))
                    .col(text(Indicators::LabelEn))
                    .col(text(Indicators::Category))
                    .col(text(Indicators::Unit))
                    .col(text(Indicators::Kind))
                    .col(text(Indicators::Rule))
                    // The inputs of a derived indicator, `;`-separated, in order.
                    .col(text(Indicators::Inputs))
                    .col(ColumnDef::new(Indicators::MinValue).big_integer().null())
                    .col(ColumnDef::new(Indicators::MaxValue).big_integer().null())
                    .col(ColumnDef::new(Indicators::Core).boolean().not_null().default(true))
                    .to_owned(),
            )
            .await?;
        grant(manager, "indicators", "SELECT, INSERT, UPDATE, DELETE").await?;

        manager
            .create_table(
                Table::create()
                    .table(IndicatorValues::Table)
                    .col(uuid_ref(IndicatorValues::FederationId))
                    .col(uuid_ref(IndicatorValues::CentreId))
                    .col(text(IndicatorValues::Code))
                    .col(int(IndicatorValues::Year))
                    .col(ColumnDef::new(IndicatorValues::Value).big_integer().not_null())
                    // FORM (typed in) or IMPORT (a spreadsheet), with the import's batch.
                    .col(text(IndicatorValues::Source))
                    .col(uuid_ref_null(IndicatorValues::BatchId))
                    .col(timestamp(IndicatorValues::EnteredAt))
                    .primary_key(
                        Index::create()
                            .col(IndicatorValues::CentreId)
                            .col(IndicatorValues::Code)
                            .col(IndicatorValues::Year),
                    )
                    .foreign_key(&mut same_tenant(
                        "fk_indicator_values_centre",
                        IndicatorValues::Table,
                        IndicatorValues::FederationId,
                        IndicatorValues::CentreId,
                        Centres::Table,
                        Centres::FederationId,
                        Centres::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_indicator_values_federation_code_year")
                    .table(IndicatorValues::Table)
                    .col(IndicatorValues::FederationId)
                    .col(IndicatorValues::Code)
                    .col(IndicatorValues::Year)
                    .col(IndicatorValues::CentreId)
                    .col(IndicatorValues::Value)
                    .to_owned(),
            )
            .await?;
        protect_tenant_table(manager, "indicator_values").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [IndicatorValues::Table.into_iden(), Indicators::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
