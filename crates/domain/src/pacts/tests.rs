//! The pact's rules, on the Douaisis pact (`../shared/seeds/001_…`): the second territorial pact of the
//! Collectif des Centres Sociaux du Douaisis, 2014-2017, with its four axes and thirteen member centres.

use chrono::NaiveDate;

use super::*;
use crate::audit::FieldChange;
use crate::ids::{CentreId, PactId, PartnerId};
use crate::lifecycle::{Lifecycle, TransitionError};
use crate::validation::FieldErrorCode;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn axis(title: &str, subtitle: &str, objectives: &[&str]) -> AxisDraft {
    AxisDraft {
        id: None,
        title: title.to_owned(),
        subtitle: Some(subtitle.to_owned()),
        objectives: objectives
            .iter()
            .map(|o| ObjectiveDraft {
                title: (*o).to_owned(),
                ..Default::default()
            })
            .collect(),
    }
}

const MEMBERS: [&str; 13] = [
    "Fraix-Marais",
    "Dorignies",
    "Faubourg de Béthune",
    "Faubourg d'Esquerchin",
    "Résidence Gayant",
    "Pablo-Picasso",
    "Henri-Martel (Dechy)",
    "Arc-en-ciel",
    "Françoise-Dolto",
    "Sin-le-Noble",
    "Adolphe-Largillier",
    "Henri-Martel (Waziers)",
    "L'Ostrevent et la Sensée",
];

fn signatory(party: Party, role: SignatoryRole, name: &str, signed_on: Option<NaiveDate>) -> SignatoryDraft {
    SignatoryDraft {
        party,
        role,
        signer_name: name.to_owned(),
        signer_title: Some("Président".to_owned()),
        signed_on,
    }
}

fn douaisis(signed_on: Option<NaiveDate>) -> PactDraft {
    let mut signatories: Vec<SignatoryDraft> = MEMBERS
        .iter()
        .map(|m| signatory(Party::Centre(CentreId::generate()), SignatoryRole::Member, m, signed_on))
        .collect();
    for partner in ["Caf du Nord", "Conseil Général du Nord", "Conseil Régional"] {
        let party = Party::Partner(PartnerId::generate());
        signatories.push(signatory(party, SignatoryRole::Funder, partner, signed_on));
    }
    let federation = "Fédération des centres sociaux du Nord";
    signatories.push(signatory(
        Party::Federation,
        SignatoryRole::Federation,
        federation,
        signed_on,
    ));
    PactDraft {
        kind: PactKind::Pacte,
        title: "Le pacte de coopération des centres sociaux du Douaisis et de leurs partenaires".to_owned(),
        territory_id: None,
        start: day(2014, 1, 1),
        end: day(2017, 12, 31),
        sequence: 2,
        predecessor_id: Some(PactId::generate()),
        preamble: Some("Deuxième pacte territorial pour avancer ensemble.".to_owned()),
        values: vec!["dignité humaine".into(), "démocratie".into(), "solidarité".into()],
        stakes: vec!["mobilité".into(), "participation des habitants".into()],
        axes: vec![
            axis(
                "Le territoire et ses habitants",
                "La coopération comme réponse aux enjeux du territoire",
                &[
                    "Définir les spécificités et les besoins du Douaisis",
                    "Deux grands enjeux : la mobilité et la participation des habitants",
                    "Apporter une plus-value aux territoires",
                ],
            ),
            axis(
                "Les centres sociaux et le territoire",
                "Asseoir la légitimité du Collectif sur le territoire",
                &[
                    "Promouvoir le projet centre social auprès des partenaires",
                    "Faire du Collectif un relais sur le territoire",
                ],
            ),
            axis(
                "Les pratiques professionnelles",
                "Qualifier et adapter les pratiques à l'évolution des besoins du territoire",
                &[
                    "Favoriser la montée en compétence des acteurs",
                    "Impulser et faciliter l'innovation et le développement",
                ],
            ),
            axis(
                "L'organisation collective",
                "Développer des pratiques collectives et une culture coopérative sur le territoire",
                &[
                    "Savoir communiquer",
                    "Favoriser les pratiques de coopération, l'ouverture et la participation du Collectif",
                    "Renforcer l'organisation et les outils du Collectif",
                ],
            ),
        ],
        signatories,
        consultations: vec![ConsultationDraft {
            group: "usagers, salariés, administrateurs, partenaires".to_owned(),
            people: 120,
            held_on: day(2013, 10, 15),
            summary: None,
        }],
    }
}

