//! Governance in storage, on both databases: the Calaisis council run by its charter (`../shared/seeds/002_…`) —
//! its convocations against the notice, proxies within their cap, the quorum and a decision without it, minutes
//! approved at the next meeting only, the directors' collective held to the actions the council validated, the
//! quarter without a meeting reported — and who sees it.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use pactes_domain::agreement::Party;
use pactes_domain::governance::{
    AgendaItemDraft, AttendanceDraft, Body, BodyDraft, BodyFilter, BodyKind, CalendarPeriod, Channel, Comparison,
    Competence, Concern, DecisionContent, DecisionKind, Frequency, GovernanceRepository, Holding, Majority,
    MajorityBase, Meeting, MeetingDraft, MeetingFilter, MeetingStatus, MemberDraft, MemberRole, Outcome, OutcomeBasis,
    Presence, Quorum, QuorumBasis, Rules, Share, Threshold, Votes,
};
use pactes_domain::pacts::ActionSheetRepository;
use pactes_domain::repository::RecordsById;
use pactes_domain::{BodyId, FieldErrorCode, MeetingId, MemberId, Scope};
use pactes_persistence::Database;

use crate::both;
use crate::pacts::{Directory, actor, codes, day, directory};
use crate::support::first;

/// Calais in winter.
fn calais_time() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

