//! A page of a territory's centres ordered by name reads its rows from one index, whatever the federation's
//! size: the index on (federation, territory) alone made PostgreSQL walk the federation's name index and filter
//! by territory — 600 rows read for 51 at 10,000 centres (1.3 ms), 51 with this one (0.16 ms). It replaces that
//! index, of which it is an extension.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Centres {
    Table,
    FederationId,
    TerritoryId,
    NameKey,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_centres_federation_territory_name")
                    .table(Centres::Table)
                    .col(Centres::FederationId)
                    .col(Centres::TerritoryId)
                    .col(Centres::NameKey)
                    .col(Centres::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name("ix_centres_federation_territory").to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_centres_federation_territory")
                    .table(Centres::Table)
                    .col(Centres::FederationId)
                    .col(Centres::TerritoryId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name("ix_centres_federation_territory_name").to_owned())
            .await
    }
}
