//! What each write makes of a convention: an edit of the content before signature, a step of its lifecycle, an
//! amendment after, payments recorded. Each is a function of the current convention returning the new one;
//! storing it (and recording what changed) is the repository's.

use crate::agreement::{AmendmentDraft, termination_reason};
use crate::ids::ConventionId;
use crate::lifecycle::StateError;
use crate::validation::{FieldError, FieldErrorCode, ValidationErrors};

use super::content::{ConventionContent, ConventionDraft};
use super::convention::ConventionData;
use super::lifecycle::{ConventionState, ConventionStatus};
use super::payment::{PaymentDraft, validate_payments};

impl ConventionData {
    /// The convention `id` with its content replaced by `draft`: only while the content is open (a signed
    /// convention changes through an amendment).
    pub fn edit(&self, id: ConventionId, draft: ConventionDraft) -> Result<ConventionData, ValidationErrors> {
        if !self.status.content_is_open() {
            return Err(StateError {
                state: self.status.code(),
                what: "an edit of the content (a signed convention changes only through an amendment)".to_owned(),
            }
            .on(&["id"]));
        }
        Ok(ConventionData {
            content: validated(draft, &self.content, id)?,
            ..self.clone()
        })
    }

    /// One step towards `to`; terminating needs a reason. Changes the status and the termination reason,
    /// nothing else.
    pub fn transition(&self, to: ConventionState, reason: Option<&str>) -> Result<ConventionData, ValidationErrors> {
        let status = self.status.step_towards(to).map_err(|e| e.on(&["to"]))?;
        let termination_reason = termination_reason(
            status == ConventionStatus::Terminated,
            reason,
            self.termination_reason.as_ref(),
            "convention",
        )?;
        Ok(ConventionData {
            status,
            termination_reason,
            ..self.clone()
        })
    }

    /// The signed convention `id` amended: its content as `draft` makes it, and the amendment, numbered after
    /// the others, recording what changed.
    pub fn amend(
        &self,
        id: ConventionId,
        amendment: AmendmentDraft,
        draft: ConventionDraft,
    ) -> Result<ConventionData, ValidationErrors> {
        let content = validated(draft, &self.content, id)?;
        let changes = ConventionContent::changes(Some(&self.content), &content);
        let amendments = amendment.appended_to(self.status, &self.amendments, changes)?;
        Ok(ConventionData {
            content,
            amendments,
            ..self.clone()
        })
    }

    /// The convention with `payments` recorded after the others; those already recorded (same idempotency key)
    /// are not recorded twice. Also the number of payments added.
    pub fn record_payments(&self, payments: Vec<PaymentDraft>) -> Result<(ConventionData, usize), ValidationErrors> {
        let added = validate_payments(&self.content, &self.payments, payments)?;
        let count = added.len();
        let mut recorded = self.clone();
        recorded.payments.extend(added);
        Ok((recorded, count))
    }
}

/// The new content of the convention `id`, which may not renew itself.
fn validated(
    draft: ConventionDraft,
    current: &ConventionContent,
    id: ConventionId,
) -> Result<ConventionContent, ValidationErrors> {
    if draft.renews == Some(id) {
        return Err(ValidationErrors::single(FieldError::new(
            &["content", "renewsId"],
            FieldErrorCode::Invalid,
            "a convention does not renew itself",
        )));
    }
    draft.validate_against(current).map_err(|e| e.under("content"))
}