fn fields(errors: &crate::validation::ValidationErrors) -> Vec<String> {
    errors.errors().iter().map(|e| e.field.join(".")).collect()
}

#[test]
fn the_douaisis_pact_validates_with_its_four_axes_in_order_and_seventeen_signatories() {
    let pact = douaisis(None).validate().unwrap();
    let titles: Vec<&str> = pact.axes.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Le territoire et ses habitants",
            "Les centres sociaux et le territoire",
            "Les pratiques professionnelles",
            "L'organisation collective"
        ]
    );
    let objectives: Vec<usize> = pact.axes.iter().map(|a| a.objectives.len()).collect();
    assert_eq!(objectives, [3, 2, 2, 3]);
    let members = pact
        .signatories
        .iter()
        .filter(|s| s.role == SignatoryRole::Member)
        .count();
    assert_eq!(members, 13);
    assert_eq!(pact.signatories.len(), 17);
    assert_eq!(pact.sequence, 2);
    assert!(pact.has_stake("Mobilite"));
    assert!(pact.period.contains(day(2017, 12, 31)) && !pact.period.contains(day(2018, 1, 1)));
    assert!(pact.period.overlaps_year(2014) && !pact.period.overlaps_year(2013));
}

#[test]
fn every_invalid_field_is_reported_with_its_path() {
    let mut draft = douaisis(None);
    draft.title = "  ".into();
    draft.end = draft.start;
    draft.sequence = 0;
    draft.values.push("Démocratie".into());
    draft.axes[1].title = String::new();
    draft.axes[3].objectives[0].criteria.push(CriterionDraft {
        label: " ".into(),
        target: Some("10 rencontres par an".into()),
    });
    draft.signatories[0].role = SignatoryRole::Funder;
    let twice = draft.signatories[1].clone();
    draft.signatories.push(twice);
    draft.consultations[0].people = 0;
    let errors = draft.validate().unwrap_err();
    assert_eq!(
        fields(&errors),
        [
            "title",
            "endDate",
            "sequence",
            "values.3",
            "axes.1.title",
            "axes.3.objectives.0.criteria.0.label",
            "signatories.0.role",
            "signatories.17.party",
            "consultations.0.people",
        ]
    );
    assert!(errors.errors().iter().all(|e| e.code == FieldErrorCode::Invalid));
}

#[test]
fn a_first_pact_follows_no_other() {
    let mut draft = douaisis(None);
    draft.sequence = 1;
    let errors = draft.validate().unwrap_err();
    assert_eq!(fields(&errors), ["predecessorId"]);
}

#[test]
fn every_pair_of_status_and_event_is_allowed_exactly_when_the_table_says_so() {
    for from in PactStatus::ALL {
        for event in PactEvent::ALL {
            let expected = PactStatus::STEPS
                .iter()
                .find(|(f, e, _)| f == from && e == event)
                .map(|(_, _, to)| *to);
            match (from.apply(*event), expected) {
                (Ok(to), Some(want)) => assert_eq!(to, want, "{from} {event}"),
                (Err(TransitionError::NotAllowed { .. }), None) => {}
                (got, want) => panic!("{from} {event}: got {got:?}, expected {want:?}"),
            }
        }
    }
    // The table itself, as the issue states it.
    assert_eq!(
        PactStatus::Draft.apply(PactEvent::Consult),
        Ok(PactStatus::Consultation)
    );
    assert_eq!(PactStatus::Consultation.apply(PactEvent::Sign), Ok(PactStatus::Signed));
    assert_eq!(
        PactStatus::Signed.apply(PactEvent::Terminate),
        Ok(PactStatus::Terminated)
    );
    assert!(
        PactStatus::Draft.apply(PactEvent::Sign).is_err(),
        "a draft is consulted on first"
    );
    assert!(PactStatus::Terminated.is_final());
}

