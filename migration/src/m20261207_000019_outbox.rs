//! The outbox: one message per recipient, written in the transaction that convenes a meeting, sent later by
//! whichever replica claims it (a claim is a lease: `claimed_until`), retried with a growing delay while the mail
//! server is unreachable, and marked sent once. No partner's session reads it.

use sea_orm_migration::prelude::*;

use crate::columns::*;
use crate::tables::{TenantTable, drop_tables};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        TenantTable::root("outbox")
            .col(uuid_ref("meeting_id"))
            .col(uuid_ref("member_id"))
            .col(text("recipient"))
            .col(text("subject"))
            .col(text("body"))
            .col(text("calendar"))
            .col(text("status"))
            .col(int("attempts"))
            .col(timestamp("next_attempt_at"))
            .col(timestamp_null("claimed_until"))
            .col(timestamp_null("sent_at"))
            .col(text_null("last_error"))
            .col(timestamp("created_at"))
            .refers("fk_outbox_meeting", "meeting_id", "meetings")
            // What a sender claims next; a meeting's deliveries.
            .index("ix_outbox_due", &["status", "next_attempt_at"])
            .index("ix_outbox_meeting", &["federation_id", "meeting_id"])
            .hidden_from_partners()
            .create(manager)
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["outbox"]).await
    }
}
