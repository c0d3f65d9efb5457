//! The directory: federations (the tenants), territories, centres and EVS, partners.

use sea_orm_migration::prelude::*;

use crate::columns::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Federations {
    Table,
    Id,
    Slug,
    Name,
    Kind,
    Departements,
    Version,
    CreatedAt,
    UpdatedAt,
    ArchivedAt,
}

#[derive(DeriveIden)]
enum Territories {
    Table,
    Id,
    FederationId,
    Name,
    NameKey,
    Kind,
    Communes,
    Version,
    CreatedAt,
    UpdatedAt,
    ArchivedAt,
}

#[derive(DeriveIden)]
enum Centres {
    Table,
    Id,
    FederationId,
    TerritoryId,
    Kind,
    Name,
    NameKey,
    Management,
    Address,
    PostalCode,
    Commune,
    CommuneKey,
    InseeCode,
    Phone,
    Email,
    Website,
    Siret,
    AccreditationStart,
    AccreditationEnd,
    ActionDomains,
    Version,
    CreatedAt,
    UpdatedAt,
    ArchivedAt,
}

#[derive(DeriveIden)]
enum Partners {
    Table,
    Id,
    FederationId,
    Kind,
    Name,
    NameKey,
    Siret,
    Contacts,
    Version,
    CreatedAt,
    UpdatedAt,
    ArchivedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();

        manager
            .create_table(
                Table::create()
                    .table(Federations::Table)
                    .col(uuid_pk(Federations::Id))
                    .col(text(Federations::Slug).unique_key())
                    .col(text(Federations::Name))
                    .col(text(Federations::Kind))
                    .col(text(Federations::Departements))
                    .col(version(Federations::Version))
                    .col(timestamp(Federations::CreatedAt))
                    .col(timestamp(Federations::UpdatedAt))
                    .col(timestamp_null(Federations::ArchivedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Territories::Table)
                    .col(uuid_pk(Territories::Id))
                    .col(uuid_ref(Territories::FederationId))
                    .col(text(Territories::Name))
                    .col(sort_key(backend, Territories::NameKey))
                    .col(text(Territories::Kind))
                    .col(text(Territories::Communes))
                    .col(version(Territories::Version))
                    .col(timestamp(Territories::CreatedAt))
                    .col(timestamp(Territories::UpdatedAt))
                    .col(timestamp_null(Territories::ArchivedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_territories_federation")
                            .from(Territories::Table, Territories::FederationId)
                            .to(Federations::Table, Federations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Two territories of one federation never share a name; the repository maps this constraint to a
        // field error. The pair (federation_id, id) is the target of the centres' composite foreign key.
        manager
            .create_index(
                Index::create()
                    .name("uq_territories_federation_name")
                    .table(Territories::Table)
                    .col(Territories::FederationId)
                    .col(Territories::NameKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_territories_federation_id")
                    .table(Territories::Table)
                    .col(Territories::FederationId)
                    .col(Territories::Id)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Centres::Table)
                    .col(uuid_pk(Centres::Id))
                    .col(uuid_ref(Centres::FederationId))
                    .col(uuid_ref_null(Centres::TerritoryId))
                    .col(text(Centres::Kind))
                    .col(text(Centres::Name))
                    .col(sort_key(backend, Centres::NameKey))
                    .col(text_null(Centres::Management))
                    .col(text_null(Centres::Address))
                    .col(text_null(Centres::PostalCode))
                    .col(text(Centres::Commune))
                    .col(sort_key(backend, Centres::CommuneKey))
                    .col(text_null(Centres::InseeCode))
                    .col(text_null(Centres::Phone))
                    .col(text_null(Centres::Email))
                    .col(text_null(Centres::Website))
                    .col(text_null(Centres::Siret))
                    .col(date_null(Centres::AccreditationStart))
                    .col(date_null(Centres::AccreditationEnd))
                    .col(text(Centres::ActionDomains))
                    .col(version(Centres::Version))
                    .col(timestamp(Centres::CreatedAt))
                    .col(timestamp(Centres::UpdatedAt))
                    .col(timestamp_null(Centres::ArchivedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_centres_federation")
                            .from(Centres::Table, Centres::FederationId)
                            .to(Federations::Table, Federations::Id),
                    )
                    // A centre's territory must belong to the centre's own federation: the database holds
                    // this even if a repository forgot to check it.
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_centres_territory_same_federation")
                            .from(Centres::Table, (Centres::FederationId, Centres::TerritoryId))
                            .to(Territories::Table, (Territories::FederationId, Territories::Id)),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            (
                "ix_centres_federation_name",
                vec![Centres::FederationId, Centres::NameKey, Centres::Id],
            ),
            (
                "ix_centres_federation_commune",
                vec![Centres::FederationId, Centres::CommuneKey, Centres::Id],
            ),
            (
                "ix_centres_federation_territory",
                vec![Centres::FederationId, Centres::TerritoryId],
            ),
        ] {
            let mut index = Index::create().name(name).table(Centres::Table).to_owned();
            for column in columns {
                index.col(column);
            }
            manager.create_index(index).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Partners::Table)
                    .col(uuid_pk(Partners::Id))
                    .col(uuid_ref(Partners::FederationId))
                    .col(text(Partners::Kind))
                    .col(text(Partners::Name))
                    .col(sort_key(backend, Partners::NameKey))
                    .col(text_null(Partners::Siret))
                    .col(text(Partners::Contacts))
                    .col(version(Partners::Version))
                    .col(timestamp(Partners::CreatedAt))
                    .col(timestamp(Partners::UpdatedAt))
                    .col(timestamp_null(Partners::ArchivedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_partners_federation")
                            .from(Partners::Table, Partners::FederationId)
                            .to(Federations::Table, Federations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_partners_federation_name")
                    .table(Partners::Table)
                    .col(Partners::FederationId)
                    .col(Partners::NameKey)
                    .col(Partners::Id)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Partners::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Centres::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Territories::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Federations::Table).to_owned())
            .await
    }
}
