//! What the audit log records of bodies, meetings and decisions. Members' names and e-mail addresses, the
//! recipients of a convocation and the text of minutes (which name people) are personal data: the log says they
//! changed, never what they were.

use crate::audit::{AuditFields, Audited, FieldChange, PERSONAL_DATA, diff, diff_list, diff_parts_by_id};
use crate::record::RecordData;

use super::body::{BodyData, Designation, Member};
use super::decision::{Concern, DecisionData, Votes};
use super::meeting::{AgendaItem, Attendance, MeetingData};
use super::rulebook::Rulebook;

impl RecordData for BodyData {
    type Id = crate::ids::BodyId;
}

impl RecordData for MeetingData {
    type Id = crate::ids::MeetingId;
}

impl RecordData for DecisionData {
    type Id = crate::ids::DecisionId;
}

const MEMBER_PERSONAL_FIELDS: &[&str] = &["name", "email"];

impl AuditFields for Member {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("name", Some(self.name.as_str().to_owned())),
            ("email", self.email.as_ref().map(|e| e.as_str().to_owned())),
            ("role", Some(self.role.code().to_owned())),
            ("represents", Some(self.represents.to_string())),
            ("voting", Some(self.voting.to_string())),
            ("college", self.college.as_ref().map(|c| c.as_str().to_owned())),
            ("from", self.from.map(|d| d.to_string())),
            ("to", self.to.map(|d| d.to_string())),
        ]
    }
}

impl AuditFields for Designation {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("year", Some(self.year.to_string())),
            ("role", Some(self.role.code().to_owned())),
            ("memberId", Some(self.member.to_string())),
        ]
    }
}

impl AuditFields for Rulebook {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        let r = &self.rules;
        vec![
            ("version", Some(self.version.to_string())),
            ("effectiveFrom", Some(self.effective_from.to_string())),
            (
                "frequency",
                r.frequency.map(|f| format!("{} per {}", f.meetings, f.per)),
            ),
            ("noticeDays", r.notice_days.map(|d| d.to_string())),
            ("channel", r.channel.map(|c| c.code().to_owned())),
            ("quorum", r.quorum.map(|q| format!("{:?}", q))),
            ("proxyCap", r.proxy_cap.map(|c| c.to_string())),
            ("majority", r.majority.map(|m| format!("{:?}", m))),
            (
                "majorities",
                (!r.majorities.is_empty()).then(|| format!("{:?}", r.majorities)),
            ),
            ("castingVote", r.casting_vote.map(|c| c.to_string())),
            ("competence", r.competence.map(|c| format!("{:?}", c))),
        ]
    }
}

impl AuditFields for BodyData {
    /// The body's own fields; members, designations and rulebooks are parts (see [`Audited::changes`]).
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        let c = &self.content;
        vec![
            ("kind", Some(c.kind.code().to_owned())),
            ("name", Some(c.name.as_str().to_owned())),
            ("pactId", c.pact_id.map(|p| p.to_string())),
            ("parentId", c.parent_id.map(|p| p.to_string())),
        ]
    }
}

impl Audited for BodyData {
    const ENTITY: &'static str = "Body";

    fn changes(before: Option<&Self>, after: &Self) -> Vec<FieldChange> {
        let mut changes = diff(before, after);
        fn members(data: &BodyData) -> Vec<(String, &Member)> {
            data.content.members.iter().map(|m| (m.id.to_string(), m)).collect()
        }
        let old = before.map(members).unwrap_or_default();
        changes.extend(diff_parts_by_id(
            "members",
            &old,
            &members(after),
            MEMBER_PERSONAL_FIELDS,
        ));
        let empty = (Vec::new(), Vec::new());
        let (designations, rulebooks) =
            before.map_or((&empty.0, &empty.1), |b| (&b.content.designations, &b.rulebooks));
        changes.extend(diff_list("designations", designations, &after.content.designations));
        changes.extend(diff_list("rulebooks", rulebooks, &after.rulebooks));
        changes
    }
}

impl AuditFields for AgendaItem {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("title", Some(self.title.as_str().to_owned())),
            ("description", self.description.clone()),
        ]
    }
}

impl AuditFields for Attendance {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("memberId", Some(self.member.to_string())),
            ("presence", Some(self.presence.code().to_owned())),
            ("proxyId", self.proxy.map(|p| p.to_string())),
        ]
    }
}

