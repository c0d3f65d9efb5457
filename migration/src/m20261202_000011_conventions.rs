//! Partner conventions: the root row and its parts — objectives, covered action sheets, parties, yearly funding
//! lines (amounts in cents) and the payments made against them (each with an idempotency key unique within the
//! federation, so a payment recorded twice counts once), and amendments. Every part names its federation and
//! every key includes it. A payment names its line without a foreign key: lines are rewritten with their
//! convention's content (same ids), so the writes check that a paid line stays.

use sea_orm_migration::prelude::*;

use crate::columns::*;
use crate::keys::{one_party, same_tenant, tenant_id_index};
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
enum Partners {
    Table,
    Id,
    FederationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Pacts {
    Table,
    Id,
    FederationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActionSheets {
    Table,
    Id,
    FederationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Conventions {
    Table,
    Id,
    FederationId,
    Kind,
    Reference,
    ReferenceKey,
    Title,
    StartDate,
    EndDate,
    RenewsId,
    PactId,
    Status,
    TerminationReason,
    Version,
    CreatedAt,
    UpdatedAt,
    ArchivedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ConventionObjectives {
    Table,
    FederationId,
    ConventionId,
    Position,
    Label,
}

#[derive(DeriveIden, Clone, Copy)]
enum ConventionActionSheets {
    Table,
    FederationId,
    ConventionId,
    Position,
    ActionId,
}

#[derive(DeriveIden, Clone, Copy)]
enum ConventionParties {
    Table,
    FederationId,
    ConventionId,
    Position,
    CentreId,
    PartnerId,
    Role,
}

#[derive(DeriveIden, Clone, Copy)]
enum ConventionLines {
    Table,
    Id,
    FederationId,
    ConventionId,
    Position,
    FunderCentreId,
    FunderPartnerId,
    BeneficiaryCentreId,
    BeneficiaryPartnerId,
    Year,
    Nature,
    CommittedCents,
    OverpaymentAllowed,
}

#[derive(DeriveIden, Clone, Copy)]
enum ConventionPayments {
    Table,
    Id,
    FederationId,
    ConventionId,
    LineId,
    PaidOn,
    AmountCents,
    Reference,
    IdempotencyKey,
}

#[derive(DeriveIden, Clone, Copy)]
enum ConventionAmendments {
    Table,
    FederationId,
    ConventionId,
    Number,
    Dated,
    Description,
    Changes,
}

fn cents(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).big_integer().not_null().take()
}

fn centre_key(
    name: &str,
    from: impl IntoIden,
    federation: impl IntoIden,
    column: impl IntoIden,
) -> ForeignKeyCreateStatement {
    same_tenant(
        name,
        from,
        federation,
        column,
        Centres::Table,
        Centres::FederationId,
        Centres::Id,
    )
}

fn partner_key(
    name: &str,
    from: impl IntoIden,
    federation: impl IntoIden,
    column: impl IntoIden,
) -> ForeignKeyCreateStatement {
    same_tenant(
        name,
        from,
        federation,
        column,
        Partners::Table,
        Partners::FederationId,
        Partners::Id,
    )
}

fn convention_key(
    name: &str,
    from: impl IntoIden,
    federation: impl IntoIden,
    column: impl IntoIden,
) -> ForeignKeyCreateStatement {
    same_tenant(
        name,
        from,
        federation,
        column,
        Conventions::Table,
        Conventions::FederationId,
        Conventions::Id,
    )
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    columns: Vec<DynIden>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create().name(name).table(table).to_owned();
    for column in columns {
        index.col(column);
    }
    if unique {
        index.unique();
    }
    manager.create_index(index).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager
            .create_table(
                Table::create()
                    .table(Conventions::Table)
                    .col(uuid_pk(Conventions::Id))
                    .col(uuid_ref(Conventions::FederationId))
                    .col(text(Conventions::Kind))
                    .col(text(Conventions::Reference))
                    .col(sort_key(backend, Conventions::ReferenceKey))
                    .col(text(Conventions::Title))
                    .col(date(Conventions::StartDate))
                    .col(date(Conventions::EndDate))
                    .col(uuid_ref_null(Conventions::RenewsId))
                    .col(uuid_ref_null(Conventions::PactId))
                    .col(text(Conventions::Status))
                    .col(text_null(Conventions::TerminationReason))
                    .col(version(Conventions::Version))
                    .col(timestamp(Conventions::CreatedAt))
                    .col(timestamp(Conventions::UpdatedAt))
                    .col(timestamp_null(Conventions::ArchivedAt))
                    // Declared with the table: its own renewal key points at it.
                    .index(
                        Index::create()
                            .name("uq_conventions_federation_id")
                            .col(Conventions::FederationId)
                            .col(Conventions::Id)
                            .unique(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_conventions_federation")
                            .from(Conventions::Table, Conventions::FederationId)
                            .to(Federations::Table, Federations::Id),
                    )
                    .foreign_key(&mut convention_key(
                        "fk_conventions_renews_same_federation",
                        Conventions::Table,
                        Conventions::FederationId,
                        Conventions::RenewsId,
                    ))
                    .foreign_key(&mut same_tenant(
                        "fk_conventions_pact_same_federation",
                        Conventions::Table,
                        Conventions::FederationId,
                        Conventions::PactId,
                        Pacts::Table,
                        Pacts::FederationId,
                        Pacts::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        // The reference is the federation's own number for the convention: unique, and the default order.
        index(
            manager,
            "uq_conventions_federation_reference",
            Conventions::Table,
            vec![
                Conventions::FederationId.into_iden(),
                Conventions::ReferenceKey.into_iden(),
            ],
            true,
        )
        .await?;
        index(
            manager,
            "ix_conventions_federation_end",
            Conventions::Table,
            vec![
                Conventions::FederationId.into_iden(),
                Conventions::EndDate.into_iden(),
                Conventions::Id.into_iden(),
            ],
            false,
        )
        .await?;
        index(
            manager,
            "ix_conventions_renews",
            Conventions::Table,
            vec![Conventions::FederationId.into_iden(), Conventions::RenewsId.into_iden()],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ConventionObjectives::Table)
                    .col(uuid_ref(ConventionObjectives::FederationId))
                    .col(uuid_ref(ConventionObjectives::ConventionId))
                    .col(int(ConventionObjectives::Position))
                    .col(text(ConventionObjectives::Label))
                    .primary_key(
                        Index::create()
                            .col(ConventionObjectives::ConventionId)
                            .col(ConventionObjectives::Position),
                    )
                    .foreign_key(&mut convention_key(
                        "fk_convention_objectives_convention",
                        ConventionObjectives::Table,
                        ConventionObjectives::FederationId,
                        ConventionObjectives::ConventionId,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ConventionActionSheets::Table)
                    .col(uuid_ref(ConventionActionSheets::FederationId))
                    .col(uuid_ref(ConventionActionSheets::ConventionId))
                    .col(int(ConventionActionSheets::Position))
                    .col(uuid_ref(ConventionActionSheets::ActionId))
                    .primary_key(
                        Index::create()
                            .col(ConventionActionSheets::ConventionId)
                            .col(ConventionActionSheets::Position),
                    )
                    .foreign_key(&mut convention_key(
                        "fk_convention_action_sheets_convention",
                        ConventionActionSheets::Table,
                        ConventionActionSheets::FederationId,
                        ConventionActionSheets::ConventionId,
                    ))
                    .foreign_key(&mut same_tenant(
                        "fk_convention_action_sheets_sheet",
                        ConventionActionSheets::Table,
                        ConventionActionSheets::FederationId,
                        ConventionActionSheets::ActionId,
                        ActionSheets::Table,
                        ActionSheets::FederationId,
                        ActionSheets::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ConventionParties::Table)
                    .col(uuid_ref(ConventionParties::FederationId))
                    .col(uuid_ref(ConventionParties::ConventionId))
                    .col(int(ConventionParties::Position))
                    .col(uuid_ref_null(ConventionParties::CentreId))
                    .col(uuid_ref_null(ConventionParties::PartnerId))
                    .col(text(ConventionParties::Role))
                    .check(one_party(ConventionParties::CentreId, ConventionParties::PartnerId))
                    .primary_key(
                        Index::create()
                            .col(ConventionParties::ConventionId)
                            .col(ConventionParties::Position),
                    )
                    .foreign_key(&mut convention_key(
                        "fk_convention_parties_convention",
                        ConventionParties::Table,
                        ConventionParties::FederationId,
                        ConventionParties::ConventionId,
                    ))
                    .foreign_key(&mut centre_key(
                        "fk_convention_parties_centre",
                        ConventionParties::Table,
                        ConventionParties::FederationId,
                        ConventionParties::CentreId,
                    ))
                    .foreign_key(&mut partner_key(
                        "fk_convention_parties_partner",
                        ConventionParties::Table,
                        ConventionParties::FederationId,
                        ConventionParties::PartnerId,
                    ))
                    .to_owned(),
            )
            .await?;
        // What a partner's scope sees, and a centre's conventions: by party.
        index(
            manager,
            "ix_convention_parties_partner",
            ConventionParties::Table,
            vec![
                ConventionParties::FederationId.into_iden(),
                ConventionParties::PartnerId.into_iden(),
            ],
            false,
        )
        .await?;
        index(
            manager,
            "ix_convention_parties_centre",
            ConventionParties::Table,
            vec![
                ConventionParties::FederationId.into_iden(),
                ConventionParties::CentreId.into_iden(),
            ],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ConventionLines::Table)
                    .col(uuid_pk(ConventionLines::Id))
                    .col(uuid_ref(ConventionLines::FederationId))
                    .col(uuid_ref(ConventionLines::ConventionId))
                    .col(int(ConventionLines::Position))
                    .col(uuid_ref_null(ConventionLines::FunderCentreId))
                    .col(uuid_ref_null(ConventionLines::FunderPartnerId))
                    .col(uuid_ref_null(ConventionLines::BeneficiaryCentreId))
                    .col(uuid_ref_null(ConventionLines::BeneficiaryPartnerId))
                    .col(int(ConventionLines::Year))
                    .col(text(ConventionLines::Nature))
                    .col(cents(ConventionLines::CommittedCents))
                    .col(
                        ColumnDef::new(ConventionLines::OverpaymentAllowed)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .check(one_party(
                        ConventionLines::FunderCentreId,
                        ConventionLines::FunderPartnerId,
                    ))
                    .check(one_party(
                        ConventionLines::BeneficiaryCentreId,
                        ConventionLines::BeneficiaryPartnerId,
                    ))
                    .check(Expr::col(ConventionLines::CommittedCents).gte(0))
                    .foreign_key(&mut convention_key(
                        "fk_convention_lines_convention",
                        ConventionLines::Table,
                        ConventionLines::FederationId,
                        ConventionLines::ConventionId,
                    ))
                    .foreign_key(&mut centre_key(
                        "fk_convention_lines_funder_centre",
                        ConventionLines::Table,
                        ConventionLines::FederationId,
                        ConventionLines::FunderCentreId,
                    ))
                    .foreign_key(&mut partner_key(
                        "fk_convention_lines_funder_partner",
                        ConventionLines::Table,
                        ConventionLines::FederationId,
                        ConventionLines::FunderPartnerId,
                    ))
                    .foreign_key(&mut centre_key(
                        "fk_convention_lines_beneficiary_centre",
                        ConventionLines::Table,
                        ConventionLines::FederationId,
                        ConventionLines::BeneficiaryCentreId,
                    ))
                    .foreign_key(&mut partner_key(
                        "fk_convention_lines_beneficiary_partner",
                        ConventionLines::Table,
                        ConventionLines::FederationId,
                        ConventionLines::BeneficiaryPartnerId,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_convention_lines_convention",
            ConventionLines::Table,
            vec![
                ConventionLines::FederationId.into_iden(),
                ConventionLines::ConventionId.into_iden(),
                ConventionLines::Position.into_iden(),
            ],
            false,
        )
        .await?;
        tenant_id_index(
            manager,
            "uq_convention_lines_federation_id",
            ConventionLines::Table,
            ConventionLines::FederationId,
            ConventionLines::Id,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ConventionPayments::Table)
                    .col(uuid_pk(ConventionPayments::Id))
                    .col(uuid_ref(ConventionPayments::FederationId))
                    .col(uuid_ref(ConventionPayments::ConventionId))
                    .col(uuid_ref(ConventionPayments::LineId))
                    .col(date(ConventionPayments::PaidOn))
                    .col(cents(ConventionPayments::AmountCents))
                    .col(text_null(ConventionPayments::Reference))
                    .col(text(ConventionPayments::IdempotencyKey))
                    .check(Expr::col(ConventionPayments::AmountCents).gt(0))
                    .foreign_key(&mut convention_key(
                        "fk_convention_payments_convention",
                        ConventionPayments::Table,
                        ConventionPayments::FederationId,
                        ConventionPayments::ConventionId,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "uq_convention_payments_key",
            ConventionPayments::Table,
            vec![
                ConventionPayments::FederationId.into_iden(),
                ConventionPayments::IdempotencyKey.into_iden(),
            ],
            true,
        )
        .await?;
        index(
            manager,
            "ix_convention_payments_line",
            ConventionPayments::Table,
            vec![
                ConventionPayments::FederationId.into_iden(),
                ConventionPayments::LineId.into_iden(),
            ],
            false,
        )
        .await?;
        index(
            manager,
            "ix_convention_payments_convention",
            ConventionPayments::Table,
            vec![
                ConventionPayments::FederationId.into_iden(),
                ConventionPayments::ConventionId.into_iden(),
                ConventionPayments::Id.into_iden(),
            ],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ConventionAmendments::Table)
                    .col(uuid_ref(ConventionAmendments::FederationId))
                    .col(uuid_ref(ConventionAmendments::ConventionId))
                    .col(int(ConventionAmendments::Number))
                    .col(date(ConventionAmendments::Dated))
                    .col(text(ConventionAmendments::Description))
                    // The field changes it made, as display text (JSON): read, never queried.
                    .col(text(ConventionAmendments::Changes))
                    .primary_key(
                        Index::create()
                            .col(ConventionAmendments::ConventionId)
                            .col(ConventionAmendments::Number),
                    )
                    .foreign_key(&mut convention_key(
                        "fk_convention_amendments_convention",
                        ConventionAmendments::Table,
                        ConventionAmendments::FederationId,
                        ConventionAmendments::ConventionId,
                    ))
                    .to_owned(),
            )
            .await?;

        for table in [
            "conventions",
            "convention_objectives",
            "convention_action_sheets",
            "convention_parties",
            "convention_lines",
            "convention_payments",
            "convention_amendments",
        ] {
            protect_tenant_table(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ConventionAmendments::Table.into_iden(),
            ConventionPayments::Table.into_iden(),
            ConventionLines::Table.into_iden(),
            ConventionParties::Table.into_iden(),
            ConventionActionSheets::Table.into_iden(),
            ConventionObjectives::Table.into_iden(),
            Conventions::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
