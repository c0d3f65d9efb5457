//! Action sheets (*fiches action*): one row per sheet under its pact, and its parts — the actors' roles, its own
//! objectives, its means with their amounts in cents. Like every tenant table, each names its federation and
//! every key includes it. The sheet's objective is one of its pact's, but not a foreign key: a pact's
//! objectives are rewritten with its content (same ids), so the writes check it instead — a sheet names an
//! objective of its pact, and a pact edit may not remove an objective a sheet serves.

use sea_orm_migration::prelude::*;

use crate::columns::*;
use crate::keys::{one_party, same_tenant, tenant_id_index};
use crate::row_security::protect_tenant_table;

#[derive(DeriveMigrationName)]
pub struct Migration;

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
    PactId,
    ObjectiveId,
    Title,
    TitleKey,
    Description,
    StartDate,
    EndDate,
    Status,
    LeadCentreId,
    LeadPartnerId,
    LeadFederation,
    Version,
    CreatedAt,
    UpdatedAt,
    ArchivedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActionRoles {
    Table,
    FederationId,
    ActionId,
    Position,
    CentreId,
    PartnerId,
    Role,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActionObjectives {
    Table,
    FederationId,
    ActionId,
    Position,
    Label,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActionMeans {
    Table,
    FederationId,
    ActionId,
    Position,
    Kind,
    Description,
    CentreId,
    PartnerId,
    AmountCents,
}

/// The keys of a part's actor columns to the centres and partners of its federation.
fn actor_keys(
    table: &mut TableCreateStatement,
    prefix: &str,
    from: impl IntoIden + Clone,
    federation: impl IntoIden + Clone,
    centre: impl IntoIden,
    partner: impl IntoIden,
) {
    table
        .foreign_key(&mut same_tenant(
            &format!("fk_{prefix}_centre"),
            from.clone(),
            federation.clone(),
            centre,
            Centres::Table,
            Centres::FederationId,
            Centres::Id,
        ))
        .foreign_key(&mut same_tenant(
            &format!("fk_{prefix}_partner"),
            from,
            federation,
            partner,
            Partners::Table,
            Partners::FederationId,
            Partners::Id,
        ));
}

fn sheet_key(
    name: &str,
    from: impl IntoIden,
    federation: impl IntoIden,
    sheet: impl IntoIden,
) -> ForeignKeyCreateStatement {
    same_tenant(
        name,
        from,
        federation,
        sheet,
        ActionSheets::Table,
        ActionSheets::FederationId,
        ActionSheets::Id,
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        let mut sheets = Table::create()
            .table(ActionSheets::Table)
            .col(uuid_pk(ActionSheets::Id))
            .col(uuid_ref(ActionSheets::FederationId))
            .col(uuid_ref(ActionSheets::PactId))
            .col(uuid_ref_null(ActionSheets::ObjectiveId))
            .col(text(ActionSheets::Title))
            .col(sort_key(backend, ActionSheets::TitleKey))
            .col(text_null(ActionSheets::Description))
            .col(date_null(ActionSheets::StartDate))
            .col(date_null(ActionSheets::EndDate))
            .col(text(ActionSheets::Status))
            .col(uuid_ref_null(ActionSheets::LeadCentreId))
            .col(uuid_ref_null(ActionSheets::LeadPartnerId))
            .col(
                ColumnDef::new(ActionSheets::LeadFederation)
                    .boolean()
                    .not_null()
                    .default(false),
            )
            .col(version(ActionSheets::Version))
            .col(timestamp(ActionSheets::CreatedAt))
            .col(timestamp(ActionSheets::UpdatedAt))
            .col(timestamp_null(ActionSheets::ArchivedAt))
            // At most one lead: a centre, a partner or the federation.
            .check(
                one_party(ActionSheets::LeadCentreId, ActionSheets::LeadPartnerId).and(
                    Expr::col(ActionSheets::LeadFederation)
                        .eq(false)
                        .or(Expr::col(ActionSheets::LeadCentreId)
                            .is_null()
                            .and(Expr::col(ActionSheets::LeadPartnerId).is_null())),
                ),
            )
            .foreign_key(&mut same_tenant(
                "fk_action_sheets_pact",
                ActionSheets::Table,
                ActionSheets::FederationId,
                ActionSheets::PactId,
                Pacts::Table,
                Pacts::FederationId,
                Pacts::Id,
            ))
            .to_owned();
        actor_keys(
            &mut sheets,
            "action_sheets_lead",
            ActionSheets::Table,
            ActionSheets::FederationId,
            ActionSheets::LeadCentreId,
            ActionSheets::LeadPartnerId,
        );
        manager.create_table(sheets).await?;
        tenant_id_index(
            manager,
            "uq_action_sheets_federation_id",
            ActionSheets::Table,
            ActionSheets::FederationId,
            ActionSheets::Id,
        )
        .await?;
        // A pact's sheets by title: the tree of a page of pacts reads them in this order.
        manager
            .create_index(
                Index::create()
                    .name("ix_action_sheets_pact_title")
                    .table(ActionSheets::Table)
                    .col(ActionSheets::FederationId)
                    .col(ActionSheets::PactId)
                    .col(ActionSheets::TitleKey)
                    .col(ActionSheets::Id)
                    .to_owned(),
            )
            .await?;

        let mut roles = Table::create()
            .table(ActionRoles::Table)
            .col(uuid_ref(ActionRoles::FederationId))
            .col(uuid_ref(ActionRoles::ActionId))
            .col(int(ActionRoles::Position))
            .col(uuid_ref_null(ActionRoles::CentreId))
            .col(uuid_ref_null(ActionRoles::PartnerId))
            .col(text(ActionRoles::Role))
            .check(one_party(ActionRoles::CentreId, ActionRoles::PartnerId))
            .primary_key(Index::create().col(ActionRoles::ActionId).col(ActionRoles::Position))
            .foreign_key(&mut sheet_key(
                "fk_action_roles_sheet",
                ActionRoles::Table,
                ActionRoles::FederationId,
                ActionRoles::ActionId,
            ))
            .to_owned();
        actor_keys(
            &mut roles,
            "action_roles",
            ActionRoles::Table,
            ActionRoles::FederationId,
            ActionRoles::CentreId,
            ActionRoles::PartnerId,
        );
        manager.create_table(roles).await?;
        // The sheets a centre takes part in.
        manager
            .create_index(
                Index::create()
                    .name("ix_action_roles_centre")
                    .table(ActionRoles::Table)
                    .col(ActionRoles::FederationId)
                    .col(ActionRoles::CentreId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ActionObjectives::Table)
                    .col(uuid_ref(ActionObjectives::FederationId))
                    .col(uuid_ref(ActionObjectives::ActionId))
                    .col(int(ActionObjectives::Position))
                    .col(text(ActionObjectives::Label))
                    .primary_key(
                        Index::create()
                            .col(ActionObjectives::ActionId)
                            .col(ActionObjectives::Position),
                    )
                    .foreign_key(&mut sheet_key(
                        "fk_action_objectives_sheet",
                        ActionObjectives::Table,
                        ActionObjectives::FederationId,
                        ActionObjectives::ActionId,
                    ))
                    .to_owned(),
            )
            .await?;

        let mut means = Table::create()
            .table(ActionMeans::Table)
            .col(uuid_ref(ActionMeans::FederationId))
            .col(uuid_ref(ActionMeans::ActionId))
            .col(int(ActionMeans::Position))
            .col(text(ActionMeans::Kind))
            .col(text(ActionMeans::Description))
            .col(uuid_ref_null(ActionMeans::CentreId))
            .col(uuid_ref_null(ActionMeans::PartnerId))
            .col(ColumnDef::new(ActionMeans::AmountCents).big_integer().null())
            .check(one_party(ActionMeans::CentreId, ActionMeans::PartnerId))
            .check(
                Expr::col(ActionMeans::AmountCents)
                    .is_null()
                    .or(Expr::col(ActionMeans::AmountCents).gte(0)),
            )
            .primary_key(Index::create().col(ActionMeans::ActionId).col(ActionMeans::Position))
            .foreign_key(&mut sheet_key(
                "fk_action_means_sheet",
                ActionMeans::Table,
                ActionMeans::FederationId,
                ActionMeans::ActionId,
            ))
            .to_owned();
        actor_keys(
            &mut means,
            "action_means",
            ActionMeans::Table,
            ActionMeans::FederationId,
            ActionMeans::CentreId,
            ActionMeans::PartnerId,
        );
        manager.create_table(means).await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_action_means_centre")
                    .table(ActionMeans::Table)
                    .col(ActionMeans::FederationId)
                    .col(ActionMeans::CentreId)
                    .to_owned(),
            )
            .await?;

        for table in ["action_sheets", "action_roles", "action_objectives", "action_means"] {
            protect_tenant_table(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ActionMeans::Table.into_iden(),
            ActionObjectives::Table.into_iden(),
            ActionRoles::Table.into_iden(),
            ActionSheets::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