/// `days` days from now at this hour, in Calais.
fn in_days(days: i64) -> DateTime<FixedOffset> {
    (Utc::now() + Duration::days(days)).with_timezone(&calais_time())
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

/// The council's composition by the charter: the four centres' presidents and directors, the federation's
/// president and the federal delegate (invented names).
fn composition(calais: &Directory, kind: BodyKind, name: &str) -> BodyDraft {
    let mut members = Vec::new();
    for (i, centre) in calais.centres.iter().take(4).enumerate() {
        members.push(member(
            &format!("Présidente {i}"),
            MemberRole::President,
            Party::Centre(*centre),
        ));
        members.push(member(
            &format!("Directeur {i}"),
            MemberRole::Director,
            Party::Centre(*centre),
        ));
    }
    if kind == BodyKind::Council {
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
    }
    BodyDraft {
        kind,
        name: name.to_owned(),
        pact_id: None,
        parent_id: None,
        members,
        designations: Vec::new(),
    }
}

fn more_than_half() -> Threshold {
    Threshold {
        comparison: Comparison::MoreThan,
        share: Share::new(1, 2).unwrap(),
    }
}

/// "Au moins une fois tous les trimestres… au moins 10 jours à l'avance", by e-mail; nothing else is set.
fn charter() -> Rules {
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

async fn body(db: &Database, calais: &Directory, draft: BodyDraft, rules: Rules) -> Body {
    let created = db
        .create_body(calais.tenant, &actor(), draft.validate().unwrap())
        .await
        .unwrap();
    db.adopt_rulebook(calais.tenant, &actor(), created.id, 1, day(2014, 1, 1), rules)
        .await
        .unwrap()
}

async fn plan(db: &Database, calais: &Directory, body: BodyId, starts_at: DateTime<FixedOffset>) -> Meeting {
    let draft = MeetingDraft {
        body_id: body,
        starts_at,
        place: Some("Centre Social Matisse, Calais".to_owned()),
        video_link: None,
        agenda: vec![AgendaItemDraft {
            title: "Voyage en Angleterre des jeunes".to_owned(),
            description: None,
        }],
        second_convocation_of: None,
    };
    db.plan_meeting(calais.tenant, &actor(), draft.validate().unwrap())
        .await
        .unwrap()
}

async fn convened(db: &Database, calais: &Directory, body: BodyId, days: i64) -> Meeting {
    let planned = plan(db, calais, body, in_days(days)).await;
    db.convene_meeting(calais.tenant, &actor(), planned.id, 1, None)
        .await
        .unwrap()
}

fn everyone(body: &Body, presence: Presence) -> Vec<AttendanceDraft> {
    body.data
        .content
        .members
        .iter()
        .map(|m| AttendanceDraft {
            member: m.id,
            presence,
            proxy: None,
        })
        .collect()
}

async fn held(db: &Database, calais: &Directory, meeting: &Meeting, attendance: Vec<AttendanceDraft>) -> Meeting {
    let holding = Holding {
        attendance,
        chair: None,
        secretary: None,
    };
    db.hold_meeting(calais.tenant, &actor(), meeting.id, meeting.meta.version, holding)
        .await
        .unwrap()
}

fn decision(meeting: MeetingId, kind: DecisionKind, votes: Votes, concerns: Vec<Concern>) -> DecisionContent {
    DecisionContent {
        meeting_id: meeting,
        agenda_item: Some(0),
        kind,
        text: "Le voyage en Angleterre des jeunes est validé.".to_owned(),
        votes,
        concerns,
    }
}

fn show_of_hands(for_: u32, against: u32) -> Votes {
    Votes::Counts {
        for_,
        against,
        abstain: 0,
        chair: None,
    }
}

async fn whole_meeting(db: &Database, scope: &Scope, id: MeetingId) -> Option<Meeting> {
    db.records_by_ids(scope, &[id]).await.unwrap().pop()
}

both!(
    a_convocation_gives_the_charter_s_notice_or_says_why_not,
    demo,
    |db| async move {
        let calais = directory(&db, "pas-de-calais").await;
        let scope = Scope::Federation(calais.tenant);
        let council = body(
            &db,
            &calais,
            composition(&calais, BodyKind::Council, "Conseil des Centres Sociaux du Calaisis"),
            charter(),
        )
        .await;
        assert_eq!(council.data.rulebooks.len(), 1);

        // Nine days ahead: refused, and nothing changed.
        let early = plan(&db, &calais, council.id, in_days(9)).await;
        let refused = db
            .convene_meeting(calais.tenant, &actor(), early.id, 1, None)
            .await
            .unwrap_err();
        assert_eq!(codes(refused), [("sentAt".to_owned(), FieldErrorCode::NoticeTooShort)]);
        let unchanged = whole_meeting(&db, &scope, early.id).await.unwrap();
        assert_eq!(
            (unchanged.data.status, unchanged.meta.version),
            (MeetingStatus::Planned, 1)
        );

        // Urgent, with a reason: sent.
        let urgent = db
            .convene_meeting(
                calais.tenant,
                &actor(),
                early.id,
                1,
                Some("la CAF attend la réponse du Conseil".to_owned()),
            )
            .await
            .unwrap();
        assert_eq!(urgent.data.status, MeetingStatus::Convened);

        // Ten days ahead: sent to the ten members, as they were; read back as written.
        let on_time = convened(&db, &calais, council.id, 10).await;
        let convocation = on_time.data.convocation.as_ref().unwrap();
        assert_eq!((convocation.days_ahead, convocation.recipients.len()), (10, 10));
        assert_eq!(convocation.urgent_reason, None);
        assert_eq!(on_time.data.rulebook_version, Some(1));
        assert_eq!(whole_meeting(&db, &scope, on_time.id).await.unwrap(), on_time);

        // The body read back whole, its rules as adopted, the unset ones unset.
        let read: Body = db.records_by_ids(&scope, &[council.id]).await.unwrap().pop().unwrap();
        assert_eq!(read, council);
        assert_eq!(read.data.rulebooks[0].rules, charter());
    }
);

both!(proxies_quorum_and_a_decision_without_quorum, demo, |db| async move {
    let calais = directory(&db, "pas-de-calais").await;
    let rules = Rules {
        quorum: Some(Quorum {
            threshold: more_than_half(),
            counts: QuorumBasis::PresentOrRepresented,
            waived_on_second_convocation: false,
        }),
        proxy_cap: Some(2),
        majority: Some(Majority {
            threshold: more_than_half(),
            base: MajorityBase::VotesCast,
        }),
        ..charter()
    };
    let council = body(
        &db,
        &calais,
        composition(&calais, BodyKind::Council, "Conseil du Calaisis"),
        rules,
    )
    .await;
    let ids: Vec<MemberId> = council.data.content.members.iter().map(|m| m.id).collect();
    let meeting = convened(&db, &calais, council.id, 12).await;

    // Members 1 and 2 both give their proxy to member 0: a third vote for one person.
    let mut attendance = everyone(&council, Presence::Present);
    for i in [1, 2] {
        attendance[i] = AttendanceDraft {
            member: ids[i],
            presence: Presence::Represented,
            proxy: Some(ids[0]),
        };
    }
    let holding = Holding {
        attendance: attendance.clone(),
        chair: Some(ids[0]),
        secretary: None,
    };
    let refused = db
        .hold_meeting(calais.tenant, &actor(), meeting.id, meeting.meta.version, holding)
        .await
        .unwrap_err();
    assert_eq!(
        codes(refused),
        [("attendance.2.proxyId".to_owned(), FieldErrorCode::ProxyCapExceeded)]
    );

    // Five of ten present, none represented: not more than half.
    let mut half = everyone(&council, Presence::Present);
    for line in &mut half[5..] {
        line.presence = Presence::Excused;
    }
    let thin = held(&db, &calais, &meeting, half).await;
    let quorum = thin.data.quorum.unwrap();
    assert_eq!(
        (quorum.voting_members, quorum.present, quorum.required, quorum.reached),
        (10, 5, Some(6), false)
    );
    let taken = db
        .record_decision(
            calais.tenant,
            &actor(),
            decision(thin.id, DecisionKind::Ordinary, show_of_hands(5, 0), vec![]),
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        (taken.data.outcome, taken.data.reckoning.basis),
        (Outcome::NotValid, OutcomeBasis::Quorum)
    );
    let read: Vec<_> = db
        .records_by_ids(&Scope::Federation(calais.tenant), &[taken.id])
        .await
        .unwrap();
    assert_eq!(read, [taken]);
});

both!(minutes_are_approved_at_a_later_meeting_only, demo, |db| async move {
    let calais = directory(&db, "pas-de-calais").await;
    let scope = Scope::Federation(calais.tenant);
    let council = body(
        &db,
        &calais,
        composition(&calais, BodyKind::Council, "Conseil du Calaisis"),
        charter(),
    )
    .await;
    let march = held(
        &db,
        &calais,
        &convened(&db, &calais, council.id, 11).await,
        everyone(&council, Presence::Present),
    )
    .await;
    let march = db
        .draft_minutes(
            calais.tenant,
            &actor(),
            march.id,
            march.meta.version,
            "Présents : tous.".to_owned(),
        )
        .await
        .unwrap();
    let june = held(
        &db,
        &calais,
        &convened(&db, &calais, council.id, 100).await,
        everyone(&council, Presence::Present),
    )
    .await;

    // At the same meeting: refused.
    let approval = |at: MeetingId| {
        decision(
            at,
            DecisionKind::MinutesApproval,
            show_of_hands(10, 0),
            vec![Concern::Meeting(march.id)],
        )
    };
    let refused = db
        .record_decision(calais.tenant, &actor(), approval(march.id), Some(Outcome::Adopted))
        .await
        .unwrap_err();
    assert_eq!(
        codes(refused),
        [("concerns.0".to_owned(), FieldErrorCode::InvalidState)]
    );

    // At the next one: the decision, and the earlier minutes approved with it.
    let approved = db
        .record_decision(calais.tenant, &actor(), approval(june.id), Some(Outcome::Adopted))
        .await
        .unwrap();
    let march = whole_meeting(&db, &scope, march.id).await.unwrap();
    assert_eq!(march.data.status, MeetingStatus::MinutesApproved);
    assert_eq!(march.data.minutes.unwrap().approved_by, Some(approved.id));

    // Approved once: not again.
    let again = db
        .record_decision(calais.tenant, &actor(), approval(june.id), Some(Outcome::Adopted))
        .await
        .unwrap_err();
    assert_eq!(codes(again), [("concerns.0".to_owned(), FieldErrorCode::InvalidState)]);
});

both!(
    the_directors_collective_decides_only_on_actions_the_council_validated,
    demo,
    |db| async move {
        let calais = directory(&db, "pas-de-calais").await;
        let council = body(
            &db,
            &calais,
            composition(&calais, BodyKind::Council, "Conseil du Calaisis"),
            charter(),
        )
        .await;
        let collective_rules = Rules {
            competence: Some(Competence::ValidatedActionsOf {
                validating_body: council.id,
            }),
            majority: Some(Majority {
                threshold: more_than_half(),
                base: MajorityBase::VotesCast,
            }),
            ..charter()
        };
        let collective = body(
            &db,
            &calais,
            composition(
                &calais,
                BodyKind::DirectorsCollective,
                "Collectif des directeurs du Calaisis",
            ),
            collective_rules,
        )
        .await;
        let pact = crate::actions::pact(&db, &calais).await;
        let trip = db
            .create_action_sheet(
                calais.tenant,
                &actor(),
                crate::actions::mobility(&calais, &pact).validate().unwrap(),
            )
            .await
            .unwrap();

        let directors = held(
            &db,
            &calais,
            &convened(&db, &calais, collective.id, 20).await,
            everyone(&collective, Presence::Present),
        )
        .await;
        let carry_out = || {
            decision(
                directors.id,
                DecisionKind::Ordinary,
                show_of_hands(8, 0),
                vec![Concern::ActionSheet(trip.id)],
            )
        };
        let refused = db
            .record_decision(calais.tenant, &actor(), carry_out(), None)
            .await
            .unwrap_err();
        assert_eq!(
            codes(refused),
            [("concerns.0".to_owned(), FieldErrorCode::OutsideCompetence)]
        );

        // The council validates the sheet (its charter sets no majority: the outcome is declared)…
        let councillors = held(
            &db,
            &calais,
            &convened(&db, &calais, council.id, 15).await,
            everyone(&council, Presence::Present),
        )
        .await;
        let validation = decision(
            councillors.id,
            DecisionKind::ActionValidation,
            show_of_hands(10, 0),
            vec![Concern::ActionSheet(trip.id)],
        );
        let validated = db
            .record_decision(calais.tenant, &actor(), validation, Some(Outcome::Adopted))
            .await
            .unwrap();
        assert_eq!(validated.data.reckoning.basis, OutcomeBasis::Declared);

        // …and the collective may now decide on it.
        let taken = db
            .record_decision(calais.tenant, &actor(), carry_out(), None)
            .await
            .unwrap();
        assert_eq!(taken.data.outcome, Outcome::Adopted);
    }
);

both!(a_quarter_without_a_meeting_is_reported, demo, |db| async move {
    let calais = directory(&db, "pas-de-calais").await;
    let scope = Scope::Federation(calais.tenant);
    let council = body(
        &db,
        &calais,
        composition(&calais, BodyKind::Council, "Conseil du Calaisis"),
        charter(),
    )
    .await;
    // Meetings in the first, third and fourth quarters of next year, held; the second quarter's is cancelled.
    let next = chrono::Datelike::year(&Utc::now()) + 1;
    let on = |m: u32, d: u32| calais_time().with_ymd_and_hms(next, m, d, 18, 0, 0).unwrap();
    use chrono::TimeZone;
    for (m, d) in [(2, 11), (9, 16), (12, 9)] {
        let planned = plan(&db, &calais, council.id, on(m, d)).await;
        let sent = db
            .convene_meeting(calais.tenant, &actor(), planned.id, 1, None)
            .await
            .unwrap();
        held(&db, &calais, &sent, everyone(&council, Presence::Present)).await;
    }
    let may = plan(&db, &calais, council.id, on(5, 20)).await;
    db.cancel_meeting(
        calais.tenant,
        &actor(),
        may.id,
        1,
        Some("Salle indisponible".to_owned()),
    )
    .await
    .unwrap();

    let report = db
        .conformity(&scope, council.id, next, day(next + 1, 1, 10))
        .await
        .unwrap()
        .unwrap();
    let missed: Vec<_> = report.missed_periods().map(|p| p.first_day).collect();
    assert_eq!(missed, [day(next, 4, 1)]);
    assert_eq!((report.meetings, report.held, report.cancelled), (4, 3, 1));
    assert_eq!((report.convened, report.convened_on_time), (3, 3));

    // Listed by date, latest first.
    let filter = MeetingFilter {
        body: Some(council.id),
        ..MeetingFilter::default()
    };
    let page = db.list_meetings(&scope, &filter, &first(10)).await.unwrap();
    let days: Vec<_> = page.items.iter().map(|m| m.data.content.day()).collect();
    assert_eq!(
        days,
        [day(next, 12, 9), day(next, 9, 16), day(next, 5, 20), day(next, 2, 11)]
    );
});

both!(no_other_federation_and_no_partner_sees_a_body, demo, |db| async move {
    let calais = directory(&db, "pas-de-calais").await;
    let nord = directory(&db, "nord").await;
    let council = body(
        &db,
        &calais,
        composition(&calais, BodyKind::Council, "Conseil du Calaisis"),
        charter(),
    )
    .await;
    let meeting = convened(&db, &calais, council.id, 30).await;
    let partner = Scope::Partner {
        federation: calais.tenant,
        partner: calais.partners[0],
    };
    for scope in [Scope::Federation(nord.tenant), partner] {
        let bodies: Vec<Body> = db.records_by_ids(&scope, &[council.id]).await.unwrap();
        assert!(bodies.is_empty(), "{scope:?}");
        assert!(whole_meeting(&db, &scope, meeting.id).await.is_none(), "{scope:?}");
        let page = db
            .list_bodies(&scope, &BodyFilter::default(), &first(10))
            .await
            .unwrap();
        assert!(page.items.is_empty(), "{scope:?}");
    }
    let own = db
        .list_bodies(&Scope::Federation(calais.tenant), &BodyFilter::default(), &first(10))
        .await
        .unwrap();
    assert!(own.items.iter().any(|b| b.id == council.id));

    // Another federation's write does not reach it either.
    let refused = db
        .convene_meeting(nord.tenant, &actor(), meeting.id, meeting.meta.version, None)
        .await
        .unwrap_err();
    assert!(
        matches!(refused, pactes_domain::RepositoryError::NotFound),
        "{refused:?}"
    );
});

both!(
    convening_queues_one_letter_per_address_claimed_once_and_sent_once,
    demo,
    |db| async move {
        let calais = directory(&db, "pas-de-calais").await;
        let scope = Scope::Federation(calais.tenant);
        let council = body(
            &db,
            &calais,
            composition(&calais, BodyKind::Council, "Conseil du Calaisis"),
            charter(),
        )
        .await;
        let meeting = convened(&db, &calais, council.id, 14).await;
        let queued = db.deliveries(&scope, meeting.id).await.unwrap();
        assert_eq!(queued.len(), 10);
        assert!(queued.iter().all(|d| !d.sent && d.attempts == 0));

        // This test's letters are the only ones due: the demo convenes nothing.
        let now = Utc::now() + Duration::seconds(1);
        let lease = Duration::minutes(5);
        let claimed = db.claim_letters(now, 100, lease).await.unwrap();
        assert_eq!(claimed.len(), 10);
        assert!(claimed[0].calendar.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(claimed[0].subject.starts_with("Convocation — Conseil du Calaisis — "));
        // Leased: nobody else claims them, not even this sender again.
        assert!(db.claim_letters(now, 100, lease).await.unwrap().is_empty());

        // One fails (the server was unreachable) and is due again later; the others are sent.
        let (failed, rest) = claimed.split_first().unwrap();
        db.letter_failed(failed.id, "connection refused", now + Duration::seconds(30))
            .await
            .unwrap();
        for letter in rest {
            db.letter_sent(letter.id, now).await.unwrap();
        }
        assert!(
            db.claim_letters(now, 100, lease).await.unwrap().is_empty(),
            "not due yet"
        );
        let again = db.claim_letters(now + Duration::seconds(31), 100, lease).await.unwrap();
        assert_eq!(
            again.iter().map(|l| (l.id, l.attempts)).collect::<Vec<_>>(),
            [(failed.id, 2)]
        );
        db.letter_sent(failed.id, now).await.unwrap();
        assert!(
            db.claim_letters(now + Duration::hours(1), 100, lease)
                .await
                .unwrap()
                .is_empty(),
            "sent once"
        );
        let delivered = db.deliveries(&scope, meeting.id).await.unwrap();
        assert!(delivered.iter().all(|d| d.sent), "{delivered:?}");

        // Not another federation's, nor a partner's, to read.
        let nord = directory(&db, "nord").await;
        assert!(
            db.deliveries(&Scope::Federation(nord.tenant), meeting.id)
                .await
                .unwrap()
                .is_empty()
        );
    }
);
