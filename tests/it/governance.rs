//! Governance over HTTP: the Calaisis council created with its charter's rules, a convocation refused nine days
//! ahead and sent ten days ahead, the rules the charter leaves out reported as unset, members' names read by
//! staff only, and nothing of it for a partner's token or another federation.

use serde_json::{Value, json};

use crate::support::{TestApp, centres, token_with, user_errors};

const CREATE_BODY: &str = r#"mutation($input: CreateBodyInput!) { createBody(input: $input) {
    body { id version members { id role voting } } userErrors { field code message } } }"#;

const ADOPT: &str = r#"mutation($input: AdoptRulebookInput!) { adoptRulebook(input: $input) {
    body { id version rulebook { version noticeDays frequency { meetings per } channel quorum { counts }
    proxyCap majority { base } unset } } userErrors { field code message } } }"#;

const PLAN: &str = r#"mutation($input: PlanMeetingInput!) { planMeeting(input: $input) {
    meeting { id version status rulebookVersion } userErrors { field code message } } }"#;

const CONVENE: &str = r#"mutation($input: ConveneMeetingInput!) { conveneMeeting(input: $input) {
    meeting { id version status convocation { daysAhead urgentReason recipientCount } }
    userErrors { field code message } } }"#;

/// A Calais evening `days` days from now, with its offset.
fn in_days(days: i64) -> String {
    let at = chrono::Utc::now() + chrono::Duration::days(days);
    at.with_timezone(&chrono::FixedOffset::east_opt(3600).unwrap())
        .to_rfc3339()
}

async fn council(app: &TestApp, staff: &str) -> String {
    let calais = centres(app, staff).await;
    assert!(
        calais.len() >= 4,
        "the demo's Pas-de-Calais has the charter's four centres"
    );
    let mut members = Vec::new();
    for (i, (id, _)) in calais.iter().take(4).enumerate() {
        for role in ["PRESIDENT", "DIRECTOR"] {
            members.push(json!({
                "name": format!("{role} {i}"),
                "email": format!("membre{i}.{}@calaisis.example.fr", role.to_lowercase()),
                "role": role,
                "represents": { "centreId": id },
            }));
        }
    }
    members.push(
        json!({ "name": "Président fédéral", "role": "FEDERATION_PRESIDENT", "represents": { "federation": true } }),
    );
    members
        .push(json!({ "name": "Délégué fédéral", "role": "FEDERAL_DELEGATE", "represents": { "federation": true } }));
    let input = json!({ "content": {
        "kind": "COUNCIL", "name": "Conseil des Centres Sociaux du Calaisis", "members": members } });
    let created = app.gql(Some(staff), CREATE_BODY, json!({ "input": input })).await;
    let body = &created.data()["createBody"];
    assert_eq!(user_errors(body), [], "{}", created.body);
    assert_eq!(body["body"]["members"].as_array().unwrap().len(), 10);
    let id = body["body"]["id"].as_str().unwrap().to_owned();
    let rules = json!({ "frequency": { "meetings": 1, "per": "QUARTER" }, "noticeDays": 10, "channel": "EMAIL",
        "competence": "GENERAL" });
    let input = json!({ "bodyId": id, "version": 1, "effectiveFrom": "2014-01-01", "rules": rules });
    let adopted = app.gql(Some(staff), ADOPT, json!({ "input": input })).await;
    let rulebook = &adopted.data()["adoptRulebook"]["body"]["rulebook"];
    assert_eq!(rulebook["noticeDays"], 10, "{}", adopted.body);
    assert_eq!(rulebook["quorum"], Value::Null);
    assert_eq!(
        rulebook["unset"],
        json!(["QUORUM", "PROXY_CAP", "MAJORITY", "CASTING_VOTE"])
    );
    id
}

