//! Action sheets (*fiches action*): one action carried out under a pact — optionally towards one of its
//! objectives — with the role of each actor, its own objectives, and its means, each pooled (*mutualisé*),
//! requested (*sollicité*) or the actor's own, with an optional amount. As the Calaisis charter puts it: "chaque
//! action donnera lieu à la rédaction d'une fiche action qui définira les rôles de chaque acteur, les objectifs
//! définis et les moyens mis en œuvre, mutualisés ou sollicités".

use crate::audit::{AuditFields, Audited, FieldChange, diff, diff_list};
use crate::coded::coded_enum;
use crate::ids::{ActionSheetId, ObjectiveId, PactId};
use crate::lifecycle::Lifecycle;
use crate::money::Money;
use crate::record::{Record, RecordData};
use crate::text::{Label, non_blank};
use crate::validation::{ValidationErrors, Validator};

use super::signatories::Party;
use crate::agreement::{MAX_TEXT, Period};

const MAX_ITEMS: usize = 50;

coded_enum!(
    /// Where an action stands.
    ActionStatus {
        Planned => "PLANNED",
        InProgress => "IN_PROGRESS",
        Done => "DONE",
        Cancelled => "CANCELLED",
    }
);

coded_enum!(ActionEvent {
    Start => "START",
    Finish => "FINISH",
    Cancel => "CANCEL",
});

impl Lifecycle for ActionStatus {
    type Event = ActionEvent;
    const STEPS: &'static [(ActionStatus, ActionEvent, ActionStatus)] = &[
        (ActionStatus::Planned, ActionEvent::Start, ActionStatus::InProgress),
        (ActionStatus::Planned, ActionEvent::Cancel, ActionStatus::Cancelled),
        (ActionStatus::InProgress, ActionEvent::Finish, ActionStatus::Done),
        (ActionStatus::InProgress, ActionEvent::Cancel, ActionStatus::Cancelled),
    ];
}

coded_enum!(
    /// How a means is provided.
    MeansKind {
        /// Mutualisé: shared between the members.
        Pooled => "POOLED",
        /// Sollicité: asked of a partner.
        Requested => "REQUESTED",
        /// The actor's own.
        Own => "OWN",
    }
);

/// What one actor does in the action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorRole {
    pub actor: Party,
    /// The role in words ("porteur de l'action", "mise à disposition d'un animateur").
    pub role: Label,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Means {
    pub kind: MeansKind,
    pub description: Label,
    /// Who provides it, or is asked for it.
    pub actor: Party,
    pub amount: Option<Money>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionSheetData {
    pub pact_id: PactId,
    /// The pact's objective it serves, if one.
    pub objective_id: Option<ObjectiveId>,
    pub title: Label,
    pub description: Option<String>,
    pub period: Option<Period>,
    pub status: ActionStatus,
    /// Who leads it (le porteur).
    pub lead: Option<Party>,
    pub roles: Vec<ActorRole>,
    /// The action's own objectives, in words.
    pub objectives: Vec<Label>,
    pub means: Vec<Means>,
}

pub type ActionSheet = Record<ActionSheetId, ActionSheetData>;

impl RecordData for ActionSheetData {
    type Id = ActionSheetId;
}

impl ActionSheetData {
    /// Whether `party` takes part: leads it, has a role in it, or provides or is asked for a means.
    pub fn involves(&self, party: Party) -> bool {
        self.lead == Some(party)
            || self.roles.iter().any(|r| r.actor == party)
            || self.means.iter().any(|m| m.actor == party)
    }

    /// The draft this sheet would be edited from: what an edit that changes nothing gives back.
    pub fn to_draft(&self) -> ActionSheetDraft {
        ActionSheetDraft {
            pact_id: self.pact_id,
            objective_id: self.objective_id,
            title: self.title.as_str().to_owned(),
            description: self.description.clone(),
            start: self.period.as_ref().map(Period::start),
            end: self.period.as_ref().map(Period::end),
            lead: self.lead,
            roles: self
                .roles
                .iter()
                .map(|r| ActorRoleDraft {
                    actor: r.actor,
                    role: r.role.as_str().to_owned(),
                })
                .collect(),
            objectives: self.objectives.iter().map(|o| o.as_str().to_owned()).collect(),
            means: self
                .means
                .iter()
                .map(|m| MeansDraft {
                    kind: m.kind,
                    description: m.description.as_str().to_owned(),
                    actor: m.actor,
                    amount: m.amount.map(|a| a.to_string()),
                })
                .collect(),
        }
    }
}

impl AuditFields for ActionSheetData {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("pactId", Some(self.pact_id.to_string())),
            ("objectiveId", self.objective_id.map(|o| o.to_string())),
            ("title", Some(self.title.as_str().to_owned())),
            ("description", self.description.clone()),
            ("start", self.period.as_ref().map(|p| p.start().to_string())),
            ("end", self.period.as_ref().map(|p| p.end().to_string())),
            ("status", Some(self.status.code().to_owned())),
            ("lead", self.lead.map(|p| p.to_string())),
            (
                "objectives",
                (!self.objectives.is_empty()).then(|| {
                    self.objectives
                        .iter()
                        .map(|o| o.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
            ),
        ]
    }
}

impl AuditFields for ActorRole {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("actor", Some(self.actor.to_string())),
            ("role", Some(self.role.as_str().to_owned())),
        ]
    }
}

