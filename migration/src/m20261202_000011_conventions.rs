//! Partner conventions: the root row and its parts — objectives, covered action sheets, parties, yearly funding
//! lines (amounts in cents) and the payments made against them (each with an idempotency key unique within the
//! federation, so a payment recorded twice counts once), and amendments. Every part names its federation and
//! every key includes it. A payment names its line without a foreign key: lines are rewritten with their
//! convention's content (same ids), so the writes check that a paid line stays.

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
        TenantTable::root("conventions")
            .col(text("kind"))
            .col(text("reference"))
            .col(sort_key(backend, "reference_key"))
            .col(text("title"))
            .col(date("start_date"))
            .col(date("end_date"))
            .col(uuid_ref_null("renews_id"))
            .col(uuid_ref_null("pact_id"))
            .col(text("status"))
            .col(text_null("termination_reason"))
            .record_columns()
            .refers("fk_conventions_renews_same_federation", "renews_id", "conventions")
            .refers("fk_conventions_pact_same_federation", "pact_id", "pacts")
            // The reference is the federation's own number for the convention: unique, and the default order.
            .unique(
                "uq_conventions_federation_reference",
                &["federation_id", "reference_key"],
            )
            .index("ix_conventions_federation_end", &["federation_id", "end_date", "id"])
            .index("ix_conventions_renews", &["federation_id", "renews_id"])
            .create(manager)
            .await?;

        TenantTable::child("convention_objectives", "convention_id", "position", "conventions")
            .col(text("label"))
            .create(manager)
            .await?;

        TenantTable::child("convention_action_sheets", "convention_id", "position", "conventions")
            .col(uuid_ref("action_id"))
            .refers("fk_convention_action_sheets_sheet", "action_id", "action_sheets")
            .create(manager)
            .await?;

        TenantTable::child("convention_parties", "convention_id", "position", "conventions")
            .col(uuid_ref_null("centre_id"))
            .col(uuid_ref_null("partner_id"))
            .col(text("role"))
            .check(one_party("centre_id", "partner_id"))
            .refers("fk_convention_parties_centre", "centre_id", "centres")
            .refers("fk_convention_parties_partner", "partner_id", "partners")
            // What a partner's scope sees, and a centre's conventions: by party.
            .index("ix_convention_parties_partner", &["federation_id", "partner_id"])
            .index("ix_convention_parties_centre", &["federation_id", "centre_id"])
            .create(manager)
            .await?;

        TenantTable::part("convention_lines", "convention_id", "conventions")
            .col(int("position"))
            .col(uuid_ref_null("funder_centre_id"))
            .col(uuid_ref_null("funder_partner_id"))
            .col(uuid_ref_null("beneficiary_centre_id"))
            .col(uuid_ref_null("beneficiary_partner_id"))
            .col(int("year"))
            .col(text("nature"))
            .col(cents("committed_cents"))
            .col(flag("overpayment_allowed"))
            .check(one_party("funder_centre_id", "funder_partner_id"))
            .check(one_party("beneficiary_centre_id", "beneficiary_partner_id"))
            .check(Expr::col("committed_cents").gte(0))
            .refers("fk_convention_lines_funder_centre", "funder_centre_id", "centres")
            .refers("fk_convention_lines_funder_partner", "funder_partner_id", "partners")
            .refers(
                "fk_convention_lines_beneficiary_centre",
                "beneficiary_centre_id",
                "centres",
            )
            .refers(
                "fk_convention_lines_beneficiary_partner",
                "beneficiary_partner_id",
                "partners",
            )
            .index(
                "ix_convention_lines_convention",
                &["federation_id", "convention_id", "position"],
            )
            .unique("uq_convention_lines_federation_id", &["federation_id", "id"])
            .create(manager)
            .await?;

        TenantTable::part("convention_payments", "convention_id", "conventions")
            .col(uuid_ref("line_id"))
            .col(date("paid_on"))
            .col(cents("amount_cents"))
            .col(text_null("reference"))
            .col(text("idempotency_key"))
            .check(Expr::col("amount_cents").gt(0))
            .unique("uq_convention_payments_key", &["federation_id", "idempotency_key"])
            .index("ix_convention_payments_line", &["federation_id", "line_id"])
            .index(
                "ix_convention_payments_convention",
                &["federation_id", "convention_id", "id"],
            )
            .create(manager)
            .await?;

        TenantTable::child("convention_amendments", "convention_id", "number", "conventions")
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
                "convention_amendments",
                "convention_payments",
                "convention_lines",
                "convention_parties",
                "convention_action_sheets",
                "convention_objectives",
                "conventions",
            ],
        )
        .await
    }
}