async fn plan(app: &TestApp, staff: &str, body: &str, days: i64) -> String {
    let content = json!({ "bodyId": body, "startsAt": in_days(days), "place": "Centre Social Matisse, Calais",
        "agenda": [{ "title": "Voyage en Angleterre des jeunes" }] });
    let planned = app
        .gql(Some(staff), PLAN, json!({ "input": { "content": content } }))
        .await;
    let meeting = &planned.data()["planMeeting"]["meeting"];
    assert_eq!(meeting["status"], "PLANNED", "{}", planned.body);
    assert_eq!(meeting["rulebookVersion"], 1);
    meeting["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_calaisis_council_is_convened_with_its_charter_s_notice() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let body = council(&app, &staff).await;

    let early = plan(&app, &staff, &body, 9).await;
    let refused = app
        .gql(Some(&staff), CONVENE, json!({ "input": { "id": early, "version": 1 } }))
        .await;
    let payload = &refused.data()["conveneMeeting"];
    assert_eq!(payload["meeting"], Value::Null, "{}", refused.body);
    assert_eq!(
        user_errors(payload),
        [("input.sentAt".to_owned(), "NOTICE_TOO_SHORT".to_owned())]
    );

    let urgent = json!({ "input": { "id": early, "version": 1, "urgentReason": "la CAF attend la réponse" } });
    let sent = app.gql(Some(&staff), CONVENE, urgent).await;
    let convocation = &sent.data()["conveneMeeting"]["meeting"]["convocation"];
    assert_eq!(convocation["daysAhead"], 9, "{}", sent.body);
    assert_eq!(convocation["urgentReason"], "la CAF attend la réponse");

    let on_time = plan(&app, &staff, &body, 10).await;
    let sent = app
        .gql(
            Some(&staff),
            CONVENE,
            json!({ "input": { "id": on_time, "version": 1 } }),
        )
        .await;
    let meeting = &sent.data()["conveneMeeting"]["meeting"];
    assert_eq!(meeting["status"], "CONVENED", "{}", sent.body);
    assert_eq!(meeting["convocation"]["daysAhead"], 10);
    assert_eq!(meeting["convocation"]["recipientCount"], 10);

    // The meetings of the body, read back through `node` and the list.
    let listed = app
        .gql(
            Some(&staff),
            "query($body: ID!) { meetings(bodyId: $body, first: 10) { nodes { id status } } }",
            json!({ "body": body }),
        )
        .await;
    assert_eq!(
        listed.data()["meetings"]["nodes"].as_array().unwrap().len(),
        2,
        "{}",
        listed.body
    );
}

#[tokio::test]
async fn members_are_people_and_governance_is_not_a_partner_s_business() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let body = council(&app, &staff).await;
    let query = "query($id: ID!) { node(id: $id) { ... on Body { name members { role name email } } } }";

    let read = app.gql(Some(&staff), query, json!({ "id": body })).await;
    assert_eq!(
        read.data()["node"]["members"][0]["name"],
        "PRESIDENT 0",
        "{}",
        read.body
    );

    // A viewer reads the body and the roles, not the people.
    let viewer = app.token(Some("pas-de-calais"), &["viewer"]);
    let read = app.gql(Some(&viewer), query, json!({ "id": body })).await;
    assert_eq!(
        read.data()["node"]["name"],
        "Conseil des Centres Sociaux du Calaisis",
        "{}",
        read.body
    );
    assert!(read.codes().contains(&"FORBIDDEN".to_owned()), "{}", read.body);

    // A partner's token: the area is refused, and the body does not exist for it.
    let partner = crate::support::a_partner_of(&app, "pas-de-calais").await;
    let partner = token_with(Some("pas-de-calais"), &["partner"], json!({ "partner": partner }));
    let listed = app
        .gql(Some(&partner), "{ bodies(first: 5) { nodes { id } } }", json!({}))
        .await;
    assert_eq!(listed.codes(), ["FORBIDDEN"], "{}", listed.body);
    let by_id = app.gql(Some(&partner), query, json!({ "id": body })).await;
    assert_eq!(by_id.codes(), ["FORBIDDEN"], "{}", by_id.body);

    // Another federation's staff: nothing there, and its writes do not reach it.
    let nord = app.token(Some("nord"), &["federation-staff"]);
    let read = app.gql(Some(&nord), query, json!({ "id": body })).await;
    assert_eq!(read.data()["node"], Value::Null, "{}", read.body);
    let meeting = plan(&app, &staff, &body, 30).await;
    let refused = app
        .gql(
            Some(&nord),
            CONVENE,
            json!({ "input": { "id": meeting, "version": 1 } }),
        )
        .await;
    assert_eq!(
        user_errors(&refused.data()["conveneMeeting"]),
        [("input.id".to_owned(), "NOT_FOUND".to_owned())],
        "{}",
        refused.body
    );
}

