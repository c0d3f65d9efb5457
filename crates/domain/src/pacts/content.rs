//! A pact's content: what it says (title, period, preamble, values, stakes, axes and their objectives) and who
//! was consulted while it was drafted. A `PactDraft` (raw input) becomes `PactContent` through `validate()`, which
//! reports every invalid field with its input path (`axes.1.objectives.0.title`).

use chrono::NaiveDate;

use crate::ids::{AxisId, EntityId, ObjectiveId, PactId, TerritoryId};
use crate::text::{Label, fold, non_blank};
use crate::validation::{FieldError, FieldErrorCode, ValidationErrors, Validator};

use super::kinds::PactKind;
use super::signatories::{Signatory, SignatoryDraft, validate_signatories};
use crate::agreement::{MAX_TEXT, Period};

const MAX_ITEMS: usize = 50;

/// How an objective is evaluated: a criterion, with the value aimed at if there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Criterion {
    pub label: Label,
    pub target: Option<Label>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Objective {
    pub id: ObjectiveId,
    pub title: Label,
    pub description: Option<String>,
    pub criteria: Vec<Criterion>,
}

/// An axis (*axe*) of the pact, with its objectives in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Axis {
    pub id: AxisId,
    pub title: Label,
    pub subtitle: Option<Label>,
    pub objectives: Vec<Objective>,
}

