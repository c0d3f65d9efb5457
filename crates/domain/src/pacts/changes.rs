//! What each write makes of a pact: an edit of the content before signature, a step of its lifecycle, an
//! amendment after. Each is a function of the current pact returning the new one; storing it (and recording
//! what changed) is the repository's.

use crate::agreement::{AmendmentDraft, termination_reason};
use crate::ids::PactId;
use crate::lifecycle::{Lifecycle, StateError};
use crate::validation::{FieldError, FieldErrorCode, ValidationErrors};

use super::action::{ActionSheetData, ActionSheetDraft, ActionStatus};
use super::content::{PactContent, PactDraft};
use super::lifecycle::{EffectiveStatus, PactEvent};
use super::pact::PactData;

impl PactData {
    /// The pact `id` with its content replaced by `draft`: only while the content is open (a signed pact changes
    /// through an amendment).
    pub fn edit(&self, id: PactId, draft: PactDraft) -> Result<PactData, ValidationErrors> {
        if !self.status.content_is_open() {
            return Err(StateError {
                state: self.status.code(),
                what: "an edit of the content (a signed pact changes only through an amendment)".to_owned(),
            }
            .on(&["id"]));
        }
        Ok(PactData {
            content: validated(draft, &self.content, id)?,
            ..self.clone()
        })
    }

    /// One step towards `to`: signing needs every signatory's signature, terminating a reason. Changes the
    /// status and the termination reason, nothing else.
    pub fn transition(&self, to: EffectiveStatus, reason: Option<&str>) -> Result<PactData, ValidationErrors> {
        let from = self.status;
        let event = from.event_towards(to).map_err(|e| e.on(&["to"]))?;
        let status = match event {
            PactEvent::Sign => from.sign(&self.content.signatories),
            other => from.apply(other),
        }
        .map_err(|e| e.on(&["to"]))?;
        let termination_reason = termination_reason(
            event == PactEvent::Terminate,
            reason,
            self.termination_reason.as_ref(),
            "pact",
        )?;
        Ok(PactData {
            status,
            termination_reason,
            ..self.clone()
        })
    }

    /// The signed pact `id` amended: its content as `draft` makes it, and the amendment, numbered after the
    /// others, recording what changed.
    pub fn amend(&self, id: PactId, amendment: AmendmentDraft, draft: PactDraft) -> Result<PactData, ValidationErrors> {
        let content = validated(draft, &self.content, id)?;
        let changes = PactContent::changes(Some(&self.content), &content);
        let amendments = amendment.appended_to(self.status, &self.amendments, changes)?;
        Ok(PactData {
            content,
            amendments,
            ..self.clone()
        })
    }
}

/// The new content of the pact `id`, which may not follow itself.
fn validated(draft: PactDraft, current: &PactContent, id: PactId) -> Result<PactContent, ValidationErrors> {
    if draft.predecessor_id == Some(id) {
        return Err(ValidationErrors::single(FieldError::new(
            &["content", "predecessorId"],
            FieldErrorCode::Invalid,
            "a pact does not follow itself",
        )));
    }
    draft.validate_against(current).map_err(|e| e.under("content"))
}

impl ActionSheetData {
    /// The sheet with the content of `draft` (its pact stays the one it was written for): not once its status
    /// is final.
    pub fn edit(&self, draft: ActionSheetDraft) -> Result<ActionSheetData, ValidationErrors> {
        if self.status.is_final() {
            return Err(StateError {
                state: self.status.code(),
                what: "an edit of the sheet".to_owned(),
            }
            .on(&["id"]));
        }
        let draft = ActionSheetDraft {
            pact_id: self.pact_id,
            ..draft
        };
        draft.validate_with(self.status)
    }

    /// One step of the sheet's lifecycle towards `to`: its status changes, nothing else.
    pub fn transition(&self, to: ActionStatus) -> Result<ActionSheetData, ValidationErrors> {
        let status = self.status.step_to(to).map_err(|e| e.on(&["to"]))?;
        Ok(ActionSheetData { status, ..self.clone() })
    }
}