#[test]
fn signature_waits_for_every_signatory() {
    let unsigned = douaisis(None).validate().unwrap();
    let error = PactStatus::Consultation.sign(&unsigned.signatories).unwrap_err();
    assert!(matches!(error, TransitionError::Blocked { .. }), "{error:?}");
    assert!(
        error.to_string().contains("17 signatories have not signed yet"),
        "{error}"
    );

    let mut almost = douaisis(Some(day(2014, 2, 6))).validate().unwrap();
    almost.signatories[12].signed_on = None;
    let error = PactStatus::Consultation.sign(&almost.signatories).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("1 signatory has not signed yet: L'Ostrevent et la Sensée"),
        "{error}"
    );

    let signed = douaisis(Some(day(2014, 2, 6))).validate().unwrap();
    assert_eq!(
        PactStatus::Consultation.sign(&signed.signatories),
        Ok(PactStatus::Signed)
    );
    assert!(
        PactStatus::Consultation.sign(&[]).is_err(),
        "a pact without signatories is not signed"
    );
    assert!(
        matches!(
            PactStatus::Draft.sign(&signed.signatories),
            Err(TransitionError::NotAllowed { .. })
        ),
        "not from a draft"
    );
}

#[test]
fn a_signed_pact_is_active_then_expired_by_its_dates() {
    let period = Period::new(day(2014, 1, 1), day(2017, 12, 31)).unwrap();
    let at = |d| EffectiveStatus::of(PactStatus::Signed, &period, d);
    assert_eq!(at(day(2013, 12, 31)), EffectiveStatus::Signed);
    assert_eq!(at(day(2014, 1, 1)), EffectiveStatus::Active);
    assert_eq!(at(day(2017, 12, 31)), EffectiveStatus::Active);
    assert_eq!(at(day(2018, 1, 1)), EffectiveStatus::Expired);
    assert_eq!(
        EffectiveStatus::of(PactStatus::Terminated, &period, day(2015, 6, 1)),
        EffectiveStatus::Terminated
    );
    let error = PactStatus::Signed.event_towards(EffectiveStatus::Active).unwrap_err();
    assert!(error.to_string().contains("by its dates"), "{error}");
    assert_eq!(
        PactStatus::Signed.event_towards(EffectiveStatus::Terminated),
        Ok(PactEvent::Terminate)
    );
    assert!(PactStatus::Draft.event_towards(EffectiveStatus::Terminated).is_err());
}

#[test]
fn content_is_edited_directly_until_signature_then_only_by_numbered_amendments() {
    assert!(PactStatus::Draft.content_is_open() && PactStatus::Consultation.content_is_open());
    assert!(!PactStatus::Signed.content_is_open() && !PactStatus::Terminated.content_is_open());

    let change = || {
        vec![FieldChange {
            field: "axes.3.objectives.0.title".into(),
            before: Some("Savoir communiquer".into()),
            after: Some("Communiquer avec les partenaires".into()),
        }]
    };
    let draft = |dated| AmendmentDraft {
        dated,
        description: "Avenant n°1 : précise l'objectif de communication".into(),
    };
    let refused = draft(day(2015, 3, 1))
        .validate(PactStatus::Draft, &[], change())
        .unwrap_err();
    assert_eq!(refused.errors()[0].code, FieldErrorCode::InvalidState);

    let first = draft(day(2015, 3, 1))
        .validate(PactStatus::Signed, &[], change())
        .unwrap();
    assert_eq!(first.number, 1);
    let second = draft(day(2016, 1, 10))
        .validate(PactStatus::Signed, std::slice::from_ref(&first), change())
        .unwrap();
    assert_eq!(second.number, 2);

    let errors = AmendmentDraft {
        dated: day(2015, 1, 1),
        description: " ".into(),
    }
    .validate(PactStatus::Signed, &[first, second], Vec::new())
    .unwrap_err();
    assert_eq!(fields(&errors), ["description", "changes", "dated"]);
}

