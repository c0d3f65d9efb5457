//! The demo's governance, after the Calaisis charter (`../shared/seeds/002_…`): the Conseil des Centres Sociaux
//! du Calaisis (each centre's president and director, the federation's president, the federal delegate), its
//! rules as the charter sets them (a meeting a quarter, a convocation by e-mail with an agenda 10 days ahead,
//! anything of the cooperation) and nothing more, the presidents' and the directors' collectives (the latter
//! deciding only within actions the council validated), and a year of the council's meetings — none in the
//! second quarter —, the decision validating the youth trip's action sheet, and the minutes of the February
//! meeting approved in September. **Every person's name here is invented**, and so are the meetings' dates.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use pactes_domain::agreement::Party;
use pactes_domain::governance::{
    AgendaItemDraft, AttendanceDraft, BodyData, BodyDraft, BodyKind, CalendarPeriod, Channel, Competence, Concern,
    DecisionContent, DecisionKind, Designation, DesignationRole, Frequency, MeetingData, MeetingDraft, MemberDraft,
    MemberRole, Outcome, Presence, Rules, Validated, Votes, decide,
};
use pactes_domain::record::Record;
use pactes_domain::{ActionSheetId, Actor, BodyId, CentreId, FederationId, PactId, RepositoryError};

use crate::tenant::insert_in;
use crate::write::Write;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// 18:00 in Calais, in winter time (the demo's dates are all in it or close enough for a demonstration).
fn evening(y: i32, m: u32, d: u32) -> DateTime<FixedOffset> {
    let paris = FixedOffset::east_opt(3600).unwrap_or(FixedOffset::east_opt(0).expect("UTC"));
    paris.with_ymd_and_hms(y, m, d, 18, 0, 0).single().unwrap_or_default()
}

fn sent(on: NaiveDate) -> DateTime<Utc> {
    on.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc()
}

/// Invented people: a president and a director for each of the charter's four centres.
const PEOPLE: [(&str, &str); 4] = [
    ("Monique Delattre", "Karim Benali"),
    ("Jean-Pierre Caron", "Sophie Lemaire"),
    ("Annie Fournier", "Thomas Vasseur"),
    ("Gérard Leroy", "Nadia Haddad"),
];

fn member(name: &str, role: MemberRole, represents: Party) -> MemberDraft {
    let address = name.to_lowercase().replace([' ', '-'], ".").replace(['é', 'è'], "e");
    MemberDraft {
        id: None,
        name: name.to_owned(),
        email: Some(format!("{address}@calaisis.demo.pactes.fr")),
        role,
        represents,
        voting: true,
        college: None,
        from: None,
        to: None,
    }
}

fn body(kind: BodyKind, name: &str, pact: PactId, parent: Option<BodyId>, members: Vec<MemberDraft>) -> BodyDraft {
    BodyDraft {
        kind,
        name: name.to_owned(),
        pact_id: Some(pact),
        parent_id: parent,
        members,
        designations: Vec::new(),
    }
}

fn meeting(body: BodyId, starts_at: DateTime<FixedOffset>, agenda: &[&str]) -> MeetingDraft {
    MeetingDraft {
        body_id: body,
        starts_at,
        place: Some("Centre Social Matisse, Calais".to_owned()),
        video_link: None,
        agenda: agenda
            .iter()
            .map(|title| AgendaItemDraft {
                title: (*title).to_owned(),
                description: None,
            })
            .collect(),
        second_convocation_of: None,
    }
}

