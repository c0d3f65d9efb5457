//! The convocation letters a meeting's convening sends: one per recipient with an address, in French, with the
//! agenda in the body and an iCalendar invitation (RFC 5545) to attach. Pure: the outbox stores them as written
//! here, and the sender only delivers them.

use std::fmt::Write as _;

use crate::directory::values::Email;
use crate::ids::{MeetingId, MemberId};

use super::body::BodyContent;
use super::meeting::MeetingData;

/// One message to one recipient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub member: MemberId,
    pub to: Email,
    pub subject: String,
    pub text: String,
    /// An iCalendar object (`text/calendar; method=REQUEST`), lines ended by CRLF.
    pub calendar: String,
}

/// How long an invitation blocks in a calendar when the meeting has no end: the charters give none.
const ASSUMED_HOURS: i64 = 2;

/// The letters of `meeting` (of `body`, id `id`), just convened: none before its convocation.
pub fn letters(body: &BodyContent, id: MeetingId, meeting: &MeetingData) -> Vec<Letter> {
    let Some(convocation) = &meeting.convocation else {
        return Vec::new();
    };
    let starts = meeting.content.starts_at;
    let when = format!("{} à {}", starts.format("%d/%m/%Y"), starts.format("%H h %M"));
    let subject = format!("Convocation — {} — {when}", body.name.as_str());
    let mut agenda = String::new();
    for (i, item) in meeting.content.agenda.iter().enumerate() {
        let _ = writeln!(agenda, "{}. {}", i + 1, item.title.as_str());
        if let Some(description) = &item.description {
            let _ = writeln!(agenda, "   {description}");
        }
    }
    let place = meeting.content.place.as_ref().map(|p| p.as_str().to_owned());
    let link = meeting.content.video_link.as_ref().map(ToString::to_string);
    convocation
        .recipients
        .iter()
        .filter_map(|r| {
            let to = r.email.clone()?;
            let mut text = format!(
                "Bonjour {},\n\nVous êtes convoqué(e) à la réunion de l'instance « {} », le {when}.\n",
                r.name.as_str(),
                body.name.as_str()
            );
            if let Some(place) = &place {
                let _ = writeln!(text, "Lieu : {place}");
            }
            if let Some(link) = &link {
                let _ = writeln!(text, "En visioconférence : {link}");
            }
            let _ = write!(text, "\nOrdre du jour :\n{agenda}");
            if let Some(reason) = &convocation.urgent_reason {
                let _ = write!(text, "\nConvocation urgente : {reason}\n");
            }
            text.push_str("\nL'invitation jointe (fichier .ics) s'ajoute à votre agenda.\n");
            let calendar = invitation(id, meeting, body, &subject, &agenda, r.name.as_str(), &to);
            Some(Letter {
                member: r.member,
                to,
                subject: subject.clone(),
                text,
                calendar,
            })
        })
        .collect()
}

fn utc(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// RFC 5545 §3.3.11: backslash, semicolon, comma and newline escaped in a TEXT value.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 5545 §3.1: a content line longer than 75 octets is folded, CRLF then a space, never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut width = 0;
    for c in line.chars() {
        let size = c.len_utf8();
        if width + size > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += size;
    }
    out.push_str("\r\n");
    out
}

fn invitation(
    id: MeetingId,
    meeting: &MeetingData,
    body: &BodyContent,
    subject: &str,
    agenda: &str,
    name: &str,
    to: &Email,
) -> String {
    let starts = meeting.content.starts_at.to_utc();
    let sent = meeting.convocation.as_ref().map_or(starts, |c| c.sent_at);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Pactes//Convocations//FR".to_owned(),
        "METHOD:REQUEST".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{id}@pactes"),
        format!("DTSTAMP:{}", utc(sent)),
        format!("DTSTART:{}", utc(starts)),
        format!("DTEND:{}", utc(starts + chrono::Duration::hours(ASSUMED_HOURS))),
        format!("SUMMARY:{}", escape(subject)),
        format!("DESCRIPTION:{}", escape(&format!("Ordre du jour :\n{agenda}"))),
    ];
    if let Some(place) = &meeting.content.place {
        lines.push(format!("LOCATION:{}", escape(place.as_str())));
    }
    if let Some(link) = &meeting.content.video_link {
        lines.push(format!("URL:{link}"));
    }
    lines.push(format!(
        "ATTENDEE;CN=\"{}\";ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{}",
        name.replace('"', "'"),
        to.as_str()
    ));
    lines.push(format!("CATEGORIES:{}", escape(body.name.as_str())));
    lines.push("SEQUENCE:0".to_owned());
    lines.push("STATUS:CONFIRMED".to_owned());
    lines.push("END:VEVENT".to_owned());
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{part:?} is {} octets", part.len());
        }
        let unfolded: String = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(
            escape("Lieu; salle 2, étage\\1\nfin"),
            "Lieu\\; salle 2\\, étage\\\\1\\nfin"
        );
    }
}