#[tokio::test]
async fn the_demo_council_s_year_shows_the_quarter_it_missed_and_its_decisions() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let query = r#"{ bodies(first: 10, kind: COUNCIL) { nodes { id name rulebook(on: "2026-06-30") { unset } } } }"#;
    let reply = app.gql(Some(&staff), query, json!({})).await;
    let council = &reply.data()["bodies"]["nodes"][0];
    assert_eq!(
        council["name"], "Conseil des Centres Sociaux du Calaisis",
        "{}",
        reply.body
    );
    assert_eq!(
        council["rulebook"]["unset"],
        json!(["QUORUM", "PROXY_CAP", "MAJORITY", "CASTING_VOTE"])
    );
    let id = council["id"].as_str().unwrap();

    let query = r#"query($id: ID!) {
        conformity(bodyId: $id, year: 2026) { periods { firstDay held missed } meetings held minutesApproved }
        decisions(bodyId: $id, first: 10) { nodes { kind outcome basis text concerns { actionSheet { title } meeting { status } } } }
    }"#;
    let reply = app.gql(Some(&staff), query, json!({ "id": id })).await;
    let report = &reply.data()["conformity"];
    let missed: Vec<&str> = report["periods"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", reply.body))
        .iter()
        .filter(|p| p["missed"] == true)
        .map(|p| p["firstDay"].as_str().unwrap())
        .collect();
    assert_eq!(missed, ["2026-04-01"], "{}", reply.body);
    assert_eq!(
        (report["meetings"].clone(), report["held"].clone()),
        (json!(3), json!(3))
    );
    assert_eq!(report["minutesApproved"], 1);

    let decisions = reply.data()["decisions"]["nodes"].as_array().unwrap().clone();
    let validation = decisions
        .iter()
        .find(|d| d["kind"] == "ACTION_VALIDATION")
        .unwrap_or_else(|| panic!("{}", reply.body));
    assert_eq!(
        (validation["outcome"].clone(), validation["basis"].clone()),
        (json!("ADOPTED"), json!("DECLARED"))
    );
    assert!(
        validation["concerns"][0]["actionSheet"]["title"]
            .as_str()
            .unwrap()
            .contains("Angleterre")
    );
    let approval = decisions.iter().find(|d| d["kind"] == "MINUTES_APPROVAL").unwrap();
    assert_eq!(approval["concerns"][0]["meeting"]["status"], "MINUTES_APPROVED");
}

