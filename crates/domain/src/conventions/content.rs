//! A convention's content: what it commits and who to. A `ConventionDraft` (raw input) becomes
//! `ConventionContent` through `validate()`, which reports every invalid field with its input path
//! (`lines.2.year`). A convention has at least one funder unless it only makes premises or staff available;
//! each funding line's funder is a funding party, its beneficiary a beneficiary, its year within the period.

use chrono::{Datelike, NaiveDate};

use crate::agreement::{MAX_TEXT, Party, Period};
use crate::ids::{ActionSheetId, ConventionId, FundingLineId, PactId};
use crate::money::Money;
use crate::text::Label;
use crate::validation::{ValidationErrors, Validator};

use super::kinds::{ConventionKind, ConventionRole, FundingNature};

const MAX_ITEMS: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConventionParty {
    pub party: Party,
    pub role: ConventionRole,
}

/// What one funder commits to one beneficiary for one year, of one nature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FundingLine {
    /// Stable across edits and amendments: payments refer to it.
    pub id: FundingLineId,
    pub funder: Party,
    pub beneficiary: Party,
    pub year: i32,
    pub nature: FundingNature,
    pub committed: Money,
    /// Whether payments may add up to more than the committed amount (an explicit decision, never a default).
    pub overpayment_allowed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConventionContent {
    pub kind: ConventionKind,
    /// The convention's reference number, unique within the federation ("CAF59-COF-2014-017").
    pub reference: Label,
    pub title: Label,
    pub objectives: Vec<Label>,
    pub period: Period,
    /// The convention this one renews.
    pub renews: Option<ConventionId>,
    /// The pact or charter an annex convention is attached to.
    pub pact_id: Option<PactId>,
    /// The action sheets of that pact an annex convention covers.
    pub action_sheets: Vec<ActionSheetId>,
    pub parties: Vec<ConventionParty>,
    pub lines: Vec<FundingLine>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FundingLineDraft {
    /// The line's id, to keep a line the convention has (its payments stay with it); `None` for a new one.
    pub id: Option<FundingLineId>,
    pub funder: Party,
    pub beneficiary: Party,
    pub year: i32,
    pub nature: FundingNature,
    pub committed: Money,
    pub overpayment_allowed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConventionDraft {
    pub kind: ConventionKind,
    pub reference: String,
    pub title: String,
    pub objectives: Vec<String>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub renews: Option<ConventionId>,
    pub pact_id: Option<PactId>,
    pub action_sheets: Vec<ActionSheetId>,
    pub parties: Vec<ConventionParty>,
    pub lines: Vec<FundingLineDraft>,
}

impl ConventionDraft {
    /// A new convention's content: new lines get new ids.
    pub fn validate(self) -> Result<ConventionContent, ValidationErrors> {
        self.validate_with(&[])
    }

    /// The content replacing `current`'s: a line given with the id of one of `current`'s keeps it.
    pub fn validate_against(self, current: &ConventionContent) -> Result<ConventionContent, ValidationErrors> {
        let known: Vec<FundingLineId> = current.lines.iter().map(|l| l.id).collect();
        self.validate_with(&known)
    }

    fn validate_with(self, known_lines: &[FundingLineId]) -> Result<ConventionContent, ValidationErrors> {
        let mut v = Validator::new();
        let reference = v.check(&["reference"], Label::parse(&self.reference));
        let title = v.check(&["title"], Label::parse(&self.title));
        let period = v.check(&["endDate"], Period::new(self.start, self.end));
        if self.objectives.len() > MAX_ITEMS {
            v.invalid(&["objectives"], format!("at most {MAX_ITEMS} objectives"));
        }
        let objectives: Vec<Option<Label>> = self
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| {
                if o.chars().count() > MAX_TEXT {
                    v.invalid(
                        &["objectives", &i.to_string()],
                        format!("at most {MAX_TEXT} characters"),
                    );
                    return None;
                }
                v.check(&["objectives", &i.to_string()], Label::parse(o))
            })
            .collect();
        match (self.kind, self.pact_id) {
            (ConventionKind::Annexe, None) => v.invalid(&["pactId"], "an annex convention is attached to a pact"),
            (kind, Some(_)) if kind != ConventionKind::Annexe => {
                v.invalid(&["pactId"], "only an annex convention is attached to a pact")
            }
            _ => {}
        }
        if !self.action_sheets.is_empty() && self.pact_id.is_none() {
            v.invalid(
                &["actionSheetIds"],
                "action sheets are those of the pact the annex is attached to",
            );
        }
        if self.parties.is_empty() {
            v.invalid(&["parties"], "a convention has at least one party");
        }
        if self.parties.len() > MAX_ITEMS || self.lines.len() > MAX_ITEMS {
            v.invalid(&["lines"], format!("at most {MAX_ITEMS} parties and {MAX_ITEMS} lines"));
        }
        for (i, p) in self.parties.iter().enumerate() {
            if self.parties[..i].contains(p) {
                v.invalid(&["parties", &i.to_string()], "this party already has this role here");
            }
        }
        let has = |party: Party, role: ConventionRole| self.parties.contains(&ConventionParty { party, role });
        if self.kind != ConventionKind::MiseADisposition
            && !self.parties.iter().any(|p| p.role == ConventionRole::Funder)
        {
            v.invalid(
                &["parties"],
                "a convention has at least one funder, unless it makes premises or staff available",
            );
        }
        let mut lines = Vec::with_capacity(self.lines.len());
        for (i, line) in self.lines.iter().enumerate() {
            let index = i.to_string();
            let kept = v.nested(&["lines", &index], |v| {
                if !has(line.funder, ConventionRole::Funder) {
                    v.invalid(
                        &["funder"],
                        "the funder is a party of the convention with the FUNDER role",
                    );
                }
                if !has(line.beneficiary, ConventionRole::Beneficiary) {
                    v.invalid(
                        &["beneficiary"],
                        "the beneficiary is a party of the convention with the BENEFICIARY role",
                    );
                }
                if let Some(period) = &period
                    && !period.overlaps_year(line.year)
                {
                    v.invalid(
                        &["year"],
                        format!(
                            "{} is outside the convention's period ({} to {})",
                            line.year,
                            period.start().year(),
                            period.end().year()
                        ),
                    );
                }
                if line.committed.is_negative() {
                    v.invalid(&["committed"], "a committed amount is not negative");
                }
                if let Some(id) = line.id
                    && !known_lines.contains(&id)
                {
                    v.invalid(&["id"], "this convention has no such line");
                }
                let same = |other: &FundingLineDraft| {
                    (other.funder, other.beneficiary, other.year, other.nature)
                        == (line.funder, line.beneficiary, line.year, line.nature)
                };
                if self.lines[..i].iter().any(same) {
                    v.invalid(
                        &["year"],
                        "this funder already has a line for this beneficiary, year and nature",
                    );
                }
                if self.lines[..i]
                    .iter()
                    .any(|other| other.id.is_some() && other.id == line.id)
                {
                    v.invalid(&["id"], "this line is given twice");
                }
                Some(FundingLine {
                    id: line.id.unwrap_or_else(FundingLineId::generate),
                    funder: line.funder,
                    beneficiary: line.beneficiary,
                    year: line.year,
                    nature: line.nature,
                    committed: line.committed,
                    overpayment_allowed: line.overpayment_allowed,
                })
            });
            lines.push(kept);
        }
        if lines
            .iter()
            .flatten()
            .try_fold(Money::ZERO, |sum, l| sum.checked_add(l.committed))
            .is_none()
        {
            v.invalid(&["lines"], "the committed amounts add up past what an amount can hold");
        }
        v.finish(|| {
            Some(ConventionContent {
                kind: self.kind,
                reference: reference?,
                title: title?,
                objectives: objectives.into_iter().collect::<Option<Vec<_>>>()?,
                period: period?,
                renews: self.renews,
                pact_id: self.pact_id,
                action_sheets: self.action_sheets,
                parties: self.parties,
                lines: lines.into_iter().collect::<Option<Vec<_>>>()?,
            })
        })
    }
}

impl ConventionContent {
    /// The draft this content would be edited from: what an edit that changes nothing gives back.
    pub fn to_draft(&self) -> ConventionDraft {
        ConventionDraft {
            kind: self.kind,
            reference: self.reference.as_str().to_owned(),
            title: self.title.as_str().to_owned(),
            objectives: self.objectives.iter().map(|o| o.as_str().to_owned()).collect(),
            start: self.period.start(),
            end: self.period.end(),
            renews: self.renews,
            pact_id: self.pact_id,
            action_sheets: self.action_sheets.clone(),
            parties: self.parties.clone(),
            lines: self
                .lines
                .iter()
                .map(|l| FundingLineDraft {
                    id: Some(l.id),
                    funder: l.funder,
                    beneficiary: l.beneficiary,
                    year: l.year,
                    nature: l.nature,
                    committed: l.committed,
                    overpayment_allowed: l.overpayment_allowed,
                })
                .collect(),
        }
    }

    pub fn line(&self, id: FundingLineId) -> Option<&FundingLine> {
        self.lines.iter().find(|l| l.id == id)
    }

    /// Whether `party` is a party of the convention, in any role.
    pub fn binds(&self, party: Party) -> bool {
        self.parties.iter().any(|p| p.party == party)
    }
}
