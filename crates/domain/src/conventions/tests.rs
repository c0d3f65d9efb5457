//! The rules of a convention's content, its payments and its lifecycle, on the Calaisis quadripartite
//! convention (federation, CAF, Conseil Général, Conseil Régional) with invented amounts.

use chrono::NaiveDate;

use super::*;
use crate::agreement::Party;
use crate::ids::{CentreId, PartnerId};
use crate::lifecycle::{Lifecycle, TransitionError};
use crate::money::Money;
use crate::validation::{FieldErrorCode, ValidationErrors};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn euros(text: &str) -> Money {
    Money::parse(text).unwrap()
}

struct Parties {
    caf: Party,
    departement: Party,
    centre: Party,
}

fn parties() -> Parties {
    Parties {
        caf: Party::Partner(PartnerId::generate()),
        departement: Party::Partner(PartnerId::generate()),
        centre: Party::Centre(CentreId::generate()),
    }
}

fn line(funder: Party, beneficiary: Party, year: i32, committed: &str) -> FundingLineDraft {
    FundingLineDraft {
        id: None,
        funder,
        beneficiary,
        year,
        nature: FundingNature::Fonctionnement,
        committed: euros(committed),
        overpayment_allowed: false,
    }
}

fn quadripartite(p: &Parties) -> ConventionDraft {
    let party = |party, role| ConventionParty { party, role };
    ConventionDraft {
        kind: ConventionKind::Quadripartite,
        reference: "PDC-QUADRI-2014".to_owned(),
        title: "Convention quadripartite du Calaisis".to_owned(),
        objectives: vec!["Soutenir la coopération des centres sociaux du Calaisis".to_owned()],
        start: day(2014, 1, 1),
        end: day(2017, 12, 31),
        renews: None,
        pact_id: None,
        action_sheets: Vec::new(),
        parties: vec![
            party(Party::Federation, ConventionRole::Signatory),
            party(p.caf, ConventionRole::Funder),
            party(p.departement, ConventionRole::Funder),
            party(Party::Federation, ConventionRole::Beneficiary),
            party(p.centre, ConventionRole::Beneficiary),
        ],
        lines: vec![
            line(p.caf, Party::Federation, 2014, "12000"),
            line(p.departement, p.centre, 2015, "4500.50"),
        ],
    }
}

fn fields(errors: &ValidationErrors) -> Vec<String> {
    errors.errors().iter().map(|e| e.field.join(".")).collect()
}

#[test]
fn a_line_names_a_funding_party_a_beneficiary_and_a_year_of_the_period() {
    let p = parties();
    let content = quadripartite(&p).validate().unwrap();
    assert_eq!(content.lines.len(), 2);

    let mut bad = quadripartite(&p);
    bad.lines.push(line(p.centre, p.caf, 2018, "10"));
    bad.lines.push(line(p.caf, Party::Federation, 2014, "1"));
    bad.lines[1].committed = Money::from_cents(-1);
    bad.reference = " ".to_owned();
    let errors = bad.validate().unwrap_err();
    assert_eq!(
        fields(&errors),
        [
            "reference",
            "lines.1.committed",
            "lines.2.funder",
            "lines.2.beneficiary",
            "lines.2.year",
            "lines.3.year"
        ]
    );
}

#[test]
fn a_convention_has_a_funder_unless_it_makes_premises_available_and_an_annex_has_its_pact() {
    let p = parties();
    let mut unfunded = quadripartite(&p);
    unfunded.parties.retain(|party| party.role != ConventionRole::Funder);
    unfunded.lines.clear();
    assert_eq!(fields(&unfunded.clone().validate().unwrap_err()), ["parties"]);
    unfunded.kind = ConventionKind::MiseADisposition;
    assert!(unfunded.validate().is_ok(), "premises made available need no funder");

    let mut annex = quadripartite(&p);
    annex.kind = ConventionKind::Annexe;
    assert_eq!(fields(&annex.validate().unwrap_err()), ["pactId"]);
}

