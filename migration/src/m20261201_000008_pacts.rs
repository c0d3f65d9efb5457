//! Pacts, charters and protocols of cooperation: the root row and its parts. Every part names its federation,
//! and every foreign key includes it, so no part can belong to, or point at, another tenant's row. Axes and
//! objectives have ids of their own (action sheets refer to objectives); the other parts are rows in order.
//! Amendments are appended, never rewritten.

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
        TenantTable::root("pacts")
            .col(text("kind"))
            .col(text("title"))
            .col(sort_key(backend, "title_key"))
            .col(uuid_ref_null("territory_id"))
            .col(date("start_date"))
            .col(date("end_date"))
            .col(int("sequence"))
            .col(uuid_ref_null("predecessor_id"))
            .col(text_null("preamble"))
            .col(text("status"))
            .col(text_null("termination_reason"))
            .record_columns()
            .refers("fk_pacts_territory_same_federation", "territory_id", "territories")
            .refers("fk_pacts_predecessor_same_federation", "predecessor_id", "pacts")
            .index("ix_pacts_federation_title", &["federation_id", "title_key", "id"])
            .create(manager)
            .await?;

        TenantTable::rows("pact_labels", "pact_id", "pacts")
            .col(text("list"))
            .col(int("position"))
            .col(text("label"))
            .primary_key(&["pact_id", "list", "position"])
            .create(manager)
            .await?;

        TenantTable::part("pact_axes", "pact_id", "pacts")
            .col(int("position"))
            .col(text("title"))
            .col(text_null("subtitle"))
            .unique("uq_pact_axes_federation_id", &["federation_id", "id"])
            .create(manager)
            .await?;

        TenantTable::part("pact_objectives", "pact_id", "pacts")
            .col(uuid_ref("axis_id"))
            .col(int("position"))
            .col(text("title"))
            .col(text_null("description"))
            .refers("fk_pact_objectives_axis", "axis_id", "pact_axes")
            .unique("uq_pact_objectives_federation_id", &["federation_id", "id"])
            .create(manager)
            .await?;

        TenantTable::rows("pact_criteria", "pact_id", "pacts")
            .col(uuid_ref("objective_id"))
            .col(int("position"))
            .col(text("label"))
            .col(text_null("target"))
            .primary_key(&["objective_id", "position"])
            .refers("fk_pact_criteria_objective", "objective_id", "pact_objectives")
            .create(manager)
            .await?;

        TenantTable::child("pact_signatories", "pact_id", "position", "pacts")
            .col(uuid_ref_null("centre_id"))
            .col(uuid_ref_null("partner_id"))
            .col(text("role"))
            .col(text("signer_name"))
            .col(text_null("signer_title"))
            .col(date_null("signed_on"))
            .check(one_party("centre_id", "partner_id"))
            .refers("fk_pact_signatories_centre", "centre_id", "centres")
            .refers("fk_pact_signatories_partner", "partner_id", "partners")
            .create(manager)
            .await?;

        TenantTable::child("pact_consultations", "pact_id", "position", "pacts")
            .col(text("group_name"))
            .col(int("people"))
            .col(date("held_on"))
            .col(text_null("summary"))
            .create(manager)
            .await?;

        TenantTable::child("pact_amendments", "pact_id", "number", "pacts")
            .col(date("dated"))
            .col(text("description"))
            // The field changes it made, as display text (JSON): read, never queried.
            .col(text("changes"))
            .create(manager)
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "pact_amendments",
                "pact_consultations",
                "pact_signatories",
                "pact_criteria",
                "pact_objectives",
                "pact_axes",
                "pact_labels",
                "pacts",
            ],
        )
        .await
    }
}
