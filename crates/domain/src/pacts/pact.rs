//! A pact as stored: its content, where it is in its lifecycle, and the amendments that changed it since its
//! signature. The audit log describes a change field by field, parts under their paths
//! (`axes.3.objectives.0.title`); signers' names are personal data and appear only as changed.

use chrono::NaiveDate;

use crate::audit::{AuditFields, Audited, FieldChange, PERSONAL_DATA, diff, diff_list};
use crate::ids::PactId;
use crate::record::{Record, RecordData};

use super::content::{Axis, Consultation, Objective, PactContent};
use super::lifecycle::{EffectiveStatus, PactStatus};
use super::signatories::Signatory;
use crate::agreement::Amendment;

pub type Pact = Record<PactId, PactData>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PactData {
    pub content: PactContent,
    pub status: PactStatus,
    /// Why it was terminated early, once it is.
    pub termination_reason: Option<String>,
    /// Oldest first.
    pub amendments: Vec<Amendment>,
}

impl PactData {
    /// A new pact: a draft, not amended.
    pub fn draft(content: PactContent) -> PactData {
        PactData {
            content,
            status: PactStatus::Draft,
            termination_reason: None,
            amendments: Vec::new(),
        }
    }

    pub fn effective_status(&self, today: NaiveDate) -> EffectiveStatus {
        EffectiveStatus::of(self.status, &self.content.period, today)
    }
}

impl RecordData for PactData {
    type Id = PactId;
}

fn joined(labels: &[crate::text::Label]) -> Option<String> {
    (!labels.is_empty()).then(|| labels.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", "))
}

impl AuditFields for PactContent {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("kind", Some(self.kind.code().to_owned())),
            ("title", Some(self.title.as_str().to_owned())),
            ("territoryId", self.territory_id.map(|t| t.to_string())),
            ("start", Some(self.period.start().to_string())),
            ("end", Some(self.period.end().to_string())),
            ("sequence", Some(self.sequence.to_string())),
            ("predecessorId", self.predecessor_id.map(|p| p.to_string())),
            ("preamble", self.preamble.clone()),
            ("values", joined(&self.values)),
            ("stakes", joined(&self.stakes)),
        ]
    }
}

impl AuditFields for Axis {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("title", Some(self.title.as_str().to_owned())),
            ("subtitle", self.subtitle.as_ref().map(|s| s.as_str().to_owned())),
        ]
    }
}

impl AuditFields for Objective {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        let criteria = self
            .criteria
            .iter()
            .map(|c| match &c.target {
                Some(target) => format!("{} ({})", c.label.as_str(), target.as_str()),
                None => c.label.as_str().to_owned(),
            })
            .collect::<Vec<_>>();
        vec![
            ("title", Some(self.title.as_str().to_owned())),
            ("description", self.description.clone()),
            ("criteria", (!criteria.is_empty()).then(|| criteria.join("; "))),
        ]
    }
}

impl AuditFields for Signatory {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("party", Some(self.party.to_string())),
            ("role", Some(self.role.code().to_owned())),
            ("signerName", Some(self.signer_name.as_str().to_owned())),
            ("signerTitle", self.signer_title.as_ref().map(|t| t.as_str().to_owned())),
            ("signedOn", self.signed_on.map(|d| d.to_string())),
        ]
    }
}

impl AuditFields for Consultation {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("group", Some(self.group.as_str().to_owned())),
            ("people", Some(self.people.to_string())),
            ("heldOn", Some(self.held_on.to_string())),
            ("summary", self.summary.clone()),
        ]
    }
}

impl PactContent {
    /// What changed between two contents, parts included under their paths.
    pub fn changes(before: Option<&PactContent>, after: &PactContent) -> Vec<FieldChange> {
        let mut changes = diff(before, after);
        let axes_before = before.map_or(&[][..], |b| &b.axes);
        changes.extend(diff_list("axes", axes_before, &after.axes));
        let empty: Vec<Objective> = Vec::new();
        for index in 0..axes_before.len().max(after.axes.len()) {
            let objectives = |axes: &[Axis]| axes.get(index).map_or(&empty[..], |a| &a.objectives[..]).to_vec();
            changes.extend(diff_list(
                &format!("axes.{index}.objectives"),
                &objectives(axes_before),
                &objectives(&after.axes),
            ));
        }
        let mut signatories = diff_list(
            "signatories",
            before.map_or(&[][..], |b| &b.signatories),
            &after.signatories,
        );
        for change in signatories.iter_mut().filter(|c| c.field.ends_with(".signerName")) {
            change.before = change.before.take().map(|_| PERSONAL_DATA.to_owned());
            change.after = change.after.take().map(|_| PERSONAL_DATA.to_owned());
        }
        changes.extend(signatories);
        changes.extend(diff_list(
            "consultations",
            before.map_or(&[][..], |b| &b.consultations),
            &after.consultations,
        ));
        changes
    }
}

impl AuditFields for PactData {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        let mut fields = self.content.audit_fields();
        fields.push(("status", Some(self.status.code().to_owned())));
        fields.push(("terminationReason", self.termination_reason.clone()));
        fields
    }
}

impl Audited for PactData {
    const ENTITY: &'static str = "Pact";

    fn changes(before: Option<&PactData>, after: &PactData) -> Vec<FieldChange> {
        let mut changes = PactContent::changes(before.map(|b| &b.content), &after.content);
        let state = |d: &PactData| vec![Some(d.status.code().to_owned()), d.termination_reason.clone()];
        let (old, new) = (before.map(state), state(after));
        for (i, field) in ["status", "terminationReason"].into_iter().enumerate() {
            let was = old.as_ref().and_then(|o| o[i].clone());
            if was != new[i] {
                changes.push(FieldChange {
                    field: field.to_owned(),
                    before: was,
                    after: new[i].clone(),
                });
            }
        }
        changes
    }
}

impl Pact {
    /// The value this pact sorts by in a list ordered by `field`: what a cursor records.
    pub fn sort_key(&self, field: super::PactOrderField) -> Option<crate::page::SortKey> {
        use crate::page::SortKey;
        match field {
            super::PactOrderField::Title => Some(SortKey::Text(self.data.content.title.folded())),
            super::PactOrderField::Start => Some(SortKey::Date(self.data.content.period.start())),
            super::PactOrderField::CreatedAt => None,
        }
    }
}
