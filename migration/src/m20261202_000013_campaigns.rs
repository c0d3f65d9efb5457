//! Indicator campaigns: one per federation and year, the indicators it collects, and each centre's
//! submission (a row once the centre has begun; absent means not started).

use sea_orm_migration::prelude::*;

use crate::columns::*;
use crate::keys::{same_tenant, tenant_id_index};
use crate::row_security::protect_tenant_table;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Federations {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Centres {
    Table,
    Id,
    FederationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Campaigns {
    Table,
    Id,
    FederationId,
    Year,
    OpensOn,
    ClosesOn,
    Status,
    Version,
    CreatedAt,
    UpdatedAt,
    ArchivedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CampaignIndicators {
    Table,
    FederationId,
    CampaignId,
    Position,
    Code,
}

#[derive(DeriveIden, Clone, Copy)]
enum Submissions {
    Table,
    FederationId,
    CampaignId,
    CentreId,
    Status,
    Comment,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Campaigns::Table)
                    .col(uuid_pk(Campaigns::Id))
                    .col(uuid_ref(Campaigns::FederationId))
                    .col(int(Campaigns::Year))
                    .col(date(Campaigns::OpensOn))
                    .col(date(Campaigns::ClosesOn))
                    .col(text(Campaigns::Status))
                    .col(version(Campaigns::Version))
                    .col(timestamp(Campaigns::CreatedAt))
                    .col(timestamp(Campaigns::UpdatedAt))
                    .col(timestamp_null(Campaigns::ArchivedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_campaigns_federation")
                            .from(Campaigns::Table, Campaigns::FederationId)
                            .to(Federations::Table, Federations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        tenant_id_index(
            manager,
            "uq_campaigns_federation_id",
            Campaigns::Table,
            Campaigns::FederationId,
            Campaigns::Id,
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_campaigns_federation_year")
                    .table(Campaigns::Table)
                    .col(Campaigns::FederationId)
                    .col(Campaigns::Year)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let campaign_key = |name: &str, from: DynIden, federation: DynIden, column: DynIden| {
            same_tenant(
                name,
                from,
                federation,
                column,
                Campaigns::Table,
                Campaigns::FederationId,
                Campaigns::Id,
            )
        };
        manager
            .create_table(
                Table::create()
                    .table(CampaignIndicators::Table)
                    .col(uuid_ref(CampaignIndicators::FederationId))
                    .col(uuid_ref(CampaignIndicators::CampaignId))
                    .col(int(CampaignIndicators::Position))
                    .col(text(CampaignIndicators::Code))
                    .primary_key(
                        Index::create()
                            .col(CampaignIndicators::CampaignId)
                            .col(CampaignIndicators::Position),
                    )
                    .foreign_key(&mut campaign_key(
                        "fk_campaign_indicators_campaign",
                        CampaignIndicators::Table.into_iden(),
                        CampaignIndicators::FederationId.into_iden(),
                        CampaignIndicators::CampaignId.into_iden(),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Submissions::Table)
                    .col(uuid_ref(Submissions::FederationId))
                    .col(uuid_ref(Submissions::CampaignId))
                    .col(uuid_ref(Submissions::CentreId))
                    .col(text(Submissions::Status))
                    .col(text_null(Submissions::Comment))
                    .col(timestamp(Submissions::UpdatedAt))
                    .primary_key(Index::create().col(Submissions::CampaignId).col(Submissions::CentreId))
                    .foreign_key(&mut campaign_key(
                        "fk_submissions_campaign",
                        Submissions::Table.into_iden(),
                        Submissions::FederationId.into_iden(),
                        Submissions::CampaignId.into_iden(),
                    ))
                    .foreign_key(&mut same_tenant(
                        "fk_submissions_centre",
                        Submissions::Table,
                        Submissions::FederationId,
                        Submissions::CentreId,
                        Centres::Table,
                        Centres::FederationId,
                        Centres::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        for table in ["campaigns", "campaign_indicators", "submissions"] {
            protect_tenant_table(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Submissions::Table.into_iden(),
            CampaignIndicators::Table.into_iden(),
            Campaigns::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
