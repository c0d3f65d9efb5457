//! Pacts, charters and protocols of cooperation: the root row and its parts. Every part names its federation,
//! and every foreign key includes it, so no part can belong to, or point at, another tenant's row. Axes and
//! objectives have ids of their own (action sheets refer to objectives); the other parts are rows in order.
//! Amendments are appended, never rewritten.

use sea_orm_migration::prelude::*;

use crate::columns::*;
use crate::keys::{same_tenant, tenant_id_index};
use crate::row_security::protect_tenant_table;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Federations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Territories {
    Table,
    Id,
    FederationId,
}

#[derive(DeriveIden)]
enum Centres {
    Table,
    Id,
    FederationId,
}

#[derive(DeriveIden)]
enum Partners {
    Table,
    Id,
    FederationId,
}

#[derive(DeriveIden)]
enum Pacts {
    Table,
    Id,
    FederationId,
    Kind,
    Title,
    TitleKey,
    TerritoryId,
    StartDate,
    EndDate,
    Sequence,
    PredecessorId,
    Preamble,
    Status,
    TerminationReason,
    Version,
    CreatedAt,
    UpdatedAt,
    ArchivedAt,
}

#[derive(DeriveIden)]
enum PactLabels {
    Table,
    FederationId,
    PactId,
    List,
    Position,
    Label,
}

#[derive(DeriveIden)]
enum PactAxes {
    Table,
    Id,
    FederationId,
    PactId,
    Position,
    Title,
    Subtitle,
}

#[derive(DeriveIden)]
enum PactObjectives {
    Table,
    Id,
    FederationId,
    PactId,
    AxisId,
    Position,
    Title,
    Description,
}

#[derive(DeriveIden)]
enum PactCriteria {
    Table,
    FederationId,
    PactId,
    ObjectiveId,
    Position,
    Label,
    Target,
}

#[derive(DeriveIden)]
enum PactSignatories {
    Table,
    FederationId,
    PactId,
    Position,
    CentreId,
    PartnerId,
    Role,
    SignerName,
    SignerTitle,
    SignedOn,
}

#[derive(DeriveIden)]
enum PactConsultations {
    Table,
    FederationId,
    PactId,
    Position,
    GroupName,
    People,
    HeldOn,
    Summary,
}