/// Who was consulted while the pact was drafted: users, employees, board members, partners, inhabitants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consultation {
    pub group: Label,
    pub people: u32,
    pub held_on: NaiveDate,
    pub summary: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PactContent {
    pub kind: PactKind,
    pub title: Label,
    /// `None` for a pact of the whole federation.
    pub territory_id: Option<TerritoryId>,
    pub period: Period,
    /// 2 for a "deuxième pacte".
    pub sequence: u16,
    /// The pact this one follows, if it is recorded.
    pub predecessor_id: Option<PactId>,
    pub preamble: Option<String>,
    /// The values the signatories share (dignité humaine, solidarité, démocratie…).
    pub values: Vec<Label>,
    /// The priority stakes (*enjeux*: mobilité, participation des habitants…).
    pub stakes: Vec<Label>,
    pub axes: Vec<Axis>,
    pub signatories: Vec<Signatory>,
    pub consultations: Vec<Consultation>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CriterionDraft {
    pub label: String,
    pub target: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjectiveDraft {
    /// The objective's id when the pact already has it (it keeps its action sheets); `None` for a new one.
    pub id: Option<ObjectiveId>,
    pub title: String,
    pub description: Option<String>,
    pub criteria: Vec<CriterionDraft>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AxisDraft {
    /// The axis's id when the pact already has it; `None` for a new one.
    pub id: Option<AxisId>,
    pub title: String,
    pub subtitle: Option<String>,
    pub objectives: Vec<ObjectiveDraft>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsultationDraft {
    pub group: String,
    pub people: i64,
    pub held_on: NaiveDate,
    pub summary: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PactDraft {
    pub kind: PactKind,
    pub title: String,
    pub territory_id: Option<TerritoryId>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub sequence: i64,
    pub predecessor_id: Option<PactId>,
    pub preamble: Option<String>,
    pub values: Vec<String>,
    pub stakes: Vec<String>,
    pub axes: Vec<AxisDraft>,
    pub signatories: Vec<SignatoryDraft>,
    pub consultations: Vec<ConsultationDraft>,
}

/// Free text: blank is absent, and it has at most [`MAX_TEXT`] characters.
fn text(v: &mut Validator, field: &[&str], raw: Option<&str>) -> Option<String> {
    let text = non_blank(raw)?.trim().to_owned();
    if text.chars().count() > MAX_TEXT {
        v.invalid(field, format!("at most {MAX_TEXT} characters"));
    }
    Some(text)
}

/// A list of labels (values, stakes): each one valid, none twice (ignoring case and accents).
fn labels(v: &mut Validator, field: &str, raw: &[String]) -> Vec<Label> {
    if raw.len() > MAX_ITEMS {
        v.invalid(&[field], format!("at most {MAX_ITEMS} items"));
    }
    let mut kept: Vec<Label> = Vec::with_capacity(raw.len());
    for (i, item) in raw.iter().enumerate() {
        let index = i.to_string();
        if let Some(label) = v.check(&[field, &index], Label::parse(item)) {
            if kept.iter().any(|k| k.folded() == label.folded()) {
                v.invalid(&[field, &index], format!("{} is listed twice", label.as_str()));
            }
            kept.push(label);
        }
    }
    kept
}

/// The ids a pact already has: what an edit may keep.
#[derive(Default)]
struct Known {
    axes: Vec<AxisId>,
    objectives: Vec<ObjectiveId>,
}

/// The id an element keeps, or a new one; an id the pact does not have is refused (`NOT_FOUND`), and so is an id
/// given twice.
fn keep_or_new<Id: EntityId>(v: &mut Validator, given: Option<Id>, known: &[Id], seen: &mut Vec<Id>) -> Option<Id> {
    match given {
        None => Some(Id::generate()),
        Some(id) if seen.contains(&id) => {
            v.invalid(&["id"], "this id is given twice");
            None
        }
        Some(id) if known.contains(&id) => {
            seen.push(id);
            Some(id)
        }
        Some(_) => {
            v.push(FieldError::new(
                &["id"],
                FieldErrorCode::NotFound,
                "this pact has no such element",
            ));
            None
        }
    }
}

fn objective(v: &mut Validator, raw: &ObjectiveDraft, known: &Known, seen: &mut Vec<ObjectiveId>) -> Option<Objective> {
    let id = keep_or_new(v, raw.id, &known.objectives, seen);
    let title = v.check(&["title"], Label::parse(&raw.title));
    let description = text(v, &["description"], raw.description.as_deref());
    if raw.criteria.len() > MAX_ITEMS {
        v.invalid(&["criteria"], format!("at most {MAX_ITEMS} criteria"));
    }
    let criteria: Vec<Option<Criterion>> = raw
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            v.nested(&["criteria", &i.to_string()], |v| {
                let label = v.check(&["label"], Label::parse(&c.label));
                let target = v.check_optional(&["target"], non_blank(c.target.as_deref()), Label::parse);
                Some(Criterion { label: label?, target })
            })
        })
        .collect();
    Some(Objective {
        id: id?,
        title: title?,
        description,
        criteria: criteria.into_iter().collect::<Option<Vec<_>>>()?,
    })
}

fn axis(v: &mut Validator, raw: &AxisDraft, known: &Known, seen: &mut (Vec<AxisId>, Vec<ObjectiveId>)) -> Option<Axis> {
    let id = keep_or_new(v, raw.id, &known.axes, &mut seen.0);
    let title = v.check(&["title"], Label::parse(&raw.title));
    let subtitle = v.check_optional(&["subtitle"], non_blank(raw.subtitle.as_deref()), Label::parse);
    if raw.objectives.len() > MAX_ITEMS {
        v.invalid(&["objectives"], format!("at most {MAX_ITEMS} objectives"));
    }
    let objectives: Vec<Option<Objective>> = raw
        .objectives
        .iter()
        .enumerate()
        .map(|(i, o)| v.nested(&["objectives", &i.to_string()], |v| objective(v, o, known, &mut seen.1)))
        .collect();
    Some(Axis {
        id: id?,
        title: title?,
        subtitle,
        objectives: objectives.into_iter().collect::<Option<Vec<_>>>()?,
    })
}

fn consultation(v: &mut Validator, raw: &ConsultationDraft) -> Option<Consultation> {
    let group = v.check(&["group"], Label::parse(&raw.group));
    let people = match u32::try_from(raw.people) {
        Ok(n) if n >= 1 => Some(n),
        _ => {
            v.invalid(&["people"], "at least one person");
            None
        }
    };
    let summary = text(v, &["summary"], raw.summary.as_deref());
    Some(Consultation {
        group: group?,
        people: people?,
        held_on: raw.held_on,
        summary,
    })
}

impl PactDraft {
    /// The content of a new pact: every axis and objective is new (an id given is refused).
    pub fn validate(self) -> Result<PactContent, ValidationErrors> {
        self.validate_with(&Known::default())
    }

    /// The content after an edit of `current`: axes and objectives given with one of its ids keep it.
    pub fn validate_against(self, current: &PactContent) -> Result<PactContent, ValidationErrors> {
        let known = Known {
            axes: current.axes.iter().map(|a| a.id).collect(),
            objectives: current
                .axes
                .iter()
                .flat_map(|a| a.objectives.iter().map(|o| o.id))
                .collect(),
        };
        self.validate_with(&known)
    }

    fn validate_with(self, known: &Known) -> Result<PactContent, ValidationErrors> {
        let mut v = Validator::new();
        let title = v.check(&["title"], Label::parse(&self.title));
        let period = v.check(&["endDate"], Period::new(self.start, self.end));
        let sequence = match u16::try_from(self.sequence) {
            Ok(n) if (1..=99).contains(&n) => Some(n),
            _ => {
                v.invalid(&["sequence"], "a pact's sequence is between 1 (the first) and 99");
                None
            }
        };
        if self.sequence == 1 && self.predecessor_id.is_some() {
            v.invalid(&["predecessorId"], "the first pact (sequence 1) follows no other");
        }
        let preamble = text(&mut v, &["preamble"], self.preamble.as_deref());
        let values = labels(&mut v, "values", &self.values);
        let stakes = labels(&mut v, "stakes", &self.stakes);
        if self.axes.len() > MAX_ITEMS {
            v.invalid(&["axes"], format!("at most {MAX_ITEMS} axes"));
        }
        let mut seen = (Vec::new(), Vec::new());
        let axes: Vec<Option<Axis>> = self
            .axes
            .iter()
            .enumerate()
            .map(|(i, a)| v.nested(&["axes", &i.to_string()], |v| axis(v, a, known, &mut seen)))
            .collect();
        let signatories = validate_signatories(&mut v, &self.signatories);
        if self.consultations.len() > MAX_ITEMS {
            v.invalid(&["consultations"], format!("at most {MAX_ITEMS} consultations"));
        }
        let consultations: Vec<Option<Consultation>> = self
            .consultations
            .iter()
            .enumerate()
            .map(|(i, c)| v.nested(&["consultations", &i.to_string()], |v| consultation(v, c)))
            .collect();
        v.finish(|| {
            Some(PactContent {
                kind: self.kind,
                title: title?,
                territory_id: self.territory_id,
                period: period?,
                sequence: sequence?,
                predecessor_id: self.predecessor_id,
                preamble,
                values,
                stakes,
                axes: axes.into_iter().collect::<Option<Vec<_>>>()?,
                signatories: signatories?,
                consultations: consultations.into_iter().collect::<Option<Vec<_>>>()?,
            })
        })
    }
}

impl PactContent {
    /// The content as input again, ids included: what an edit or an amendment starts from.
    pub fn to_draft(&self) -> PactDraft {
        let owned = |l: &Label| l.as_str().to_owned();
        PactDraft {
            kind: self.kind,
            title: owned(&self.title),
            territory_id: self.territory_id,
            start: self.period.start(),
            end: self.period.end(),
            sequence: i64::from(self.sequence),
            predecessor_id: self.predecessor_id,
            preamble: self.preamble.clone(),
            values: self.values.iter().map(owned).collect(),
            stakes: self.stakes.iter().map(owned).collect(),
            axes: self
                .axes
                .iter()
                .map(|a| AxisDraft {
                    id: Some(a.id),
                    title: owned(&a.title),
                    subtitle: a.subtitle.as_ref().map(owned),
                    objectives: a
                        .objectives
                        .iter()
                        .map(|o| ObjectiveDraft {
                            id: Some(o.id),
                            title: owned(&o.title),
                            description: o.description.clone(),
                            criteria: o
                                .criteria
                                .iter()
                                .map(|c| CriterionDraft {
                                    label: owned(&c.label),
                                    target: c.target.as_ref().map(owned),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
            signatories: self.signatories.iter().map(Signatory::to_draft).collect(),
            consultations: self
                .consultations
                .iter()
                .map(|c| ConsultationDraft {
                    group: owned(&c.group),
                    people: i64::from(c.people),
                    held_on: c.held_on,
                    summary: c.summary.clone(),
                })
                .collect(),
        }
    }

    /// Whether `name` is one of its stakes, ignoring case and accents.
    pub fn has_stake(&self, name: &str) -> bool {
        let wanted = fold(name);
        self.stakes.iter().any(|s| s.folded() == wanted)
    }
}