impl AuditFields for MeetingData {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        let c = &self.content;
        let convocation = self.convocation.as_ref();
        let quorum = self.quorum.as_ref();
        vec![
            ("bodyId", Some(c.body_id.to_string())),
            ("startsAt", Some(c.starts_at.to_rfc3339())),
            ("place", c.place.as_ref().map(|p| p.as_str().to_owned())),
            ("videoLink", c.video_link.as_ref().map(ToString::to_string)),
            ("secondConvocationOf", c.second_convocation_of.map(|m| m.to_string())),
            ("status", Some(self.status.code().to_owned())),
            ("rulebookVersion", self.rulebook_version.map(|v| v.to_string())),
            ("convocation.sentAt", convocation.map(|c| c.sent_at.to_rfc3339())),
            ("convocation.daysAhead", convocation.map(|c| c.days_ahead.to_string())),
            (
                "convocation.urgentReason",
                convocation.and_then(|c| c.urgent_reason.clone()),
            ),
            ("convocation.recipients", convocation.map(|_| PERSONAL_DATA.to_owned())),
            (
                "quorum.required",
                quorum.and_then(|q| q.required).map(|r| r.to_string()),
            ),
            ("quorum.reached", quorum.map(|q| q.reached.to_string())),
            ("chairId", self.chair.map(|m| m.to_string())),
            ("secretaryId", self.secretary.map(|m| m.to_string())),
            ("minutes", self.minutes.as_ref().map(|_| PERSONAL_DATA.to_owned())),
            (
                "minutes.approvedBy",
                self.minutes.as_ref().and_then(|m| m.approved_by).map(|d| d.to_string()),
            ),
            ("cancellationReason", self.cancellation_reason.clone()),
        ]
    }
}

impl Audited for MeetingData {
    const ENTITY: &'static str = "Meeting";

    fn changes(before: Option<&Self>, after: &Self) -> Vec<FieldChange> {
        let mut changes = diff(before, after);
        // Minutes rewritten show as changed, though both values read the same placeholder.
        let text = |m: Option<&MeetingData>| m.and_then(|m| m.minutes.as_ref()).map(|m| m.text.clone());
        if before.is_some() && text(before) != text(Some(after)) && text(before).is_some() {
            changes.push(FieldChange {
                field: "minutes".to_owned(),
                before: Some(PERSONAL_DATA.to_owned()),
                after: text(Some(after)).map(|_| PERSONAL_DATA.to_owned()),
            });
        }
        let (agenda, attendance) = before.map_or((&[][..], &[][..]), |b| (&b.content.agenda[..], &b.attendance[..]));
        changes.extend(diff_list("agenda", agenda, &after.content.agenda));
        changes.extend(diff_list("attendance", attendance, &after.attendance));
        changes
    }
}

impl AuditFields for DecisionData {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        let c = &self.content;
        let votes = match &c.votes {
            Votes::Named(named) => named
                .iter()
                .map(|(m, choice)| format!("{m}:{choice}"))
                .collect::<Vec<_>>()
                .join(", "),
            Votes::Counts { .. } => "show of hands".to_owned(),
        };
        let concerns = c
            .concerns
            .iter()
            .map(|concern| match concern {
                Concern::ActionSheet(id) => format!("ActionSheet {id}"),
                Concern::Convention(id) => format!("Convention {id}"),
                Concern::Pact(id) => format!("Pact {id}"),
                Concern::Meeting(id) => format!("Meeting {id}"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        vec![
            ("meetingId", Some(c.meeting_id.to_string())),
            ("agendaItem", c.agenda_item.map(|i| i.to_string())),
            ("kind", Some(c.kind.code().to_owned())),
            ("text", Some(c.text.clone())),
            ("votes", Some(votes)),
            (
                "tally",
                Some(format!(
                    "{} for, {} against, {} abstaining",
                    self.tally.for_, self.tally.against, self.tally.abstain
                )),
            ),
            ("concerns", (!concerns.is_empty()).then_some(concerns)),
            ("outcome", Some(self.outcome.code().to_owned())),
            ("basis", Some(self.reckoning.basis.code().to_owned())),
            ("rulebookVersion", self.rulebook_version.map(|v| v.to_string())),
        ]
    }
}

impl Audited for DecisionData {
    const ENTITY: &'static str = "Decision";
}