/// The September minutes of the demo council, printed to PDF and PNG in headless Chromium: its agenda, who was
/// there, the decision validating the youth trip with its votes, the February minutes' approval. Staff read the
/// people's names; a viewer, their roles. The pictures stay in `target/minutes.{pdf,png}`.
#[tokio::test]
async fn the_september_minutes_print_with_their_record_of_decisions() {
    let dir = crate::support::node_clients().await;
    let app = TestApp::spawn().await;
    let staff = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let query = r#"{ meetings(first: 10, from: "2026-09-01", to: "2026-09-30") { nodes { id body { kind } } } }"#;
    let reply = app.gql(Some(&staff), query, json!({})).await;
    let id = reply.data()["meetings"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", reply.body))
        .iter()
        .find(|m| m["body"]["kind"] == "COUNCIL")
        .unwrap_or_else(|| panic!("{}", reply.body))["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let url = format!("{}/meetings/{id}/minutes.html", app.address);

    let anonymous = app.client.get(&url).send().await.unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);
    let nord = app.token(Some("nord"), &["federation-staff"]);
    assert_eq!(
        app.client
            .get(&url)
            .bearer_auth(&nord)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
    let partner = crate::support::a_partner_of(&app, "pas-de-calais").await;
    let partner = token_with(Some("pas-de-calais"), &["partner"], json!({ "partner": partner }));
    assert_eq!(
        app.client
            .get(&url)
            .bearer_auth(&partner)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        403
    );

    let viewer = app.token(Some("pas-de-calais"), &["viewer"]);
    let html = app
        .client
        .get(&url)
        .bearer_auth(&viewer)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"<html lang="fr">"#), "{html}");
    assert!(
        html.contains("Président(e)") && !html.contains("Monique Delattre"),
        "a viewer sees roles: {html}"
    );

    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/minutes");
    let output = tokio::process::Command::new("node")
        .arg(format!("{dir}/print.mjs"))
        .args([&url, &staff, out])
        .output()
        .await
        .expect("node drives the browser");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|_| panic!("{stdout}\n{}", String::from_utf8_lossy(&output.stderr)));
    assert_eq!(report["status"], 200, "{report}");
    assert_eq!(report["blocked"], json!([]));
    let text = report["text"].as_str().unwrap();
    for expected in [
        "Compte rendu — Conseil des Centres Sociaux du Calaisis",
        "Réunion du 17/09/2026 à 18 h 00 · Centre Social Matisse, Calais",
        "Envoyée le 05/09/2026, 12 jours avant la réunion, à 10 membres.",
        "Voyage en Angleterre des jeunes",
        "Présents (9)",
        "Excusés (1)",
        "Quorum : le règlement n'en fixe pas.",
        "Présidence : Monique Delattre — Président(e)",
        "Le Conseil valide la fiche action du voyage en Angleterre des jeunes.",
        "9 pour, 0 contre, 0 abstention(s) — adoptée (constatée par la réunion",
        "Le compte rendu de la réunion du 12 février est approuvé.",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    let pdf = std::fs::metadata(format!("{out}.pdf")).unwrap();
    assert!(pdf.len() > 1000, "a PDF was printed");
}

/// A real SMTP server (aiosmtpd, from PyPI), writing what it receives to a maildir.
struct MailSink {
    child: tokio::process::Child,
}

impl MailSink {
    async fn start(port: u16, maildir: &std::path::Path) -> MailSink {
        let child = tokio::process::Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(maildir)
            .kill_on_drop(true)
            .spawn()
            .expect("python3 -m aiosmtpd (pip install aiosmtpd)");
        // Ready once it accepts a connection.
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return MailSink { child };
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the SMTP server did not start on port {port}");
    }

    async fn stop(mut self) {
        self.child.kill().await.expect("stop the SMTP server");
    }
}

/// Every message of the maildir, parsed by Python's own `email` and `icalendar` packages: its recipient,
/// Message-ID, text, and the invitation's summary and start (UTC), or the parser's complaint.
fn received(maildir: &std::path::Path) -> Vec<Value> {
    const PARSE: &str = r#"
import json, mailbox, sys
from icalendar import Calendar
out = []
for message in mailbox.Maildir(sys.argv[1], create=True):
    entry = {"to": message["To"], "id": message["Message-ID"], "text": None, "summary": None, "start": None}
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            entry["text"] = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
        if part.get_content_type() == "text/calendar":
            calendar = Calendar.from_ical(part.get_payload(decode=True))
            event = calendar.walk("VEVENT")[0]
            entry["method"] = str(calendar.get("METHOD"))
            entry["summary"] = str(event.get("SUMMARY"))
            entry["start"] = event.decoded("DTSTART").strftime("%Y-%m-%dT%H:%M:%SZ")
    out.append(entry)
print(json.dumps(out))
"#;
    let output = std::process::Command::new("python3")
        .args(["-c", PARSE])
        .arg(maildir)
        .output()
        .expect("python3 (pip install icalendar)");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice::<Vec<Value>>(&output.stdout).expect("the parser's JSON")
}

/// Waits (polling the maildir) until it holds `count` messages; at most 30 s.
async fn until_received(maildir: &std::path::Path, count: usize) -> Vec<Value> {
    for _ in 0..300 {
        let messages = received(maildir);
        if messages.len() >= count {
            return messages;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{count} messages did not arrive: {:?}", received(maildir));
}

const DELIVERIES: &str = "query($id: ID!) { node(id: $id) { ... on Meeting { startsAt convocation { sending \
     deliveries { recipient sent attempts lastError } } } } }";

async fn deliveries(app: &TestApp, staff: &str, meeting: &str) -> Value {
    let reply = app.gql(Some(staff), DELIVERIES, json!({ "id": meeting })).await;
    reply.data()["node"].clone()
}

#[tokio::test]
async fn convocations_go_out_by_email_once_each_while_the_mail_server_is_down_and_with_two_replicas() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    // A maildir that does not exist yet: the SMTP server makes it, with its subfolders.
    let maildir = dir.path().join("mail");
    let sink = MailSink::start(port, &maildir).await;
    let smtp = move |args: &mut pactes_server::config::ServeArgs| {
        args.mail.smtp_url = Some(pactes_server::config::Secret::new(format!("smtp://127.0.0.1:{port}")));
        args.mail.mail_from = "Fédération du Pas-de-Calais <convocations@pdc.example.fr>".to_owned();
    };
    let app = TestApp::spawn_configured(smtp).await;
    let staff = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let body = council(&app, &staff).await;

    // Convened: the eight members with an address get one letter each, the agenda in it, a valid invitation.
    let first = plan(&app, &staff, &body, 10).await;
    let sent = app
        .gql(Some(&staff), CONVENE, json!({ "input": { "id": first, "version": 1 } }))
        .await;
    assert_eq!(user_errors(&sent.data()["conveneMeeting"]), [], "{}", sent.body);
    let letters = until_received(&maildir, 8).await;
    let mut recipients: Vec<&str> = letters.iter().map(|l| l["to"].as_str().unwrap()).collect();
    recipients.sort_unstable();
    recipients.dedup();
    assert_eq!(recipients.len(), 8, "{letters:?}");
    let read = deliveries(&app, &staff, &first).await;
    let starts = chrono::DateTime::parse_from_rfc3339(read["startsAt"].as_str().unwrap()).unwrap();
    for letter in &letters {
        let text = letter["text"].as_str().unwrap_or_else(|| panic!("{letter}"));
        assert!(
            text.contains("Ordre du jour :\n1. Voyage en Angleterre des jeunes"),
            "{text}"
        );
        assert_eq!(letter["method"], "REQUEST", "{letter}");
        assert!(
            letter["summary"]
                .as_str()
                .unwrap()
                .starts_with("Convocation — Conseil des Centres Sociaux du Calaisis")
        );
        assert_eq!(
            letter["start"],
            starts.to_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "{letter}"
        );
    }
    let convocation = &read["convocation"];
    assert_eq!(convocation["sending"], true);
    assert!(
        convocation["deliveries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["sent"] == true && d["attempts"] == 1),
        "{read}"
    );

    // The mail server down: convening still succeeds, the letters wait, and the API says why.
    sink.stop().await;
    let second = plan(&app, &staff, &body, 20).await;
    let sent = app
        .gql(
            Some(&staff),
            CONVENE,
            json!({ "input": { "id": second, "version": 1 } }),
        )
        .await;
    assert_eq!(
        sent.data()["conveneMeeting"]["meeting"]["status"],
        "CONVENED",
        "{}",
        sent.body
    );
    let mut waiting = Value::Null;
    for _ in 0..300 {
        waiting = deliveries(&app, &staff, &second).await["convocation"]["deliveries"].clone();
        if waiting.as_array().unwrap().iter().all(|d| d["lastError"].is_string()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let waiting = waiting.as_array().unwrap();
    assert_eq!(waiting.len(), 8);
    assert!(
        waiting.iter().all(|d| d["sent"] == false && d["lastError"].is_string()),
        "{waiting:?}"
    );

    // Back up, and a second replica sending from the same database: each letter arrives, once.
    let sink = MailSink::start(port, &maildir).await;
    let replica = app.replica(smtp).await;
    let third = plan(&replica, &staff, &body, 30).await;
    let sent = replica
        .gql(Some(&staff), CONVENE, json!({ "input": { "id": third, "version": 1 } }))
        .await;
    assert_eq!(user_errors(&sent.data()["conveneMeeting"]), [], "{}", sent.body);
    let letters = until_received(&maildir, 24).await;
    let mut ids: Vec<&str> = letters.iter().map(|l| l["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!((letters.len(), ids.len()), (24, 24), "each letter once");
    // Claimed once each: a letter two replicas had both claimed would show two attempts.
    for _ in 0..300 {
        let third = deliveries(&app, &staff, &third).await["convocation"]["deliveries"].clone();
        if third.as_array().unwrap().iter().all(|d| d["sent"] == true) {
            assert!(third.as_array().unwrap().iter().all(|d| d["attempts"] == 1), "{third}");
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    sink.stop().await;
}

#[tokio::test]
async fn the_readme_convocation_runs_as_written() {
    let readme = include_str!("../../README.md");
    let section = &readme[readme.find("## Governance").expect("a Governance section")..];
    let start = section.find("```graphql\n").expect("an example") + "```graphql\n".len();
    let mutation = &section[start..start + section[start..].find("```").unwrap()];
    let app = TestApp::spawn().await;
    let staff = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let body = council(&app, &staff).await;
    let meeting = plan(&app, &staff, &body, 10).await;
    let reply = app
        .gql(Some(&staff), mutation, json!({ "meeting": meeting, "version": 1 }))
        .await;
    let payload = &reply.data()["conveneMeeting"];
    assert_eq!(payload["meeting"]["status"], "CONVENED", "{}", reply.body);
    let convocation = &payload["meeting"]["convocation"];
    assert_eq!(convocation["daysAhead"], 10);
    // This server has no mail server: the eight letters wait, and the API says so.
    assert_eq!(convocation["sending"], false);
    let deliveries = convocation["deliveries"].as_array().unwrap();
    assert_eq!(deliveries.len(), 8);
    assert!(
        deliveries.iter().all(|d| d["sent"] == false && d["attempts"] == 0),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn the_bodies_that_missed_their_frequency_and_a_centre_s_bodies() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let reply = app
        .gql(
            Some(&staff),
            "{ bodiesMissingFrequency(year: 2026) { body { name } conformity { periods { firstDay missed } } } }",
            json!({}),
        )
        .await;
    let missing = reply.data()["bodiesMissingFrequency"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", reply.body))
        .clone();
    // The collectives meet "en fonction des projets": no frequency, never missing one.
    let names: Vec<&str> = missing.iter().map(|b| b["body"]["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Conseil des Centres Sociaux du Calaisis"], "{}", reply.body);
    let query =
        r#"{ centres(first: 1, orderBy: { field: NAME }) { nodes { name bodies(first: 10) { nodes { kind } } } } }"#;
    let reply = app.gql(Some(&staff), query, json!({})).await;
    let mut kinds: Vec<&str> = reply.data()["centres"]["nodes"][0]["bodies"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", reply.body))
        .iter()
        .map(|b| b["kind"].as_str().unwrap())
        .collect();
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        ["COUNCIL", "DIRECTORS_COLLECTIVE", "PRESIDENTS_COLLECTIVE"],
        "{}",
        reply.body
    );

    // A partner's token reads the centre, not its bodies.
    let partner = crate::support::a_partner_of(&app, "pas-de-calais").await;
    let partner = token_with(Some("pas-de-calais"), &["partner"], json!({ "partner": partner }));
    let reply = app.gql(Some(&partner), query, json!({})).await;
    assert!(
        reply.data()["centres"]["nodes"][0]["name"].is_string(),
        "{}",
        reply.body
    );
    assert!(reply.codes().contains(&"FORBIDDEN".to_owned()), "{}", reply.body);
}

/// A page of bodies with their members and rules, of meetings with their agenda and attendance: as many statements
/// for one item as for all of them; of decisions with what they concern: at most one more statement for each other
/// kind of object concerned (action sheets, conventions, pacts, meetings), whatever the page's length.
#[tokio::test]
async fn governance_pages_cost_the_same_statements_whatever_their_length() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("pas-de-calais"), &["federation-staff"]);
    // The token's federation is looked up once, then kept: not a page's cost.
    app.gql(Some(&staff), "{ viewer { roles } }", json!({})).await;
    for (list, selection, kinds) in [
        (
            "bodies",
            "nodes { name members { role voting } rulebook { noticeDays unset } }",
            0,
        ),
        (
            "meetings",
            "nodes { startsAt status agenda { title } attendance { presence } quorum { reached } }",
            0,
        ),
        (
            "decisions",
            "nodes { kind outcome concerns { actionSheet { title } meeting { status } } }",
            3,
        ),
    ] {
        let mut counts = Vec::new();
        for first in [1, 10] {
            let query = format!("{{ {list}(first: {first}) {{ {selection} }} }}");
            let before = app.db.statement_count();
            let reply = app.gql(Some(&staff), &query, json!({})).await;
            assert!(reply.body["errors"].is_null(), "{}", reply.body);
            assert!(
                reply.data()[list]["nodes"].as_array().unwrap().len() >= first.min(3),
                "{}",
                reply.body
            );
            counts.push(app.db.statement_count() - before);
        }
        assert!(
            counts[1] <= counts[0] + kinds,
            "{list}: {counts:?} statements for 1 and for 10 items"
        );
        assert!(counts[1] <= 8, "{list}: {} statements", counts[1]);
    }
}

/// Erasing a member (article 17): after a convocation went out to them, nothing of the person stays in any table —
/// the body's members, the convocation's recipients, the outbox, the audit log as stored.
#[tokio::test]
async fn erasing_a_member_leaves_nothing_of_the_person_anywhere() {
    use pactes_persistence::row_security::{RowScope, within};
    use sea_orm::{ConnectionTrait, Statement};

    let app = TestApp::spawn().await;
    let staff = app.token(Some("pas-de-calais"), &["federation-staff"]);
    let body = council(&app, &staff).await;
    let meeting = plan(&app, &staff, &body, 10).await;
    let sent = app
        .gql(
            Some(&staff),
            CONVENE,
            json!({ "input": { "id": meeting, "version": 1 } }),
        )
        .await;
    assert_eq!(user_errors(&sent.data()["conveneMeeting"]), [], "{}", sent.body);
    let read = app
        .gql(
            Some(&staff),
            "query($id: ID!) { node(id: $id) { ... on Body { version members { id name } } } }",
            json!({ "id": body }),
        )
        .await;
    let node = read.data()["node"].clone();
    let member = node["members"][0].clone();
    assert_eq!(member["name"], "PRESIDENT 0", "{}", read.body);

    let erase = "mutation($input: EraseMemberInput!) { eraseMember(input: $input) { body { members { id } } userErrors { field code } } }";
    let input = json!({ "bodyId": body, "version": node["version"], "memberId": member["id"] });
    let erased = app.gql(Some(&staff), erase, json!({ "input": input })).await;
    let payload = &erased.data()["eraseMember"];
    assert_eq!(user_errors(payload), [], "{}", erased.body);
    assert_eq!(payload["body"]["members"].as_array().unwrap().len(), 9);

    let conn = app.db.unscoped_connection();
    let backend = conn.get_database_backend();
    let dump = |sql: &str| {
        let conn = conn.clone();
        let sql = sql.to_owned();
        async move {
            let rows = within(RowScope::All, conn.query_all_raw(Statement::from_string(backend, sql)))
                .await
                .unwrap();
            rows.iter()
                .map(|r| r.try_get::<String>("", "text").unwrap_or_default())
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    let members = dump("SELECT name || ' ' || COALESCE(email, '') AS text FROM body_members").await;
    let recipients = dump("SELECT name || ' ' || COALESCE(email, '') AS text FROM meeting_recipients").await;
    let outbox = dump("SELECT recipient || ' ' || body AS text FROM outbox").await;
    let audit = dump("SELECT changes AS text FROM audit_log").await;
    assert!(
        recipients.contains("DIRECTOR 0"),
        "the dump reads the recipients: {recipients}"
    );
    assert!(outbox.contains("DIRECTOR 0"), "the dump reads the outbox: {outbox}");
    assert!(audit.contains("members"), "the dump reads the log: {audit}");
    for (table, text) in [
        ("members", &members),
        ("recipients", &recipients),
        ("outbox", &outbox),
        ("audit", &audit),
    ] {
        for personal in ["PRESIDENT 0", "membre0.president@calaisis.example.fr"] {
            assert!(!text.contains(personal), "{personal} is still in {table}");
        }
    }
}
