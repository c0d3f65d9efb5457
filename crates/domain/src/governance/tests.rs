//! The rules of the Calaisis charter (`../shared/seeds/002_…`) and the arithmetic of quorums and majorities.
//! Expected figures are worked out by hand in the comments, never by the code under test.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

use super::*;
use crate::agreement::Party;
use crate::ids::{ActionSheetId, BodyId, CentreId, MeetingId, MemberId};
use crate::validation::FieldErrorCode;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 18:00 in Calais in winter (UTC+1).
fn evening(y: i32, m: u32, d: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(y, m, d, 18, 0, 0)
        .unwrap()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn share(n: u32, d: u32) -> Share {
    Share::new(n, d).unwrap()
}

fn more_than_half() -> Threshold {
    Threshold {
        comparison: Comparison::MoreThan,
        share: share(1, 2),
    }
}

fn member(name: &str, role: MemberRole, represents: Party) -> MemberDraft {
    MemberDraft {
        id: None,
        name: name.to_owned(),
        email: Some(format!("{}@calaisis.example.fr", name.to_lowercase().replace(' ', "."))),
        role,
        represents,
        voting: true,
        college: None,
        from: None,
        to: None,
    }
}

/// The Conseil des Centres Sociaux du Calaisis: each of the four centres' president and director, the
/// federation's president and the federal delegate — ten members (invented names).
fn council_members() -> Vec<MemberDraft> {
    let centres: Vec<Party> = (0..4).map(|_| Party::Centre(CentreId::generate())).collect();
    let mut members = Vec::new();
    for (i, centre) in centres.iter().enumerate() {
        members.push(member(&format!("Présidente {i}"), MemberRole::President, *centre));
        members.push(member(&format!("Directeur {i}"), MemberRole::Director, *centre));
    }
    members.push(member(
        "Président fédéral",
        MemberRole::FederationPresident,
        Party::Federation,
    ));
    members.push(member(
        "Délégué fédéral",
        MemberRole::FederalDelegate,
        Party::Federation,
    ));
    members
}

/// What the charter sets: a meeting a quarter, 10 days' notice by e-mail, anything of the cooperation. It says
/// nothing of quorum, proxies, majorities or a casting vote.
fn charter_rules() -> Rules {
    Rules {
        frequency: Some(Frequency {
            meetings: 1,
            per: CalendarPeriod::Quarter,
        }),
        notice_days: Some(10),
        channel: Some(Channel::Email),
        competence: Some(Competence::General),
        ..Rules::default()
    }
}

fn body_with(rules: Rules) -> BodyData {
    let content = BodyDraft {
        kind: BodyKind::Council,
        name: "Conseil des Centres Sociaux du Calaisis".to_owned(),
        pact_id: None,
        parent_id: None,
        members: council_members(),
        designations: Vec::new(),
    }
    .validate()
    .unwrap();
    BodyData {
        content,
        rulebooks: vec![Rulebook {
            version: 1,
            effective_from: day(2014, 1, 1),
            rules,
        }],
    }
}

fn meeting_on(body: &BodyData, starts_at: DateTime<FixedOffset>) -> MeetingData {
    let content = MeetingDraft {
        body_id: BodyId::generate(),
        starts_at,
        place: Some("Centre Social Matisse, Calais".to_owned()),
        video_link: None,
        agenda: vec![AgendaItemDraft {
            title: "Voyage en Angleterre des jeunes".to_owned(),
            description: None,
        }],
        second_convocation_of: None,
    }
    .validate()
    .unwrap();
    MeetingData::planned(content, body)
}

fn codes(errors: &crate::ValidationErrors) -> Vec<(String, FieldErrorCode)> {
    errors.errors().iter().map(|e| (e.field.join("."), e.code)).collect()
}

fn present_all(body: &BodyData) -> Vec<AttendanceDraft> {
    body.content
        .members
        .iter()
        .map(|m| AttendanceDraft {
            member: m.id,
            presence: Presence::Present,
            proxy: None,
        })
        .collect()
}

#[test]
fn thresholds_compare_exactly() {
    // More than half of 10 is 6 or more; of 9, 5 or more.
    assert!(!more_than_half().met(5, 10));
    assert!(more_than_half().met(6, 10));
    assert!(more_than_half().met(5, 9));
    assert_eq!(more_than_half().required(10), 6);
    assert_eq!(more_than_half().required(9), 5);
    // At least two thirds of 12 is 8; of 10, 7 (6.67 rounded up).
    let two_thirds = Threshold {
        comparison: Comparison::AtLeast,
        share: share(2, 3),
    };
    assert!(two_thirds.met(8, 12));
    assert!(!two_thirds.met(7, 12));
    assert_eq!(two_thirds.required(10), 7);
    assert!(!two_thirds.met(6, 10));
    assert!(Share::new(3, 2).is_err());
    assert!(Share::new(1, 0).is_err());
}

#[test]
fn the_charter_leaves_quorum_proxies_majority_and_casting_vote_unset() {
    assert_eq!(
        charter_rules().unset(),
        [
            RuleName::Quorum,
            RuleName::ProxyCap,
            RuleName::Majority,
            RuleName::CastingVote
        ]
    );
    assert_eq!(charter_rules().majority_for(DecisionKind::Ordinary), None);
}

#[test]
fn a_kind_of_decision_may_have_its_own_majority() {
    let simple = Majority {
        threshold: more_than_half(),
        base: MajorityBase::VotesCast,
    };
    let two_thirds = Majority {
        threshold: Threshold {
            comparison: Comparison::AtLeast,
            share: share(2, 3),
        },
        base: MajorityBase::MembersPresent,
    };
    let rules = Rules {
        majority: Some(simple),
        majorities: vec![(DecisionKind::Rules, two_thirds)],
        ..Rules::default()
    };
    assert_eq!(rules.majority_for(DecisionKind::Ordinary), Some(simple));
    assert_eq!(rules.majority_for(DecisionKind::Rules), Some(two_thirds));
}

#[test]
fn quarters_are_the_calendar_s() {
    assert_eq!(
        CalendarPeriod::Quarter.of_year(2026),
        [
            (day(2026, 1, 1), day(2026, 3, 31)),
            (day(2026, 4, 1), day(2026, 6, 30)),
            (day(2026, 7, 1), day(2026, 9, 30)),
            (day(2026, 10, 1), day(2026, 12, 31)),
        ]
    );
    assert_eq!(CalendarPeriod::Quarter.index_of(day(2026, 7, 1)), 2);
    assert_eq!(
        CalendarPeriod::Year.of_year(2026),
        [(day(2026, 1, 1), day(2026, 12, 31))]
    );
}

#[test]
fn a_convocation_nine_days_ahead_is_refused_ten_accepted_urgent_accepted() {
    let body = body_with(charter_rules());
    // The meeting: Thursday 11 March 2027, 18:00 in Calais.
    let meeting = meeting_on(&body, evening(2027, 3, 11));

    // Sent 2 March, 9:00 Paris (8:00 UTC): 9 days ahead.
    let late = meeting.convene(&body, utc(2027, 3, 2, 8, 0), None).unwrap_err();
    assert_eq!(codes(&late), [("sentAt".to_owned(), FieldErrorCode::NoticeTooShort)]);

    // Sent 1 March at 23:30 UTC, already 2 March in Calais: still 9 days.
    let late = meeting.convene(&body, utc(2027, 3, 1, 23, 30), None).unwrap_err();
    assert_eq!(codes(&late), [("sentAt".to_owned(), FieldErrorCode::NoticeTooShort)]);

    // Sent 1 March, 10:00 UTC: 10 days.
    let convened = meeting.convene(&body, utc(2027, 3, 1, 10, 0), None).unwrap();
    assert_eq!(convened.status, MeetingStatus::Convened);
    let convocation = convened.convocation.as_ref().unwrap();
    assert_eq!(convocation.days_ahead, 10);
    assert_eq!(convocation.recipients.len(), 10);
    assert_eq!(convened.rulebook_version, Some(1));

    // 9 days, urgent, with a reason.
    let urgent = meeting
        .convene(
            &body,
            utc(2027, 3, 2, 8, 0),
            Some("la CAF attend notre réponse avant le 15 mars"),
        )
        .unwrap();
    assert_eq!(
        urgent.convocation.unwrap().urgent_reason.as_deref(),
        Some("la CAF attend notre réponse avant le 15 mars")
    );
    // A blank reason is no reason.
    assert!(meeting.convene(&body, utc(2027, 3, 2, 8, 0), Some("  ")).is_err());

    // Convened once: not again.
    let again = convened.convene(&body, utc(2027, 3, 1, 10, 0), None).unwrap_err();
    assert_eq!(codes(&again)[0].1, FieldErrorCode::InvalidTransition);
}

#[test]
fn recipients_are_the_members_sitting_on_the_meeting_s_day() {
    let mut body = body_with(charter_rules());
    body.content.members[0].to = Some(day(2026, 12, 31));
    body.content.members[1].from = Some(day(2027, 6, 1));
    let convened = meeting_on(&body, evening(2027, 3, 11))
        .convene(&body, utc(2027, 3, 1, 10, 0), None)
        .unwrap();
    let recipients: Vec<MemberId> = convened
        .convocation
        .unwrap()
        .recipients
        .iter()
        .map(|r| r.member)
        .collect();
    assert_eq!(recipients.len(), 8);
    assert!(!recipients.contains(&body.content.members[0].id));
    assert!(!recipients.contains(&body.content.members[1].id));
}

fn convened(body: &BodyData) -> MeetingData {
    meeting_on(body, evening(2027, 3, 11))
        .convene(body, utc(2027, 3, 1, 10, 0), None)
        .unwrap()
}

#[test]
fn a_third_vote_held_by_one_person_is_refused_under_a_cap_of_two() {
    let body = body_with(Rules {
        proxy_cap: Some(2),
        ..charter_rules()
    });
    let ids: Vec<MemberId> = body.content.members.iter().map(|m| m.id).collect();
    let mut attendance = present_all(&body);
    // Member 1 gives a proxy to member 0: member 0 holds two votes.
    attendance[1] = AttendanceDraft {
        member: ids[1],
        presence: Presence::Represented,
        proxy: Some(ids[0]),
    };
    let held = convened(&body)
        .hold(&body, attendance.clone(), Some(ids[0]), None)
        .unwrap();
    assert_eq!(held.status, MeetingStatus::Held);
    let quorum = held.quorum.unwrap();
    assert_eq!((quorum.voting_members, quorum.present, quorum.represented), (10, 9, 1));
    assert_eq!(quorum.required, None);
    assert!(quorum.reached);

    // Member 2 too: a third vote for member 0.
    attendance[2] = AttendanceDraft {
        member: ids[2],
        presence: Presence::Represented,
        proxy: Some(ids[0]),
    };
    let refused = convened(&body).hold(&body, attendance, Some(ids[0]), None).unwrap_err();
    assert_eq!(
        codes(&refused),
        [("attendance.2.proxyId".to_owned(), FieldErrorCode::ProxyCapExceeded)]
    );
}

#[test]
fn a_proxy_goes_to_a_voting_member_present() {
    let body = body_with(charter_rules());
    let ids: Vec<MemberId> = body.content.members.iter().map(|m| m.id).collect();
    let mut attendance = present_all(&body);
    attendance[0].presence = Presence::Excused;
    attendance[1] = AttendanceDraft {
        member: ids[1],
        presence: Presence::Represented,
        proxy: Some(ids[0]),
    };
    let refused = convened(&body).hold(&body, attendance, None, None).unwrap_err();
    assert_eq!(
        codes(&refused),
        [("attendance.1.proxyId".to_owned(), FieldErrorCode::Invalid)]
    );
}

fn quorum_rules() -> Rules {
    Rules {
        quorum: Some(Quorum {
            threshold: more_than_half(),
            counts: QuorumBasis::PresentOrRepresented,
            waived_on_second_convocation: true,
        }),
        majority: Some(Majority {
            threshold: more_than_half(),
            base: MajorityBase::VotesCast,
        }),
        ..charter_rules()
    }
}

/// Five of the ten present: not more than half.
fn half_present(body: &BodyData) -> Vec<AttendanceDraft> {
    let mut attendance = present_all(body);
    for line in &mut attendance[5..] {
        line.presence = Presence::Excused;
    }
    attendance
}

fn decision(meeting: MeetingId, votes: Votes) -> DecisionContent {
    DecisionContent {
        meeting_id: meeting,
        agenda_item: Some(0),
        kind: DecisionKind::Ordinary,
        text: "Le voyage en Angleterre des jeunes est reconduit.".to_owned(),
        votes,
        concerns: Vec::new(),
    }
}

fn counts(for_: u32, against: u32, abstain: u32) -> Votes {
    Votes::Counts {
        for_,
        against,
        abstain,
        chair: None,
    }
}

#[test]
fn without_quorum_a_decision_is_not_valid() {
    let body = body_with(quorum_rules());
    let held = convened(&body).hold(&body, half_present(&body), None, None).unwrap();
    let quorum = held.quorum.unwrap();
    assert_eq!((quorum.present, quorum.required, quorum.reached), (5, Some(6), false));
    let taken = decide(
        decision(MeetingId::generate(), counts(5, 0, 0)),
        &held,
        &body,
        &Validated::default(),
        None,
    )
    .unwrap();
    assert_eq!(taken.outcome, Outcome::NotValid);
    assert_eq!(taken.reckoning.basis, OutcomeBasis::Quorum);

    // Six present: the quorum is met, and 4 for 2 against is adopted.
    let mut six = half_present(&body);
    six[5].presence = Presence::Present;
    let held = convened(&body).hold(&body, six, None, None).unwrap();
    assert!(held.quorum.unwrap().reached);
    let taken = decide(
        decision(MeetingId::generate(), counts(4, 2, 0)),
        &held,
        &body,
        &Validated::default(),
        None,
    )
    .unwrap();
    assert_eq!(taken.outcome, Outcome::Adopted);
    assert_eq!((taken.reckoning.base, taken.reckoning.required), (Some(6), Some(4)));
    // 3 for, 3 against: not more than half of the votes cast.
    let taken = decide(
        decision(MeetingId::generate(), counts(3, 3, 0)),
        &held,
        &body,
        &Validated::default(),
        None,
    )
    .unwrap();
    assert_eq!(taken.outcome, Outcome::Rejected);
}

#[test]
fn a_second_convocation_decides_without_quorum_where_the_rules_say_so() {
    let body = body_with(quorum_rules());
    let mut again = meeting_on(&body, evening(2027, 3, 25));
    again.content.second_convocation_of = Some(MeetingId::generate());
    let held = again
        .convene(&body, utc(2027, 3, 12, 9, 0), None)
        .unwrap()
        .hold(&body, half_present(&body), None, None)
        .unwrap();
    let quorum = held.quorum.unwrap();
    assert!(quorum.reached && quorum.waived);
}

#[test]
fn the_chair_s_casting_vote_breaks_a_tie_only_where_the_rules_give_it() {
    let body = body_with(Rules {
        casting_vote: Some(true),
        ..quorum_rules()
    });
    let held = convened(&body).hold(&body, present_all(&body), None, None).unwrap();
    let tie = Votes::Counts {
        for_: 4,
        against: 4,
        abstain: 2,
        chair: Some(VoteChoice::For),
    };
    let taken = decide(
        decision(MeetingId::generate(), tie.clone()),
        &held,
        &body,
        &Validated::default(),
        None,
    )
    .unwrap();
    assert_eq!(taken.outcome, Outcome::Adopted);
    assert!(taken.reckoning.casting_vote_used);

    let body = body_with(quorum_rules());
    let held = convened(&body).hold(&body, present_all(&body), None, None).unwrap();
    let taken = decide(
        decision(MeetingId::generate(), tie),
        &held,
        &body,
        &Validated::default(),
        None,
    )
    .unwrap();
    assert_eq!(taken.outcome, Outcome::Rejected);
}

#[test]
fn without_a_majority_rule_the_outcome_is_declared_and_said_so() {
    let body = body_with(charter_rules());
    let held = convened(&body).hold(&body, present_all(&body), None, None).unwrap();
    let missing = decide(
        decision(MeetingId::generate(), counts(7, 1, 2)),
        &held,
        &body,
        &Validated::default(),
        None,
    )
    .unwrap_err();
    assert_eq!(codes(&missing), [("outcome".to_owned(), FieldErrorCode::Invalid)]);
    let taken = decide(
        decision(MeetingId::generate(), counts(7, 1, 2)),
        &held,
        &body,
        &Validated::default(),
        Some(Outcome::Adopted),
    )
    .unwrap();
    assert_eq!(
        (taken.outcome, taken.reckoning.basis),
        (Outcome::Adopted, OutcomeBasis::Declared)
    );
    assert_eq!(
        taken.tally,
        Tally {
            for_: 7,
            against: 1,
            abstain: 2
        }
    );
}

#[test]
fn named_votes_come_from_members_present_or_represented_once_each() {
    let body = body_with(quorum_rules());
    let ids: Vec<MemberId> = body.content.members.iter().map(|m| m.id).collect();
    let held = convened(&body).hold(&body, half_present(&body), None, None).unwrap();
    let votes = Votes::Named(vec![
        (ids[0], VoteChoice::For),
        (ids[0], VoteChoice::For),
        (ids[7], VoteChoice::For),
    ]);
    let refused = decide(
        decision(MeetingId::generate(), votes),
        &held,
        &body,
        &Validated::default(),
        None,
    )
    .unwrap_err();
    assert_eq!(
        codes(&refused),
        [
            ("votes.1.memberId".to_owned(), FieldErrorCode::Invalid),
            ("votes.2.memberId".to_owned(), FieldErrorCode::Invalid)
        ]
    );
    let too_many = decide(
        decision(MeetingId::generate(), counts(4, 2, 0)),
        &held,
        &body,
        &Validated::default(),
        None,
    )
    .unwrap_err();
    assert_eq!(codes(&too_many), [("votes".to_owned(), FieldErrorCode::Invalid)]);
}

#[test]
fn the_directors_collective_decides_only_on_actions_the_council_validated() {
    let council = BodyId::generate();
    let body = body_with(Rules {
        competence: Some(Competence::ValidatedActionsOf {
            validating_body: council,
        }),
        majority: Some(Majority {
            threshold: more_than_half(),
            base: MajorityBase::VotesCast,
        }),
        ..charter_rules()
    });
    let held = convened(&body).hold(&body, present_all(&body), None, None).unwrap();
    let trip = ActionSheetId::generate();
    let mut content = decision(MeetingId::generate(), counts(8, 0, 0));
    content.concerns = vec![Concern::ActionSheet(trip)];
    let refused = decide(content.clone(), &held, &body, &Validated::default(), None).unwrap_err();
    assert_eq!(
        codes(&refused),
        [("concerns.0".to_owned(), FieldErrorCode::OutsideCompetence)]
    );
    let taken = decide(content.clone(), &held, &body, &Validated(vec![trip]), None).unwrap();
    assert_eq!(taken.outcome, Outcome::Adopted);
    // Nothing named: outside its competence too.
    content.concerns.clear();
    let refused = decide(content, &held, &body, &Validated(vec![trip]), None).unwrap_err();
    assert_eq!(
        codes(&refused),
        [("concerns".to_owned(), FieldErrorCode::OutsideCompetence)]
    );
}

#[test]
fn minutes_are_approved_only_at_a_later_meeting_of_the_same_body() {
    let body = body_with(charter_rules());
    let march = convened(&body)
        .hold(&body, present_all(&body), None, None)
        .unwrap()
        .draft_minutes("Présents : tous. Le voyage est reconduit.")
        .unwrap();
    assert_eq!(march.status, MeetingStatus::MinutesDrafted);
    let june = MeetingData {
        content: MeetingContent {
            starts_at: evening(2027, 6, 10),
            ..march.content.clone()
        },
        ..march.clone()
    };
    assert!(check_minutes_approval(&june, &march).is_ok());
    assert!(check_minutes_approval(&march, &march).is_err());
    assert!(check_minutes_approval(&march, &june).is_err());
    let mut other_body = march.clone();
    other_body.content.body_id = BodyId::generate();
    assert!(check_minutes_approval(&june, &other_body).is_err());

    let approved = march.approve_minutes(crate::ids::DecisionId::generate()).unwrap();
    assert_eq!(approved.status, MeetingStatus::MinutesApproved);
    assert!(approved.minutes.as_ref().unwrap().approved_by.is_some());
    assert!(check_minutes_approval(&june, &approved).is_err());
    assert!(approved.draft_minutes("changed").is_err());
}

#[test]
fn a_quarter_without_a_meeting_is_reported_and_an_ongoing_one_is_not() {
    let facts = |d: NaiveDate, status| MeetingFacts {
        day: d,
        status,
        convened_on_time: Some(true),
        quorum_reached: Some(true),
    };
    let meetings = [
        facts(day(2026, 2, 12), MeetingStatus::MinutesApproved),
        // The second quarter's only meeting was cancelled.
        facts(day(2026, 5, 21), MeetingStatus::Cancelled),
        facts(day(2026, 9, 17), MeetingStatus::MinutesDrafted),
        facts(day(2026, 12, 17), MeetingStatus::Convened),
    ];
    let report = conformity(2026, day(2026, 12, 7), charter_rules().frequency, &meetings);
    let missed: Vec<NaiveDate> = report.missed_periods().map(|p| p.first_day).collect();
    assert_eq!(missed, [day(2026, 4, 1)]);
    assert!(report.periods[3].ongoing && !report.periods[3].missed);
    assert_eq!((report.meetings, report.held, report.cancelled), (4, 2, 1));
    assert_eq!(report.minutes_approved, 1);
    // The year over, the fourth quarter's meeting not held: missed too.
    let report = conformity(2026, day(2027, 1, 5), charter_rules().frequency, &meetings);
    assert_eq!(report.missed_periods().count(), 2);
}

#[test]
fn members_are_validated_and_designations_name_members() {
    let mut draft = BodyDraft {
        kind: BodyKind::Council,
        name: "Conseil".to_owned(),
        pact_id: None,
        parent_id: None,
        members: council_members(),
        designations: vec![Designation {
            year: 2027,
            role: DesignationRole::Chair,
            member: MemberId::generate(),
        }],
    };
    draft.members[3].email = Some("not an address".to_owned());
    draft.members[4].email = Some("   ".to_owned());
    let errors = draft.validate().unwrap_err();
    assert_eq!(
        codes(&errors),
        [
            ("members.3.email".to_owned(), FieldErrorCode::Invalid),
            ("designations.0.memberId".to_owned(), FieldErrorCode::Invalid)
        ]
    );
}

#[test]
fn the_rulebook_in_force_is_the_latest_applying_on_the_day() {
    let v1 = Rulebook {
        version: 1,
        effective_from: day(2014, 1, 1),
        rules: charter_rules(),
    };
    let v2 = Rulebook {
        version: 2,
        effective_from: day(2027, 1, 1),
        rules: quorum_rules(),
    };
    let books = [v1, v2];
    assert_eq!(in_force(&books, day(2026, 12, 31)).map(|r| r.version), Some(1));
    assert_eq!(in_force(&books, day(2027, 1, 1)).map(|r| r.version), Some(2));
    assert_eq!(in_force(&books, day(2013, 1, 1)).map(|r| r.version), None);
}

#[test]
fn a_convocation_writes_one_letter_per_address_with_the_agenda_and_an_invitation() {
    let mut body = body_with(charter_rules());
    body.content.members[9].email = None;
    let id = MeetingId::generate();
    let convened = convened(&body);
    let written = letters(&body.content, id, &convened);
    assert_eq!(written.len(), 9, "the member without an address gets none");
    let first = &written[0];
    assert_eq!(first.to.as_str(), "présidente.0@calaisis.example.fr");
    assert_eq!(
        first.subject,
        "Convocation — Conseil des Centres Sociaux du Calaisis — 11/03/2027 à 18 h 00"
    );
    assert!(first.text.starts_with("Bonjour Présidente 0,"), "{}", first.text);
    assert!(
        first
            .text
            .contains("Ordre du jour :\n1. Voyage en Angleterre des jeunes\n"),
        "{}",
        first.text
    );
    assert!(
        first.text.contains("Lieu : Centre Social Matisse, Calais"),
        "{}",
        first.text
    );
    let calendar = &first.calendar;
    assert!(calendar.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), "{calendar}");
    assert!(calendar.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"), "{calendar}");
    // 18:00 in Calais (UTC+1) is 17:00 UTC; sent 1 March 2027 at 10:00 UTC.
    assert!(calendar.contains(&format!("UID:{id}@pactes\r\n")), "{calendar}");
    assert!(calendar.contains("DTSTART:20270311T170000Z\r\n"), "{calendar}");
    assert!(calendar.contains("DTSTAMP:20270301T100000Z\r\n"), "{calendar}");
    assert!(
        calendar.contains("LOCATION:Centre Social Matisse\\, Calais\r\n"),
        "{calendar}"
    );
    assert!(
        letters(&body.content, id, &meeting_on(&body, evening(2027, 3, 11))).is_empty(),
        "not convened: none"
    );
}
