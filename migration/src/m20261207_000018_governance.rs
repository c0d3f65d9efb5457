//! Governance: bodies with their members (personal data: a person's name and e-mail), yearly designations and
//! versioned rulebooks (their majorities per kind of decision apart); meetings with their agenda, the
//! recipients a convocation went to, attendance; decisions with their named votes and what they concern. A rule
//! a charter leaves out is a null column, never a default. No partner's session reads any of it.

use sea_orm_migration::prelude::*;

use crate::columns::*;
use crate::keys::one_party;
use crate::tables::{TenantTable, drop_tables};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A threshold's three columns (`{prefix}_comparison`, `_numerator`, `_denominator`): "more than 1/2".
fn threshold(table: TenantTable, prefix: &str, nullable: bool) -> TenantTable {
    let column = |name: &str, text: bool| {
        let mut column = ColumnDef::new(format!("{prefix}_{name}"));
        if text {
            column.text();
        } else {
            column.integer();
        }
        if nullable {
            column.null();
        } else {
            column.not_null();
        }
        column
    };
    table
        .col(column("comparison", true))
        .col(column("numerator", false))
        .col(column("denominator", false))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        TenantTable::root("bodies")
            .col(text("kind"))
            .col(text("name"))
            .col(sort_key(backend, "name_key"))
            .col(uuid_ref_null("pact_id"))
            .col(uuid_ref_null("parent_id"))
            .record_columns()
            .refers("fk_bodies_pact", "pact_id", "pacts")
            .refers("fk_bodies_parent", "parent_id", "bodies")
            .index("ix_bodies_federation_name", &["federation_id", "name_key", "id"])
            .hidden_from_partners()
            .create(manager)
            .await?;

        TenantTable::part("body_members", "body_id", "bodies")
            .col(int("position"))
            .col(text("name"))
            .col(text_null("email"))
            .col(text("role"))
            .col(uuid_ref_null("centre_id"))
            .col(uuid_ref_null("partner_id"))
            .col(flag("voting"))
            .col(text_null("college"))
            .col(date_null("from_date"))
            .col(date_null("to_date"))
            .check(one_party("centre_id", "partner_id"))
            .refers("fk_body_members_centre", "centre_id", "centres")
            .refers("fk_body_members_partner", "partner_id", "partners")
            .index("ix_body_members_body", &["federation_id", "body_id", "position"])
            .hidden_from_partners()
            .create(manager)
            .await?;

        TenantTable::child("body_designations", "body_id", "position", "bodies")
            .col(int("year"))
            .col(text("role"))
            .col(uuid_ref("member_id"))
            .hidden_from_partners()
            .create(manager)
            .await?;

        let rulebooks = TenantTable::child("body_rulebooks", "body_id", "version", "bodies")
            .col(date("effective_from"))
            .col(ColumnDef::new("frequency_meetings").integer().null().take())
            .col(text_null("frequency_period"))
            .col(ColumnDef::new("notice_days").integer().null().take())
            .col(text_null("channel"));
        let rulebooks = threshold(rulebooks, "quorum", true)
            .col(text_null("quorum_counts"))
            .col(
                ColumnDef::new("quorum_waived_on_second_convocation")
                    .boolean()
                    .null()
                    .take(),
            )
            .col(ColumnDef::new("proxy_cap").integer().null().take());
        threshold(rulebooks, "majority", true)
            .col(text_null("majority_base"))
            .col(ColumnDef::new("casting_vote").boolean().null().take())
            .col(text_null("competence"))
            .col(uuid_ref_null("competence_body_id"))
            .refers("fk_body_rulebooks_competence_body", "competence_body_id", "bodies")
            .hidden_from_partners()
            .create(manager)
            .await?;

        let majorities = TenantTable::rows("body_majorities", "body_id", "bodies")
            .col(int("version"))
            .col(text("decision_kind"));
        threshold(majorities, "majority", false)
            .col(text("majority_base"))
            .primary_key(&["body_id", "version", "decision_kind"])
            .hidden_from_partners()
            .create(manager)
            .await?;

        TenantTable::root("meetings")
            .col(uuid_ref("body_id"))
            .col(timestamp("starts_at"))
            .col(int("utc_offset_minutes"))
            .col(text_null("place"))
            .col(text_null("video_link"))
            .col(uuid_ref_null("second_convocation_of"))
            .col(text("status"))
            .col(ColumnDef::new("rulebook_version").integer().null().take())
            .col(timestamp_null("convocation_sent_at"))
            .col(ColumnDef::new("convocation_days_ahead").integer().null().take())
            .col(text_null("urgent_reason"))
            .col(ColumnDef::new("quorum_voting_members").integer().null().take())
            .col(ColumnDef::new("quorum_present").integer().null().take())
            .col(ColumnDef::new("quorum_represented").integer().null().take())
            .col(ColumnDef::new("quorum_required").integer().null().take())
            .col(ColumnDef::new("quorum_reached").boolean().null().take())
            .col(ColumnDef::new("quorum_waived").boolean().null().take())
            .col(uuid_ref_null("chair_id"))
            .col(uuid_ref_null("secretary_id"))
            .col(text_null("minutes"))
            .col(uuid_ref_null("minutes_approved_by"))
            .col(text_null("cancellation_reason"))
            .record_columns()
            .refers("fk_meetings_body", "body_id", "bodies")
            .refers("fk_meetings_second_convocation_of", "second_convocation_of", "meetings")
            // A body's meetings by date: its page, its conformity report.
            .index(
                "ix_meetings_body_starts",
                &["federation_id", "body_id", "starts_at", "id"],
            )
            .hidden_from_partners()
            .create(manager)
            .await?;

        TenantTable::child("meeting_agenda", "meeting_id", "position", "meetings")
            .col(text("title"))
            .col(text_null("description"))
            .hidden_from_partners()
            .create(manager)
            .await?;

        TenantTable::child("meeting_recipients", "meeting_id", "position", "meetings")
            .col(uuid_ref("member_id"))
            .col(text("name"))
            .col(text_null("email"))
            .hidden_from_partners()
            .create(manager)
            .await?;

        TenantTable::child("meeting_attendance", "meeting_id", "position", "meetings")
            .col(uuid_ref("member_id"))
            .col(text("presence"))
            .col(uuid_ref_null("proxy_id"))
            .hidden_from_partners()
            .create(manager)
            .await?;

        let decisions = TenantTable::root("decisions")
            .col(uuid_ref("body_id"))
            .col(uuid_ref("meeting_id"))
            .col(ColumnDef::new("agenda_item").integer().null().take())
            .col(text("kind"))
            .col(text("text"))
            .col(text("votes_mode"))
            .col(int("votes_for"))
            .col(int("votes_against"))
            .col(int("votes_abstain"))
            .col(text_null("chair_vote"))
            .col(text("outcome"))
            .col(text("basis"))
            .col(ColumnDef::new("rulebook_version").integer().null().take());
        threshold(decisions, "majority", true)
            .col(text_null("majority_base"))
            .col(ColumnDef::new("base").integer().null().take())
            .col(ColumnDef::new("required").integer().null().take())
            .col(flag("casting_vote_used"))
            .record_columns()
            .refers("fk_decisions_body", "body_id", "bodies")
            .refers("fk_decisions_meeting", "meeting_id", "meetings")
            .index("ix_decisions_meeting", &["federation_id", "meeting_id", "id"])
            .index(
                "ix_decisions_body_kind",
                &["federation_id", "body_id", "kind", "outcome"],
            )
            .hidden_from_partners()
            .create(manager)
            .await?;

        TenantTable::child("decision_votes", "decision_id", "position", "decisions")
            .col(uuid_ref("member_id"))
            .col(text("choice"))
            .hidden_from_partners()
            .create(manager)
            .await?;

        TenantTable::child("decision_concerns", "decision_id", "position", "decisions")
            .col(uuid_ref_null("action_sheet_id"))
            .col(uuid_ref_null("convention_id"))
            .col(uuid_ref_null("pact_id"))
            .col(uuid_ref_null("meeting_id"))
            .refers("fk_decision_concerns_action_sheet", "action_sheet_id", "action_sheets")
            .refers("fk_decision_concerns_convention", "convention_id", "conventions")
            .refers("fk_decision_concerns_pact", "pact_id", "pacts")
            .refers("fk_decision_concerns_meeting", "meeting_id", "meetings")
            // What validated an action sheet: the directors' collective's competence, the sheet's decisions.
            .index(
                "ix_decision_concerns_action_sheet",
                &["federation_id", "action_sheet_id"],
            )
            .hidden_from_partners()
            .create(manager)
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "decision_concerns",
                "decision_votes",
                "decisions",
                "meeting_attendance",
                "meeting_recipients",
                "meeting_agenda",
                "meetings",
                "body_majorities",
                "body_rulebooks",
                "body_designations",
                "body_members",
                "bodies",
            ],
        )
        .await
    }
}
