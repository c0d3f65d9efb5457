//! `GET /meetings/{id}/minutes.html`: the printable minutes (*compte rendu*) of a meeting and its record of
//! decisions (*relevé de décisions*) — the body, the date and place, the convocation, the agenda, who was present,
//! represented, excused or absent, the quorum, who chaired and took the minutes, each decision with its votes
//! and outcome, and the minutes' text with their approval — in French, with print styles, loading nothing from
//! elsewhere. People's names are personal data: staff read them; another reader sees each member's role.

use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY};
use actix_web::{HttpRequest, HttpResponse, web};
use maud::{DOCTYPE, Markup, html};
use pactes_domain::governance::{
    Body, BodyData, Decision, DecisionFilter, DecisionKind, GovernanceRepository, Meeting, MeetingData, MeetingStatus,
    MemberRole, Outcome, OutcomeBasis, Presence,
};
use pactes_domain::page::PageRequest;
use pactes_domain::repository::RecordsById;
use pactes_domain::{Area, MeetingId, MemberId, Permission, Scope};

use super::bearer::{authorized, refused};
use super::french::date as french_date;
use crate::state::AppState;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:48rem;color:#111;line-height:1.45}\
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #999}\
p.meta{color:#333;margin-top:0}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;\
border-bottom:1px solid #ccc;vertical-align:top}footer{margin-top:2rem;color:#444;font-size:.9rem}\
.minutes{white-space:pre-wrap}@media print{body{margin:0;max-width:none}h2{break-after:avoid}section{break-inside:avoid}}";

fn role_label(role: MemberRole) -> &'static str {
    match role {
        MemberRole::President => "Président(e)",
        MemberRole::Director => "Directeur (trice)",
        MemberRole::FederationPresident => "Président(e) de la fédération",
        MemberRole::FederalDelegate => "Délégué(e) fédéral(e)",
        MemberRole::Secretary => "Secrétaire",
        MemberRole::InvitedExpert => "Personne invitée",
        MemberRole::PartnerRepresentative => "Représentant(e) d'un partenaire",
        MemberRole::Other => "Membre",
    }
}

fn status_label(status: MeetingStatus) -> &'static str {
    match status {
        MeetingStatus::Planned => "réunion prévue",
        MeetingStatus::Convened => "réunion convoquée",
        MeetingStatus::Held => "réunion tenue, compte rendu à rédiger",
        MeetingStatus::MinutesDrafted => "projet de compte rendu, à approuver",
        MeetingStatus::MinutesApproved => "compte rendu approuvé",
        MeetingStatus::Cancelled => "réunion annulée",
    }
}

fn kind_label(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Ordinary => "Décision",
        DecisionKind::ActionValidation => "Validation d'action",
        DecisionKind::MinutesApproval => "Approbation de compte rendu",
        DecisionKind::Budget => "Budget",
        DecisionKind::Rules => "Règlement",
        DecisionKind::Designation => "Désignation",
    }
}

fn outcome_label(decision: &Decision) -> String {
    let outcome = match decision.data.outcome {
        Outcome::Adopted => "adoptée",
        Outcome::Rejected => "rejetée",
        Outcome::NotValid => "sans valeur : quorum non atteint",
    };
    let basis = match decision.data.reckoning.basis {
        OutcomeBasis::Rulebook => match (decision.data.reckoning.base, decision.data.reckoning.required) {
            (Some(base), Some(required)) => format!(" (majorité du règlement : {required} voix sur {base})"),
            _ => String::new(),
        },
        OutcomeBasis::Declared => " (constatée par la réunion : le règlement ne fixe pas de majorité)".to_owned(),
        OutcomeBasis::Quorum => String::new(),
    };
    format!("{outcome}{basis}")
}