#[test]
fn axes_and_objectives_keep_their_ids_through_an_edit_and_unknown_ids_are_refused() {
    let current = douaisis(None).validate().unwrap();
    let mut edit = douaisis(None);
    // The first objective of axis 4 moves to axis 1 and keeps its id; the rest are given their ids back.
    for (axis, draft) in current.axes.iter().zip(edit.axes.iter_mut()) {
        draft.id = Some(axis.id);
        for (objective, o) in axis.objectives.iter().zip(draft.objectives.iter_mut()) {
            o.id = Some(objective.id);
        }
    }
    let moved = edit.axes[3].objectives.remove(0);
    edit.axes[0].objectives.push(moved);
    let edited = edit.clone().validate_against(&current).unwrap();
    assert_eq!(edited.axes[0].objectives[3].id, current.axes[3].objectives[0].id);
    assert_eq!(edited.axes[0].objectives[3].title.as_str(), "Savoir communiquer");
    assert_eq!(edited.axes[2].id, current.axes[2].id);

    // A new pact takes no ids; an edit refuses one the pact does not have, and one given twice.
    let errors = edit.clone().validate().unwrap_err();
    assert!(
        errors.errors().iter().all(|e| e.code == FieldErrorCode::NotFound),
        "{errors}"
    );
    let mut twice = edit;
    twice.axes[1].id = twice.axes[0].id;
    let errors = twice.validate_against(&current).unwrap_err();
    assert_eq!(fields(&errors), ["axes.1.id"]);
}

#[test]
fn a_pact_read_back_as_input_validates_to_itself() {
    let pact = douaisis(Some(day(2014, 2, 6))).validate().unwrap();
    assert_eq!(pact.to_draft().validate_against(&pact), Ok(pact));
}

// The writes as functions of the current pact: a step changes the status (and the termination reason) only,
// signing waits for every signature, an edit is refused once signed, an amendment keeps what it does not change.
#[test]
fn a_pact_s_writes_are_functions_of_the_current_pact() {
    let id = PactId::generate();
    let unsigned = PactData::draft(douaisis(None).validate().unwrap());
    let consulted = unsigned.transition(EffectiveStatus::Consultation, None).unwrap();
    assert_eq!(consulted.status, PactStatus::Consultation);
    assert_eq!(
        (&consulted.content, &consulted.amendments),
        (&unsigned.content, &unsigned.amendments),
        "a step changes the status only"
    );
    let refused = consulted.transition(EffectiveStatus::Signed, None).unwrap_err();
    assert_eq!(refused.errors()[0].field, ["to"]);
    assert_eq!(refused.errors()[0].code, FieldErrorCode::InvalidTransition);

    let mut with_signatures = consulted.content.to_draft();
    for signatory in &mut with_signatures.signatories {
        signatory.signed_on = Some(day(2014, 2, 6));
    }
    let signatures = consulted.edit(id, with_signatures).unwrap();
    let signed = signatures.transition(EffectiveStatus::Signed, None).unwrap();
    assert_eq!(signed.status, PactStatus::Signed);
    let frozen = signed.edit(id, signed.content.to_draft()).unwrap_err();
    assert_eq!(frozen.errors()[0].code, FieldErrorCode::InvalidState);
    let mut follows_itself = signed.content.to_draft();
    follows_itself.predecessor_id = Some(id);
    let error = signed
        .amend(
            id,
            AmendmentDraft {
                dated: day(2015, 3, 1),
                description: "Avenant".into(),
            },
            follows_itself,
        )
        .unwrap_err();
    assert_eq!(error.errors()[0].field, ["content", "predecessorId"]);

    let mut extended = signed.content.to_draft();
    extended.end = day(2018, 12, 31);
    let amended = signed
        .amend(
            id,
            AmendmentDraft {
                dated: day(2017, 6, 1),
                description: "Prolongation d'un an".into(),
            },
            extended,
        )
        .unwrap();
    assert_eq!(amended.amendments.len(), 1);
    assert_eq!(amended.amendments[0].changes[0].field, "end");
    assert_eq!(
        amended.content.axes, signed.content.axes,
        "what it does not change stays"
    );

    let no_reason = amended.transition(EffectiveStatus::Terminated, None).unwrap_err();
    assert_eq!(no_reason.errors()[0].field, ["reason"]);
    let ended = amended
        .transition(EffectiveStatus::Terminated, Some("Fusion des collectifs"))
        .unwrap();
    assert_eq!(ended.termination_reason.as_deref(), Some("Fusion des collectifs"));
}
