//! Each federation's own indicators, beside the national core: the same definition (unit, range, collected or
//! derived, rule), visible to that federation only (row-level security), with a code of its own that no core
//! indicator has.

use sea_orm_migration::prelude::*;

use crate::columns::*;
use crate::row_security::protect_tenant_table;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Federations {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum FederationIndicators {
    Table,
    FederationId,
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
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FederationIndicators::Table)
                    .col(uuid_ref(FederationIndicators::FederationId))
                    .col(text(FederationIndicators::Code))
                    .col(int(FederationIndicators::Position))
                    .col(text(FederationIndicators::LabelFr))
                    .col(text(FederationIndicators::LabelEn))
                    .col(text(FederationIndicators::Category))
                    .col(text(FederationIndicators::Unit))
                    .col(text(FederationIndicators::Kind))
                    .col(text(FederationIndicators::Rule))
                    .col(text(FederationIndicators::Inputs))
                    .col(ColumnDef::new(FederationIndicators::MinValue).big_integer().null())
                    .col(ColumnDef::new(FederationIndicators::MaxValue).big_integer().null())
                    .col(timestamp(FederationIndicators::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(FederationIndicators::FederationId)
                            .col(FederationIndicators::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_federation_indicators_federation")
                            .from(FederationIndicators::Table, FederationIndicators::FederationId)
                            .to(Federations::Table, Federations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        protect_tenant_table(manager, "federation_indicators").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FederationIndicators::Table).to_owned())
            .await
    }
}