/// The minutes page of `meeting` of `body`, with its `decisions`, as on `today`; `names`: whether the reader may
/// see people's names.
pub fn render(body: &Body, meeting: &Meeting, decisions: &[Decision], names: bool, today: chrono::NaiveDate) -> Markup {
    let m = &meeting.data;
    let people = &body.data.content;
    let who = |id: MemberId| -> String {
        match people.member(id) {
            Some(member) if names => format!("{} — {}", member.name.as_str(), role_label(member.role)),
            Some(member) => role_label(member.role).to_owned(),
            None => "membre qui n'appartient plus à l'instance".to_owned(),
        }
    };
    let listed = |presence: Presence| -> Vec<String> {
        m.attendance
            .iter()
            .filter(|a| a.presence == presence)
            .map(|a| match a.proxy {
                Some(holder) if presence == Presence::Represented => {
                    format!("{}, par pouvoir à {}", who(a.member), who(holder))
                }
                _ => who(a.member),
            })
            .collect()
    };
    let starts = m.content.starts_at;
    html! {
        (DOCTYPE)
        html lang="fr" {
            head {
                meta charset="utf-8";
                title { "Compte rendu — " (people.name.as_str()) " — " (french_date(starts.date_naive())) }
                style { (STYLE) }
            }
            body {
                main {
                    h1 { "Compte rendu — " (people.name.as_str()) }
                    p.meta {
                        "Réunion du " (french_date(starts.date_naive())) " à " (starts.format("%H h %M"))
                        @if let Some(place) = &m.content.place { " · " (place.as_str()) }
                        " · " (status_label(m.status))
                    }
                    section {
                        h2 { "Convocation" }
                        @match &m.convocation {
                            Some(c) => p {
                                "Envoyée le " (french_date(c.sent_at.date_naive())) ", " (c.days_ahead) " jours avant la réunion, à "
                                (c.recipients.len()) " membres."
                                @if let Some(reason) = &c.urgent_reason { " Convocation urgente : " (reason) }
                            },
                            None => p { "Pas de convocation enregistrée." },
                        }
                    }
                    section {
                        h2 { "Ordre du jour" }
                        ol { @for item in &m.content.agenda { li { (item.title.as_str()) } } }
                    }
                    section {
                        h2 { "Présences" }
                        table {
                            caption { "Membres de l'instance le jour de la réunion" }
                            thead { tr { th scope="col" { "Présence" } th scope="col" { "Membres" } } }
                            tbody {
                                @for (label, presence) in [("Présents", Presence::Present), ("Représentés", Presence::Represented),
                                    ("Excusés", Presence::Excused), ("Absents", Presence::Absent)] {
                                    @let members = listed(presence);
                                    tr { th scope="row" { (label) " (" (members.len()) ")" } td { (members.join(" ; ")) } }
                                }
                            }
                        }
                        @if let Some(q) = &m.quorum {
                            p {
                                @match q.required {
                                    Some(required) => {
                                        "Quorum : " (required) " requis sur " (q.voting_members) " membres votants ; "
                                        (q.present) " présents, " (q.represented) " représentés : "
                                        (if q.reached { if q.waived { "levé en seconde convocation" } else { "atteint" } } else { "non atteint" }) "."
                                    }
                                    None => { "Quorum : le règlement n'en fixe pas." }
                                }
                            }
                        }
                        p {
                            "Présidence : " (m.chair.map(&who).unwrap_or_else(|| "non indiquée".to_owned()))
                            " · Secrétariat : " (m.secretary.map(&who).unwrap_or_else(|| "non indiqué".to_owned()))
                        }
                    }
                    section {
                        h2 { "Relevé de décisions" }
                        @if decisions.is_empty() { p { "Aucune décision." } }
                        @for (i, d) in decisions.iter().enumerate() {
                            article {
                                h3 { (i + 1) ". " (kind_label(d.data.content.kind)) }
                                p { (d.data.content.text) }
                                p {
                                    (d.data.tally.for_) " pour, " (d.data.tally.against) " contre, "
                                    (d.data.tally.abstain) " abstention(s) — " (outcome_label(d))
                                }
                            }
                        }
                    }
                    section {
                        h2 { "Compte rendu" }
                        @match (&m.minutes, names) {
                            (Some(minutes), true) => {
                                p.minutes { (minutes.text) }
                                p { @if minutes.approved_by.is_some() { "Approuvé lors d'une réunion suivante de l'instance." }
                                    @else { "Projet : à approuver lors d'une prochaine réunion de l'instance." } }
                            },
                            (Some(_), false) => p { "Le texte du compte rendu nomme des personnes : il est réservé à l'équipe fédérale." },
                            (None, _) => p { "Pas encore rédigé." },
                        }
                    }
                }
                footer { "Édité le " (french_date(today)) " par Pactes." }
            }
        }
    }
}

/// `GET /meetings/{id}/minutes.html`, `id` being the meeting's global id (as the API shows it).
pub async fn minutes(req: HttpRequest, id: web::Path<String>, state: web::Data<AppState>) -> HttpResponse {
    let caller = match authorized(&req, &state, Permission::Read(Area::Governance), "reading governance").await {
        Ok(caller) => caller,
        Err(refusal) => return refusal,
    };
    let scope = *caller.scope();
    let Some(uuid) = pactes_api::claim_id(&id, "Meeting") else {
        return refused(StatusCode::NOT_FOUND, "no such meeting");
    };
    match read(&state, &scope, MeetingId::from_uuid(uuid)).await {
        Ok(Some((body, meeting, decisions))) => {
            let names = caller.can(Permission::ReadPersonalData);
            let page = render(&body, &meeting, &decisions, names, chrono::Utc::now().date_naive());
            HttpResponse::Ok()
                .content_type("text/html; charset=utf-8")
                .insert_header((CACHE_CONTROL, "no-store"))
                .insert_header((
                    CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
                ))
                .body(page.into_string())
        }
        Ok(None) => refused(StatusCode::NOT_FOUND, "no such meeting"),
        Err(error) => {
            tracing::error!(%error, "cannot read a meeting for its minutes");
            refused(
                StatusCode::SERVICE_UNAVAILABLE,
                "cannot read the meeting right now; retry",
            )
        }
    }
}

type Read = Option<(Body, Meeting, Vec<Decision>)>;

async fn read(state: &AppState, scope: &Scope, id: MeetingId) -> Result<Read, pactes_domain::RepositoryError> {
    let Some(meeting) = RecordsById::<MeetingData>::records_by_ids(&state.db, scope, &[id])
        .await?
        .pop()
    else {
        return Ok(None);
    };
    let body = RecordsById::<BodyData>::records_by_ids(&state.db, scope, &[meeting.data.content.body_id]).await?;
    let Some(body) = body.into_iter().next() else {
        return Ok(None);
    };
    let filter = DecisionFilter {
        meeting: Some(id),
        ..DecisionFilter::default()
    };
    let page = PageRequest::Forward {
        limit: pactes_domain::governance::MAX_MEMBERS as u64,
        after: None,
    };
    let mut decisions = state.db.list_decisions(scope, &filter, &page).await?.items;
    // Listed latest first; the record of a meeting reads in the order they were taken.
    decisions.reverse();
    Ok(Some((body, meeting, decisions)))
}