#[derive(DeriveIden)]
enum PactAmendments {
    Table,
    FederationId,
    PactId,
    Number,
    Dated,
    Description,
    Changes,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager
            .create_table(
                Table::create()
                    .table(Pacts::Table)
                    .col(uuid_pk(Pacts::Id))
                    .col(uuid_ref(Pacts::FederationId))
                    .col(text(Pacts::Kind))
                    .col(text(Pacts::Title))
                    .col(sort_key(backend, Pacts::TitleKey))
                    .col(uuid_ref_null(Pacts::TerritoryId))
                    .col(date(Pacts::StartDate))
                    .col(date(Pacts::EndDate))
                    .col(int(Pacts::Sequence))
                    .col(uuid_ref_null(Pacts::PredecessorId))
                    .col(text_null(Pacts::Preamble))
                    .col(text(Pacts::Status))
                    .col(text_null(Pacts::TerminationReason))
                    .col(version(Pacts::Version))
                    .col(timestamp(Pacts::CreatedAt))
                    .col(timestamp(Pacts::UpdatedAt))
                    .col(timestamp_null(Pacts::ArchivedAt))
                    // Declared with the table: its own predecessor key points at it.
                    .index(
                        Index::create()
                            .name("uq_pacts_federation_id")
                            .col(Pacts::FederationId)
                            .col(Pacts::Id)
                            .unique(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_pacts_federation")
                            .from(Pacts::Table, Pacts::FederationId)
                            .to(Federations::Table, Federations::Id),
                    )
                    .foreign_key(&mut same_tenant(
                        "fk_pacts_territory_same_federation",
                        Pacts::Table,
                        Pacts::FederationId,
                        Pacts::TerritoryId,
                        Territories::Table,
                        Territories::FederationId,
                        Territories::Id,
                    ))
                    .foreign_key(&mut same_tenant(
                        "fk_pacts_predecessor_same_federation",
                        Pacts::Table,
                        Pacts::FederationId,
                        Pacts::PredecessorId,
                        Pacts::Table,
                        Pacts::FederationId,
                        Pacts::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_pacts_federation_title")
                    .table(Pacts::Table)
                    .col(Pacts::FederationId)
                    .col(Pacts::TitleKey)
                    .col(Pacts::Id)
                    .to_owned(),
            )
            .await?;
        let pact_key = |name: &str, from: DynIden, federation: DynIden, pact: DynIden| {
            same_tenant(
                name,
                from,
                federation,
                pact,
                Pacts::Table,
                Pacts::FederationId,
                Pacts::Id,
            )
        };

        manager
            .create_table(
                Table::create()
                    .table(PactLabels::Table)
                    .col(uuid_ref(PactLabels::FederationId))
                    .col(uuid_ref(PactLabels::PactId))
                    .col(text(PactLabels::List))
                    .col(int(PactLabels::Position))
                    .col(text(PactLabels::Label))
                    .primary_key(
                        Index::create()
                            .col(PactLabels::PactId)
                            .col(PactLabels::List)
                            .col(PactLabels::Position),
                    )
                    .foreign_key(&mut pact_key(
                        "fk_pact_labels_pact",
                        PactLabels::Table.into_iden(),
                        PactLabels::FederationId.into_iden(),
                        PactLabels::PactId.into_iden(),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PactAxes::Table)
                    .col(uuid_pk(PactAxes::Id))
                    .col(uuid_ref(PactAxes::FederationId))
                    .col(uuid_ref(PactAxes::PactId))
                    .col(int(PactAxes::Position))
                    .col(text(PactAxes::Title))
                    .col(text_null(PactAxes::Subtitle))
                    .foreign_key(&mut pact_key(
                        "fk_pact_axes_pact",
                        PactAxes::Table.into_iden(),
                        PactAxes::FederationId.into_iden(),
                        PactAxes::PactId.into_iden(),
                    ))
                    .to_owned(),
            )
            .await?;
        tenant_id_index(
            manager,
            "uq_pact_axes_federation_id",
            PactAxes::Table,
            PactAxes::FederationId,
            PactAxes::Id,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(PactObjectives::Table)
                    .col(uuid_pk(PactObjectives::Id))
                    .col(uuid_ref(PactObjectives::FederationId))
                    .col(uuid_ref(PactObjectives::PactId))
                    .col(uuid_ref(PactObjectives::AxisId))
                    .col(int(PactObjectives::Position))
                    .col(text(PactObjectives::Title))
                    .col(text_null(PactObjectives::Description))
                    .foreign_key(&mut pact_key(
                        "fk_pact_objectives_pact",
                        PactObjectives::Table.into_iden(),
                        PactObjectives::FederationId.into_iden(),
                        PactObjectives::PactId.into_iden(),
                    ))
                    .foreign_key(&mut same_tenant(
                        "fk_pact_objectives_axis",
                        PactObjectives::Table,
                        PactObjectives::FederationId,
                        PactObjectives::AxisId,
                        PactAxes::Table,
                        PactAxes::FederationId,
                        PactAxes::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        tenant_id_index(
            manager,
            "uq_pact_objectives_federation_id",
            PactObjectives::Table,
            PactObjectives::FederationId,
            PactObjectives::Id,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(PactCriteria::Table)
                    .col(uuid_ref(PactCriteria::FederationId))
                    .col(uuid_ref(PactCriteria::PactId))
                    .col(uuid_ref(PactCriteria::ObjectiveId))
                    .col(int(PactCriteria::Position))
                    .col(text(PactCriteria::Label))
                    .col(text_null(PactCriteria::Target))
                    .primary_key(
                        Index::create()
                            .col(PactCriteria::ObjectiveId)
                            .col(PactCriteria::Position),
                    )
                    .foreign_key(&mut pact_key(
                        "fk_pact_criteria_pact",
                        PactCriteria::Table.into_iden(),
                        PactCriteria::FederationId.into_iden(),
                        PactCriteria::PactId.into_iden(),
                    ))
                    .foreign_key(&mut same_tenant(
                        "fk_pact_criteria_objective",
                        PactCriteria::Table,
                        PactCriteria::FederationId,
                        PactCriteria::ObjectiveId,
                        PactObjectives::Table,
                        PactObjectives::FederationId,
                        PactObjectives::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PactSignatories::Table)
                    .col(uuid_ref(PactSignatories::FederationId))
                    .col(uuid_ref(PactSignatories::PactId))
                    .col(int(PactSignatories::Position))
                    .col(uuid_ref_null(PactSignatories::CentreId))
                    .col(uuid_ref_null(PactSignatories::PartnerId))
                    .col(text(PactSignatories::Role))
                    .col(text(PactSignatories::SignerName))
                    .col(text_null(PactSignatories::SignerTitle))
                    .col(date_null(PactSignatories::SignedOn))
                    // A party is a centre, a partner, or (neither) the federation itself.
                    .check(
                        Expr::col(PactSignatories::CentreId)
                            .is_null()
                            .or(Expr::col(PactSignatories::PartnerId).is_null()),
                    )
                    .primary_key(
                        Index::create()
                            .col(PactSignatories::PactId)
                            .col(PactSignatories::Position),
                    )
                    .foreign_key(&mut pact_key(
                        "fk_pact_signatories_pact",
                        PactSignatories::Table.into_iden(),
                        PactSignatories::FederationId.into_iden(),
                        PactSignatories::PactId.into_iden(),
                    ))
                    .foreign_key(&mut same_tenant(
                        "fk_pact_signatories_centre",
                        PactSignatories::Table,
                        PactSignatories::FederationId,
                        PactSignatories::CentreId,
                        Centres::Table,
                        Centres::FederationId,
                        Centres::Id,
                    ))
                    .foreign_key(&mut same_tenant(
                        "fk_pact_signatories_partner",
                        PactSignatories::Table,
                        PactSignatories::FederationId,
                        PactSignatories::PartnerId,
                        Partners::Table,
                        Partners::FederationId,
                        Partners::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PactConsultations::Table)
                    .col(uuid_ref(PactConsultations::FederationId))
                    .col(uuid_ref(PactConsultations::PactId))
                    .col(int(PactConsultations::Position))
                    .col(text(PactConsultations::GroupName))
                    .col(int(PactConsultations::People))
                    .col(date(PactConsultations::HeldOn))
                    .col(text_null(PactConsultations::Summary))
                    .primary_key(
                        Index::create()
                            .col(PactConsultations::PactId)
                            .col(PactConsultations::Position),
                    )
                    .foreign_key(&mut pact_key(
                        "fk_pact_consultations_pact",
                        PactConsultations::Table.into_iden(),
                        PactConsultations::FederationId.into_iden(),
                        PactConsultations::PactId.into_iden(),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PactAmendments::Table)
                    .col(uuid_ref(PactAmendments::FederationId))
                    .col(uuid_ref(PactAmendments::PactId))
                    .col(int(PactAmendments::Number))
                    .col(date(PactAmendments::Dated))
                    .col(text(PactAmendments::Description))
                    // The field changes it made, as display text (JSON): read, never queried.
                    .col(text(PactAmendments::Changes))
                    .primary_key(Index::create().col(PactAmendments::PactId).col(PactAmendments::Number))
                    .foreign_key(&mut pact_key(
                        "fk_pact_amendments_pact",
                        PactAmendments::Table.into_iden(),
                        PactAmendments::FederationId.into_iden(),
                        PactAmendments::PactId.into_iden(),
                    ))
                    .to_owned(),
            )
            .await?;

        for table in [
            "pacts",
            "pact_labels",
            "pact_axes",
            "pact_objectives",
            "pact_criteria",
            "pact_signatories",
            "pact_consultations",
            "pact_amendments",
        ] {
            protect_tenant_table(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PactAmendments::Table.into_iden(),
            PactConsultations::Table.into_iden(),
            PactSignatories::Table.into_iden(),
            PactCriteria::Table.into_iden(),
            PactObjectives::Table.into_iden(),
            PactAxes::Table.into_iden(),
            PactLabels::Table.into_iden(),
            Pacts::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
