//! Amendments (*avenants*): once an agreement (a pact, a convention) is signed, its content changes only through one. Each is numbered in
//! order, dated, described, and records the fields it changed, so the pact shows its current content and how
//! it got there; nothing is overwritten silently.

use chrono::NaiveDate;

use crate::audit::FieldChange;
use crate::lifecycle::StateError;
use crate::text::non_blank;
use crate::validation::{ValidationErrors, Validator};

use super::MAX_TEXT;
use crate::coded::Coded;

/// A stored status under which the content is frozen once signed: amended, never edited.
pub trait Amendable: Coded {
    fn is_signed(self) -> bool;
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amendment {
    /// 1 for the first *avenant*.
    pub number: u32,
    pub dated: NaiveDate,
    pub description: String,
    /// What it changed in the pact's content, field by field (`axes.1.objectives.0.title`).
    pub changes: Vec<FieldChange>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmendmentDraft {
    pub dated: NaiveDate,
    pub description: String,
}

impl AmendmentDraft {
    /// `previous` with this amendment appended ([`AmendmentDraft::validate`]), its errors under `amendment`.
    pub fn appended_to<S: Amendable>(
        self,
        status: S,
        previous: &[Amendment],
        changes: Vec<FieldChange>,
    ) -> Result<Vec<Amendment>, ValidationErrors> {
        let amendment = self
            .validate(status, previous, changes)
            .map_err(|e| e.under("amendment"))?;
        let mut amendments = previous.to_vec();
        amendments.push(amendment);
        Ok(amendments)
    }

    /// The amendment numbered after `previous`, recording `changes`; refused unless the pact is signed (before
    /// signature the content is edited directly) and the amendment changes something.
    pub fn validate<S: Amendable>(
        self,
        status: S,
        previous: &[Amendment],
        changes: Vec<FieldChange>,
    ) -> Result<Amendment, ValidationErrors> {
        if !status.is_signed() {
            return Err(StateError {
                state: status.code(),
                what: "an amendment (only a signed agreement is amended; edit a draft directly)".to_owned(),
            }
            .on(&["id"]));
        }
        let mut v = Validator::new();
        let description = match non_blank(Some(&self.description)) {
            None => {
                v.invalid(&["description"], "say what the amendment changes and why");
                None
            }
            Some(text) if text.chars().count() > MAX_TEXT => {
                v.invalid(&["description"], format!("at most {MAX_TEXT} characters"));
                None
            }
            Some(text) => Some(text.trim().to_owned()),
        };
        if changes.is_empty() {
            v.invalid(&["changes"], "the amendment changes nothing");
        }
        if let Some(last) = previous.iter().map(|a| a.dated).max()
            && self.dated < last
        {
            v.invalid(
                &["dated"],
                format!("an amendment is dated on or after the previous one ({last})"),
            );
        }
        let number = previous.iter().map(|a| a.number).max().unwrap_or(0) + 1;
        v.finish(|| {
            Some(Amendment {
                number,
                dated: self.dated,
                description: description?,
                changes,
            })
        })
    }
}