impl AuditFields for Means {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("kind", Some(self.kind.code().to_owned())),
            ("description", Some(self.description.as_str().to_owned())),
            ("actor", Some(self.actor.to_string())),
            ("amount", self.amount.map(|a| a.to_string())),
        ]
    }
}

impl Audited for ActionSheetData {
    const ENTITY: &'static str = "ActionSheet";

    fn changes(before: Option<&ActionSheetData>, after: &ActionSheetData) -> Vec<FieldChange> {
        let mut changes = diff(before, after);
        changes.extend(diff_list("roles", before.map_or(&[][..], |b| &b.roles), &after.roles));
        changes.extend(diff_list("means", before.map_or(&[][..], |b| &b.means), &after.means));
        changes
    }
}

/// The amounts of an action's means, by kind: what the pooled and the requested means come to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MeansTotals {
    pub pooled: Money,
    pub requested: Money,
    pub own: Money,
}

impl ActionSheetData {
    /// The sums of the amounts by kind, exact to the cent; `None` only past the range of an amount. (Storage
    /// computes the same sums in SQL for lists; this is the arithmetic they must agree with.)
    pub fn totals(&self) -> Option<MeansTotals> {
        let sum =
            |kind: MeansKind| Money::checked_sum(self.means.iter().filter(|m| m.kind == kind).filter_map(|m| m.amount));
        Some(MeansTotals {
            pooled: sum(MeansKind::Pooled)?,
            requested: sum(MeansKind::Requested)?,
            own: sum(MeansKind::Own)?,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorRoleDraft {
    pub actor: Party,
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeansDraft {
    pub kind: MeansKind,
    pub description: String,
    pub actor: Party,
    /// In the API's text form, "1234.50".
    pub amount: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionSheetDraft {
    pub pact_id: PactId,
    pub objective_id: Option<ObjectiveId>,
    pub title: String,
    pub description: Option<String>,
    pub start: Option<chrono::NaiveDate>,
    pub end: Option<chrono::NaiveDate>,
    pub lead: Option<Party>,
    pub roles: Vec<ActorRoleDraft>,
    pub objectives: Vec<String>,
    pub means: Vec<MeansDraft>,
}

impl ActionSheetDraft {
    /// A new action sheet (planned), every invalid field reported by its path.
    pub fn validate(self) -> Result<ActionSheetData, ValidationErrors> {
        self.validate_with(ActionStatus::Planned)
    }

    /// The sheet's content with `status` kept (statuses move by [`ActionStatus`]'s steps, not by an edit).
    pub fn validate_with(self, status: ActionStatus) -> Result<ActionSheetData, ValidationErrors> {
        let mut v = Validator::new();
        let title = v.check(&["title"], Label::parse(&self.title));
        let description = non_blank(self.description.as_deref()).map(|d| d.trim().to_owned());
        if description.as_ref().is_some_and(|d| d.chars().count() > MAX_TEXT) {
            v.invalid(&["description"], format!("at most {MAX_TEXT} characters"));
        }
        let period = match (self.start, self.end) {
            (None, None) => None,
            (Some(start), Some(end)) => v.check(&["endDate"], Period::new(start, end)),
            _ => {
                v.invalid(&["endDate"], "give both the start and the end, or neither");
                None
            }
        };
        for (field, len) in [
            ("roles", self.roles.len()),
            ("objectives", self.objectives.len()),
            ("means", self.means.len()),
        ] {
            if len > MAX_ITEMS {
                v.invalid(&[field], format!("at most {MAX_ITEMS} items"));
            }
        }
        let roles: Vec<Option<ActorRole>> = self
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let index = i.to_string();
                if self.roles[..i].iter().any(|earlier| earlier.actor == r.actor) {
                    v.invalid(&["roles", &index, "actor"], "this actor already has a role here");
                }
                let role = v.check(&["roles", &index, "role"], Label::parse(&r.role))?;
                Some(ActorRole { actor: r.actor, role })
            })
            .collect();
        let objectives: Vec<Option<Label>> = self
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| v.check(&["objectives", &i.to_string()], Label::parse(o)))
            .collect();
        let means: Vec<Option<Means>> = self
            .means
            .iter()
            .enumerate()
            .map(|(i, m)| {
                v.nested(&["means", &i.to_string()], |v| {
                    let description = v.check(&["description"], Label::parse(&m.description));
                    let amount = match non_blank(m.amount.as_deref()) {
                        None => None,
                        Some(text) => match Money::parse(text) {
                            Ok(amount) if amount.is_negative() => {
                                v.invalid(&["amount"], "an amount is not negative");
                                None
                            }
                            Ok(amount) => Some(amount),
                            Err(error) => {
                                v.invalid(&["amount"], error.to_string());
                                None
                            }
                        },
                    };
                    if non_blank(m.amount.as_deref()).is_some() && amount.is_none() {
                        return None;
                    }
                    Some(Means {
                        kind: m.kind,
                        description: description?,
                        actor: m.actor,
                        amount,
                    })
                })
            })
            .collect();
        let data = v.finish(|| {
            Some(ActionSheetData {
                pact_id: self.pact_id,
                objective_id: self.objective_id,
                title: title?,
                description,
                period,
                status,
                lead: self.lead,
                roles: roles.into_iter().collect::<Option<Vec<_>>>()?,
                objectives: objectives.into_iter().collect::<Option<Vec<_>>>()?,
                means: means.into_iter().collect::<Option<Vec<_>>>()?,
            })
        })?;
        if data.totals().is_none() {
            return Err(ValidationErrors::single(crate::validation::FieldError::new(
                &["means"],
                crate::validation::FieldErrorCode::Invalid,
                "the amounts add up past what an amount can hold",
            )));
        }
        Ok(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{CentreId, PartnerId};
    use crate::lifecycle::TransitionError;

    fn means(kind: MeansKind, actor: Party, amount: Option<&str>) -> MeansDraft {
        MeansDraft {
            kind,
            description: "Animateur jeunesse à mi-temps".to_owned(),
            actor,
            amount: amount.map(str::to_owned),
        }
    }

    /// A Calaisis action: a youth trip to England, as the charter lists among the collective's actions.
    fn trip() -> ActionSheetDraft {
        let (espace_fort, matisse) = (Party::Centre(CentreId::generate()), Party::Centre(CentreId::generate()));
        let caf = Party::Partner(PartnerId::generate());
        ActionSheetDraft {
            pact_id: PactId::generate(),
            objective_id: Some(ObjectiveId::generate()),
            title: "Voyage en Angleterre pour des jeunes".to_owned(),
            description: None,
            start: Some(chrono::NaiveDate::from_ymd_opt(2015, 7, 6).unwrap()),
            end: Some(chrono::NaiveDate::from_ymd_opt(2015, 7, 12).unwrap()),
            lead: Some(espace_fort),
            roles: vec![
                ActorRoleDraft {
                    actor: espace_fort,
                    role: "porteur de l'action".to_owned(),
                },
                ActorRoleDraft {
                    actor: matisse,
                    role: "mobilisation des jeunes".to_owned(),
                },
            ],
            objectives: vec!["Ouvrir les jeunes à l'Europe".to_owned()],
            means: vec![
                means(MeansKind::Pooled, espace_fort, Some("1200.50")),
                means(MeansKind::Pooled, matisse, Some("799.50")),
                means(MeansKind::Requested, caf, Some("3000")),
                means(MeansKind::Own, matisse, None),
            ],
        }
    }

    #[test]
    fn the_totals_of_pooled_and_requested_means_are_exact_sums_of_cents() {
        let action = trip().validate().unwrap();
        assert_eq!(action.status, ActionStatus::Planned);
        let totals = action.totals().unwrap();
        assert_eq!(totals.pooled, Money::parse("2000").unwrap());
        assert_eq!(totals.requested, Money::parse("3000.00").unwrap());
        assert_eq!(totals.own, Money::ZERO);
    }

    #[test]
    fn every_invalid_field_is_reported_with_its_path() {
        let mut draft = trip();
        draft.title = " ".to_owned();
        draft.end = None;
        draft.roles[1].actor = draft.roles[0].actor;
        draft.means[0].amount = Some("1 200,50".to_owned());
        draft.means[1].amount = Some("-5".to_owned());
        draft.means[2].description = String::new();
        let errors = draft.validate().unwrap_err();
        let fields: Vec<String> = errors.errors().iter().map(|e| e.field.join(".")).collect();
        assert_eq!(
            fields,
            [
                "title",
                "endDate",
                "roles.1.actor",
                "means.0.amount",
                "means.1.amount",
                "means.2.description"
            ]
        );
    }

    #[test]
    fn an_action_moves_by_its_steps_only() {
        assert_eq!(
            ActionStatus::Planned.apply(ActionEvent::Start),
            Ok(ActionStatus::InProgress)
        );
        assert_eq!(
            ActionStatus::InProgress.apply(ActionEvent::Finish),
            Ok(ActionStatus::Done)
        );
        assert!(matches!(
            ActionStatus::Planned.apply(ActionEvent::Finish),
            Err(TransitionError::NotAllowed { .. })
        ));
        assert!(ActionStatus::Done.is_final() && ActionStatus::Cancelled.is_final());
        let kept = trip().validate_with(ActionStatus::InProgress).unwrap();
        assert_eq!(kept.status, ActionStatus::InProgress, "an edit keeps the status");
    }
}