#[test]
fn payments_add_up_exactly_never_above_the_commitment_and_a_key_counts_once() {
    let p = parties();
    let content = quadripartite(&p).validate().unwrap();
    let line = content.lines[1].id;
    let pay = |amount: &str, key: &str| PaymentDraft {
        line_id: line,
        paid_on: day(2015, 6, 30),
        amount: euros(amount),
        reference: Some("Mandat 2015-118".to_owned()),
        idempotency_key: Some(key.to_owned()),
    };
    let first = validate_payments(&content, &[], vec![pay("2000.25", "a"), pay("2000.25", "b")]).unwrap();
    assert_eq!(paid(line, &first), Some(euros("4000.50")));
    // The same keys again: nothing added.
    assert_eq!(
        validate_payments(&content, &first, vec![pay("2000.25", "a")]).unwrap(),
        []
    );
    // 4000.50 + 500.01 passes the 4500.50 committed: refused, unless the line allows it.
    let over = validate_payments(&content, &first, vec![pay("500.01", "c")]).unwrap_err();
    assert_eq!(fields(&over), ["payments.0.amount"]);
    assert_eq!(
        validate_payments(&content, &first, vec![pay("500", "c")])
            .unwrap()
            .len(),
        1
    );
    let mut generous = quadripartite(&p);
    generous.lines[1].overpayment_allowed = true;
    let generous = generous.validate().unwrap();
    let mut again = pay("500.01", "c");
    again.line_id = generous.lines[1].id;
    let mut paid_before = first.clone();
    for payment in &mut paid_before {
        payment.line_id = generous.lines[1].id;
    }
    assert!(validate_payments(&generous, &paid_before, vec![again]).is_ok());

    // A line that was paid stays, and its commitment stays at or above what it was paid.
    let mut edit = content.to_draft();
    edit.lines.remove(1);
    let without = edit.validate_against(&content).unwrap();
    let errors = check_lines_keep_payments(&without, &first).unwrap_err();
    assert_eq!(errors.errors()[0].code, FieldErrorCode::InvalidState);
    let mut lowered = content.to_draft();
    lowered.lines[1].committed = euros("4000.49");
    let lowered = lowered.validate_against(&content).unwrap();
    assert_eq!(
        fields(&check_lines_keep_payments(&lowered, &first).unwrap_err()),
        ["lines.1.committed"]
    );
    assert_eq!(lowered.lines[1].id, line, "an edited line keeps its id");
}

#[test]
fn a_convention_moves_by_the_pacts_steps_and_its_state_follows_the_dates() {
    use ConventionStatus::*;
    assert_eq!(Draft.step_towards(ConventionState::Negotiation), Ok(Negotiation));
    assert_eq!(Negotiation.step_towards(ConventionState::Signed), Ok(Signed));
    assert!(matches!(
        Draft.step_towards(ConventionState::Signed),
        Err(TransitionError::NotAllowed { .. })
    ));
    assert!(matches!(
        Signed.step_towards(ConventionState::Active),
        Err(TransitionError::Blocked { .. })
    ));
    assert!(Terminated.is_final());
    let p = parties();
    let period = quadripartite(&p).validate().unwrap().period;
    assert_eq!(
        ConventionState::of(Signed, &period, day(2013, 12, 31)),
        ConventionState::Signed
    );
    assert_eq!(
        ConventionState::of(Signed, &period, day(2017, 12, 31)),
        ConventionState::Active
    );
    assert_eq!(
        ConventionState::of(Signed, &period, day(2018, 1, 1)),
        ConventionState::Expired
    );
}

// Recording payments is a function of the current convention: the new ones appended after the others, those
// already recorded (same key) not twice, and the count of those added.
#[test]
fn recording_payments_appends_the_new_ones_only() {
    let p = parties();
    let convention = ConventionData::draft(quadripartite(&p).validate().unwrap());
    let line = convention.content.lines[1].id;
    let pay = |amount: &str, key: &str| PaymentDraft {
        line_id: line,
        paid_on: day(2015, 6, 30),
        amount: euros(amount),
        reference: None,
        idempotency_key: Some(key.to_owned()),
    };
    let (once, added) = convention.record_payments(vec![pay("1000", "a")]).unwrap();
    assert_eq!((added, once.payments.len()), (1, 1));
    assert_eq!(once.content, convention.content);
    let (twice, added) = once
        .record_payments(vec![pay("1000", "a"), pay("250.50", "b")])
        .unwrap();
    assert_eq!(added, 1);
    assert_eq!(twice.payments[0], once.payments[0], "the first stays first, as it was");
    assert_eq!(twice.paid(&twice.content.lines[1]), euros("1250.50"));
    let (same, added) = twice.record_payments(vec![pay("250.50", "b")]).unwrap();
    assert_eq!((added, &same), (0, &twice));
}
