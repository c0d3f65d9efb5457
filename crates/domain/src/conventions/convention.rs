//! A convention as stored: its content, where it is in its lifecycle, the amendments that changed it since its
//! signature, and the payments made against its funding lines.

use chrono::NaiveDate;

use crate::agreement::Amendment;
use crate::audit::{AuditFields, Audited, FieldChange, diff, diff_list};
use crate::ids::ConventionId;
use crate::money::Money;
use crate::record::{Record, RecordData};

use super::content::{ConventionContent, ConventionParty, FundingLine};
use super::lifecycle::{ConventionState, ConventionStatus};
use super::payment::{Payment, paid};

pub type Convention = Record<ConventionId, ConventionData>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConventionData {
    pub content: ConventionContent,
    pub status: ConventionStatus,
    pub termination_reason: Option<String>,
    /// Oldest first.
    pub amendments: Vec<Amendment>,
    /// In the order recorded.
    pub payments: Vec<Payment>,
}

impl ConventionData {
    /// A new convention: a draft, not amended, nothing paid.
    pub fn draft(content: ConventionContent) -> ConventionData {
        ConventionData {
            content,
            status: ConventionStatus::Draft,
            termination_reason: None,
            amendments: Vec::new(),
            payments: Vec::new(),
        }
    }

    pub fn state(&self, today: NaiveDate) -> ConventionState {
        ConventionState::of(self.status, &self.content.period, today)
    }

    /// What the line has been paid.
    pub fn paid(&self, line: &FundingLine) -> Money {
        paid(line.id, &self.payments).unwrap_or(Money::ZERO)
    }
}

impl RecordData for ConventionData {
    type Id = ConventionId;
}

impl AuditFields for ConventionContent {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        let objectives = self
            .objectives
            .iter()
            .map(|o| o.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let sheets = self
            .action_sheets
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        vec![
            ("kind", Some(self.kind.code().to_owned())),
            ("reference", Some(self.reference.as_str().to_owned())),
            ("title", Some(self.title.as_str().to_owned())),
            ("objectives", (!objectives.is_empty()).then_some(objectives)),
            ("start", Some(self.period.start().to_string())),
            ("end", Some(self.period.end().to_string())),
            ("renews", self.renews.map(|r| r.to_string())),
            ("pactId", self.pact_id.map(|p| p.to_string())),
            ("actionSheetIds", (!sheets.is_empty()).then_some(sheets)),
        ]
    }
}

impl AuditFields for ConventionParty {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("party", Some(self.party.to_string())),
            ("role", Some(self.role.code().to_owned())),
        ]
    }
}

impl AuditFields for FundingLine {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("funder", Some(self.funder.to_string())),
            ("beneficiary", Some(self.beneficiary.to_string())),
            ("year", Some(self.year.to_string())),
            ("nature", Some(self.nature.code().to_owned())),
            ("committed", Some(self.committed.to_string())),
            ("overpaymentAllowed", Some(self.overpayment_allowed.to_string())),
        ]
    }
}

impl AuditFields for Payment {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("lineId", Some(self.line_id.to_string())),
            ("paidOn", Some(self.paid_on.to_string())),
            ("amount", Some(self.amount.to_string())),
            ("reference", self.reference.as_ref().map(|r| r.as_str().to_owned())),
            ("idempotencyKey", Some(self.idempotency_key.clone())),
        ]
    }
}

impl ConventionContent {
    /// What changed between two contents, parts included under their paths.
    pub fn changes(before: Option<&ConventionContent>, after: &ConventionContent) -> Vec<FieldChange> {
        let mut changes = diff(before, after);
        changes.extend(diff_list(
            "parties",
            before.map_or(&[][..], |b| &b.parties),
            &after.parties,
        ));
        changes.extend(diff_list("lines", before.map_or(&[][..], |b| &b.lines), &after.lines));
        changes
    }
}

impl AuditFields for ConventionData {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        let mut fields = self.content.audit_fields();
        fields.push(("status", Some(self.status.code().to_owned())));
        fields.push(("terminationReason", self.termination_reason.clone()));
        fields
    }
}

impl Audited for ConventionData {
    const ENTITY: &'static str = "Convention";

    fn changes(before: Option<&ConventionData>, after: &ConventionData) -> Vec<FieldChange> {
        let mut changes = ConventionContent::changes(before.map(|b| &b.content), &after.content);
        let state = |d: &ConventionData| [Some(d.status.code().to_owned()), d.termination_reason.clone()];
        let old = before.map(state);
        for (i, field) in ["status", "terminationReason"].into_iter().enumerate() {
            let (was, now) = (old.as_ref().and_then(|o| o[i].clone()), state(after)[i].clone());
            if was != now {
                changes.push(FieldChange {
                    field: field.to_owned(),
                    before: was,
                    after: now,
                });
            }
        }
        changes.extend(diff_list(
            "payments",
            before.map_or(&[][..], |b| &b.payments),
            &after.payments,
        ));
        changes
    }
}

impl Convention {
    /// The value this convention sorts by in a list ordered by `field`: what a cursor records.
    pub fn sort_key(&self, field: super::ConventionOrderField) -> Option<crate::page::SortKey> {
        use crate::page::SortKey;
        match field {
            super::ConventionOrderField::Reference => Some(SortKey::Text(self.data.content.reference.folded())),
            super::ConventionOrderField::End => Some(SortKey::Date(self.data.content.period.end())),
            super::ConventionOrderField::CreatedAt => None,
        }
    }
}
