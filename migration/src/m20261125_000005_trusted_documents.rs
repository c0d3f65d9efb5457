//! Trusted documents: the operations a client build registered (graphql-codegen's client preset, Relay), by
//! their id (the sha256 of the text). National, not a tenant's: every federation's clients share them.

use sea_orm_migration::prelude::*;

use crate::columns::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TrustedDocuments {
    Table,
    Id,
    Document,
    AddedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TrustedDocuments::Table)
                    .col(ColumnDef::new(TrustedDocuments::Id).text().not_null().primary_key())
                    .col(text(TrustedDocuments::Document))
                    .col(timestamp(TrustedDocuments::AddedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TrustedDocuments::Table).to_owned())
            .await
    }
}
