//! Action sheets (*fiches action*): one row per sheet under its pact, and its parts — the actors' roles, its own
//! objectives, its means with their amounts in cents. Like every tenant table, each names its federation and
//! every key includes it. The sheet's objective is one of its pact's, but not a foreign key: a pact's
//! objectives are rewritten with its content (same ids), so the writes check it instead — a sheet names an
//! objective of its pact, and a pact edit may not remove an objective a sheet serves.

use sea_orm_migration::prelude::*;

use crate::columns::*;
use crate::keys::one_party;
use crate::tables::{TenantTable, drop_tables};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        TenantTable::part("action_sheets", "pact_id", "pacts")
            .col(uuid_ref_null("objective_id"))
            .col(text("title"))
            .col(sort_key(backend, "title_key"))
            .col(text_null("description"))
            .col(date_null("start_date"))
            .col(date_null("end_date"))
            .col(text("status"))
            .col(uuid_ref_null("lead_centre_id"))
            .col(uuid_ref_null("lead_partner_id"))
            .col(flag("lead_federation"))
            .record_columns()
            // At most one lead: a centre, a partner or the federation.
            .check(
                one_party("lead_centre_id", "lead_partner_id").and(
                    Expr::col("lead_federation").eq(false).or(Expr::col("lead_centre_id")
                        .is_null()
                        .and(Expr::col("lead_partner_id").is_null())),
                ),
            )
            .refers("fk_action_sheets_lead_centre", "lead_centre_id", "centres")
            .refers("fk_action_sheets_lead_partner", "lead_partner_id", "partners")
            .unique("uq_action_sheets_federation_id", &["federation_id", "id"])
            // A pact's sheets by title: the tree of a page of pacts reads them in this order.
            .index(
                "ix_action_sheets_pact_title",
                &["federation_id", "pact_id", "title_key", "id"],
            )
            .create(manager)
            .await?;

        TenantTable::rows_named("action_roles", "action_id", "action_sheets", "fk_action_roles_sheet")
            .col(int("position"))
            .col(uuid_ref_null("centre_id"))
            .col(uuid_ref_null("partner_id"))
            .col(text("role"))
            .check(one_party("centre_id", "partner_id"))
            .primary_key(&["action_id", "position"])
            .refers("fk_action_roles_centre", "centre_id", "centres")
            .refers("fk_action_roles_partner", "partner_id", "partners")
            // The sheets a centre takes part in.
            .index("ix_action_roles_centre", &["federation_id", "centre_id"])
            .create(manager)
            .await?;

        TenantTable::rows_named(
            "action_objectives",
            "action_id",
            "action_sheets",
            "fk_action_objectives_sheet",
        )
        .col(int("position"))
        .col(text("label"))
        .primary_key(&["action_id", "position"])
        .create(manager)
        .await?;

        TenantTable::rows_named("action_means", "action_id", "action_sheets", "fk_action_means_sheet")
            .col(int("position"))
            .col(text("kind"))
            .col(text("description"))
            .col(uuid_ref_null("centre_id"))
            .col(uuid_ref_null("partner_id"))
            .col(cents_null("amount_cents"))
            .check(one_party("centre_id", "partner_id"))
            .check(Expr::col("amount_cents").is_null().or(Expr::col("amount_cents").gte(0)))
            .primary_key(&["action_id", "position"])
            .refers("fk_action_means_centre", "centre_id", "centres")
            .refers("fk_action_means_partner", "partner_id", "partners")
            .index("ix_action_means_centre", &["federation_id", "centre_id"])
            .create(manager)
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &["action_means", "action_objectives", "action_roles", "action_sheets"],
        )
        .await
    }
}