fn everyone(body: &BodyData) -> Vec<AttendanceDraft> {
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

/// A meeting convened twelve days ahead and held with everyone present (the last member excused, when asked),
/// the first member chairing and the second taking the minutes.
fn held(body: &BodyData, draft: MeetingDraft, excused: bool) -> Result<MeetingData, RepositoryError> {
    let content = draft.validate()?;
    let day = content.day();
    let convened = MeetingData::planned(content, body).convene(body, sent(day - chrono::Days::new(12)), None)?;
    let mut attendance = everyone(body);
    if excused && let Some(last) = attendance.last_mut() {
        last.presence = Presence::Excused;
    }
    let chair = body.content.members.first().map(|m| m.id);
    let secretary = body.content.members.get(1).map(|m| m.id);
    Ok(convened.hold(body, attendance, chair, secretary)?)
}

/// Writes the Calaisis bodies, meetings and decisions; returns how many bodies.
pub(super) async fn calaisis(
    write: &Write,
    actor: &Actor,
    federation: FederationId,
    centres: &[CentreId],
    charter: PactId,
    trip: ActionSheetId,
) -> Result<usize, RepositoryError> {
    let mut council_members = Vec::new();
    for (centre, (president, director)) in centres.iter().zip(PEOPLE) {
        council_members.push(member(president, MemberRole::President, Party::Centre(*centre)));
        council_members.push(member(director, MemberRole::Director, Party::Centre(*centre)));
    }
    council_members.push(member(
        "Bernard Dumont",
        MemberRole::FederationPresident,
        Party::Federation,
    ));
    council_members.push(member(
        "Claire Vandenbussche",
        MemberRole::FederalDelegate,
        Party::Federation,
    ));
    let name = "Conseil des Centres Sociaux du Calaisis";
    let mut content = body(BodyKind::Council, name, charter, None, council_members).validate()?;
    // "Le Conseil désigne chaque année un(e) Président(e) et un(e) directeur(trice) pour animer celui-ci."
    content.designations = vec![
        Designation {
            year: 2026,
            role: DesignationRole::Chair,
            member: content.members[0].id,
        },
        Designation {
            year: 2026,
            role: DesignationRole::FacilitatingDirector,
            member: content.members[1].id,
        },
    ];
    let charter_rules = Rules {
        frequency: Some(Frequency {
            meetings: 1,
            per: CalendarPeriod::Quarter,
        }),
        notice_days: Some(10),
        channel: Some(Channel::Email),
        competence: Some(Competence::General),
        ..Rules::default()
    };
    let council = Record::create(
        federation,
        BodyData::new(content).adopt(day(2014, 1, 1), charter_rules)?,
    );
    let council = insert_in(write, actor, council).await?;

    let presidents: Vec<MemberDraft> = centres
        .iter()
        .zip(PEOPLE)
        .map(|(centre, (president, _))| member(president, MemberRole::President, Party::Centre(*centre)))
        .collect();
    let presidents = body(
        BodyKind::PresidentsCollective,
        "Collectif des présidents des centres sociaux du Calaisis",
        charter,
        Some(council.id),
        presidents,
    )
    .validate()?;
    // "Se réunit en fonction des projets": no frequency; nothing else is said.
    insert_in(write, actor, Record::create(federation, BodyData::new(presidents))).await?;

    let directors: Vec<MemberDraft> = centres
        .iter()
        .zip(PEOPLE)
        .map(|(centre, (_, director))| member(director, MemberRole::Director, Party::Centre(*centre)))
        .collect();
    let directors = body(
        BodyKind::DirectorsCollective,
        "Collectif des directeurs des centres sociaux du Calaisis",
        charter,
        Some(council.id),
        directors,
    )
    .validate()?;
    // "Il ne peut prendre de décisions que dans le cadre des actions coopératives validées par le Conseil."
    let directors_rules = Rules {
        competence: Some(Competence::ValidatedActionsOf {
            validating_body: council.id,
        }),
        ..Rules::default()
    };
    let directors = BodyData::new(directors).adopt(day(2014, 1, 1), directors_rules)?;
    let directors = insert_in(write, actor, Record::create(federation, directors)).await?;

    // The council's year: February, September and November — nothing between April and June.
    let c = &council.data;
    let february = held(
        c,
        meeting(
            council.id,
            evening(2026, 2, 12),
            &["Vœux communs aux partenaires", "Bilan 2025"],
        ),
        false,
    )?
    .draft_minutes(
        "Présents : le Conseil au complet. Les vœux communs aux partenaires sont envoyés. Le bilan 2025 est présenté.",
    )?;
    let september = held(
        c,
        meeting(
            council.id,
            evening(2026, 9, 17),
            &[
                "Approbation du compte rendu du 12 février",
                "Voyage en Angleterre des jeunes",
            ],
        ),
        true,
    )?;
    let november = held(
        c,
        meeting(council.id, evening(2026, 11, 26), &["Programme 2027"]),
        false,
    )?;
    let february = Record::create(federation, february);
    let september = Record::create(federation, september);
    let show_of_hands = |for_: u32| Votes::Counts {
        for_,
        against: 0,
        abstain: 0,
        chair: None,
    };
    // The charter sets no majority: the outcome is the meeting's own, and recorded as declared.
    let validation = decide(
        DecisionContent {
            meeting_id: september.id,
            agenda_item: Some(1),
            kind: DecisionKind::ActionValidation,
            text: "Le Conseil valide la fiche action du voyage en Angleterre des jeunes.".to_owned(),
            votes: show_of_hands(9),
            concerns: vec![Concern::ActionSheet(trip)],
        },
        &september.data,
        c,
        &Validated::default(),
        Some(Outcome::Adopted),
    )?;
    let approval = decide(
        DecisionContent {
            meeting_id: september.id,
            agenda_item: Some(0),
            kind: DecisionKind::MinutesApproval,
            text: "Le compte rendu de la réunion du 12 février est approuvé.".to_owned(),
            votes: show_of_hands(9),
            concerns: vec![Concern::Meeting(february.id)],
        },
        &september.data,
        c,
        &Validated::default(),
        Some(Outcome::Adopted),
    )?;
    let approval = Record::create(federation, approval);
    let february = Record {
        data: february
            .data
            .approve_minutes(approval.id)
            .map_err(|e| e.on(&["minutes"]))?,
        ..february
    };
    for m in [february, september, Record::create(federation, november)] {
        insert_in(write, actor, m).await?;
    }
    insert_in(write, actor, Record::create(federation, validation)).await?;
    insert_in(write, actor, approval).await?;

    // The directors' collective carries the trip out: within the council's validation.
    let d = &directors.data;
    let october = Record::create(
        federation,
        held(
            d,
            meeting(
                directors.id,
                evening(2026, 10, 8),
                &["Voyage : transport et hébergement"],
            ),
            false,
        )?,
    );
    let carrying_out = decide(
        DecisionContent {
            meeting_id: october.id,
            agenda_item: Some(0),
            kind: DecisionKind::Ordinary,
            text: "Le transport en car et l'hébergement à Douvres sont retenus pour le voyage des jeunes.".to_owned(),
            votes: show_of_hands(4),
            concerns: vec![Concern::ActionSheet(trip)],
        },
        &october.data,
        d,
        &Validated(vec![trip]),
        Some(Outcome::Adopted),
    )?;
    insert_in(write, actor, october).await?;
    insert_in(write, actor, Record::create(federation, carrying_out)).await?;
    Ok(3)
}
