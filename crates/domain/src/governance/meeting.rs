//! A meeting of a body, from planned to its minutes approved: convened (recipients snapshotted, the notice
//! checked against the rulebook), held (attendance, proxies within their cap, the quorum counted and stored),
//! its minutes drafted, then approved by a decision of a later meeting of the same body.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use url::Url;

use crate::agreement::MAX_TEXT;
use crate::coded::coded_enum;
use crate::directory::values::Email;
use crate::ids::{BodyId, DecisionId, MeetingId, MemberId};
use crate::lifecycle::{Lifecycle, StateError, TransitionError};
use crate::text::{Label, non_blank};
use crate::validation::{FieldError, FieldErrorCode, ValidationErrors, Validator};

use super::body::BodyData;
use super::kinds::Presence;
use super::rulebook::{QuorumBasis, Rules};

/// The most agenda items, or attendance lines, of one meeting.
pub const MAX_ITEMS: usize = 500;

coded_enum!(
    /// Where a meeting is in its life.
    MeetingStatus {
        Planned => "PLANNED",
        /// The convocation is sent.
        Convened => "CONVENED",
        Held => "HELD",
        MinutesDrafted => "MINUTES_DRAFTED",
        MinutesApproved => "MINUTES_APPROVED",
        Cancelled => "CANCELLED",
    }
);

coded_enum!(MeetingEvent {
    Convene => "CONVENE",
    Hold => "HOLD",
    DraftMinutes => "DRAFT_MINUTES",
    ApproveMinutes => "APPROVE_MINUTES",
    Cancel => "CANCEL",
});

impl Lifecycle for MeetingStatus {
    type Event = MeetingEvent;
    const STEPS: &'static [(MeetingStatus, MeetingEvent, MeetingStatus)] = &[
        (MeetingStatus::Planned, MeetingEvent::Convene, MeetingStatus::Convened),
        (MeetingStatus::Planned, MeetingEvent::Cancel, MeetingStatus::Cancelled),
        (MeetingStatus::Convened, MeetingEvent::Hold, MeetingStatus::Held),
        (MeetingStatus::Convened, MeetingEvent::Cancel, MeetingStatus::Cancelled),
        (
            MeetingStatus::Held,
            MeetingEvent::DraftMinutes,
            MeetingStatus::MinutesDrafted,
        ),
        (
            MeetingStatus::MinutesDrafted,
            MeetingEvent::ApproveMinutes,
            MeetingStatus::MinutesApproved,
        ),
    ];
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaItem {
    pub title: Label,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingContent {
    pub body_id: BodyId,
    /// When it begins, with the offset of the place it is held in: its day is that place's day.
    pub starts_at: DateTime<FixedOffset>,
    pub place: Option<Label>,
    pub video_link: Option<Url>,
    pub agenda: Vec<AgendaItem>,
    /// The meeting without quorum this one is convened again for.
    pub second_convocation_of: Option<MeetingId>,
}

impl MeetingContent {
    /// The day it is held, where it is held.
    pub fn day(&self) -> NaiveDate {
        self.starts_at.date_naive()
    }
}

/// Who was convened, as they were on the body when the convocation went out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub member: MemberId,
    pub name: Label,
    /// None: the member has no address, and the federation must reach them otherwise.
    pub email: Option<Email>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Convocation {
    pub sent_at: DateTime<Utc>,
    /// Whole days from the day it was sent to the day of the meeting, both where the meeting is held.
    pub days_ahead: i64,
    /// Sent later than the rulebook's notice, for this reason.
    pub urgent_reason: Option<String>,
    pub recipients: Vec<Recipient>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attendance {
    pub member: MemberId,
    pub presence: Presence,
    /// For a represented member: the member present who holds their proxy.
    pub proxy: Option<MemberId>,
}

/// The quorum as counted when the meeting was held, under the rulebook of that day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuorumCount {
    pub voting_members: u32,
    pub present: u32,
    pub represented: u32,
    /// The fewest needed; `None` when the rulebook sets no quorum.
    pub required: Option<u32>,
    /// Whether the meeting could decide: the quorum met, or waived on a second convocation, or none set.
    pub reached: bool,
    /// Reached only because the rulebook waives the quorum on a second convocation.
    pub waived: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Minutes {
    pub text: String,
    /// The decision of a later meeting that approved them.
    pub approved_by: Option<DecisionId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingData {
    pub content: MeetingContent,
    pub status: MeetingStatus,
    /// The rulebook version in force on the meeting's day (none when the body had no rulebook then).
    pub rulebook_version: Option<u32>,
    pub convocation: Option<Convocation>,
    pub attendance: Vec<Attendance>,
    pub quorum: Option<QuorumCount>,
    pub chair: Option<MemberId>,
    pub secretary: Option<MemberId>,
    pub minutes: Option<Minutes>,
    pub cancellation_reason: Option<String>,
}

pub type Meeting = crate::record::Record<MeetingId, MeetingData>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaItemDraft {
    pub title: String,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingDraft {
    pub body_id: BodyId,
    pub starts_at: DateTime<FixedOffset>,
    pub place: Option<String>,
    pub video_link: Option<String>,
    pub agenda: Vec<AgendaItemDraft>,
    pub second_convocation_of: Option<MeetingId>,
}

impl MeetingDraft {
    pub fn validate(self) -> Result<MeetingContent, ValidationErrors> {
        let mut v = Validator::new();
        let place = v.optional(&["place"], self.place.as_deref(), Label::parse);
        let video_link = match non_blank(self.video_link.as_deref()) {
            None => Some(None),
            Some(link) => match Url::parse(link) {
                Ok(url) if matches!(url.scheme(), "https" | "http") => Some(Some(url)),
                _ => {
                    v.invalid(&["videoLink"], "a web address, https://…");
                    None
                }
            },
        };
        if self.agenda.len() > MAX_ITEMS {
            v.invalid(&["agenda"], format!("at most {MAX_ITEMS} items"));
        }
        let agenda: Vec<Option<AgendaItem>> = self
            .agenda
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                v.nested(&["agenda", &i.to_string()], |v| {
                    let title = v.check(&["title"], Label::parse(&item.title));
                    let description = non_blank(item.description.as_deref()).map(str::to_owned);
                    if description.as_ref().is_some_and(|d| d.chars().count() > MAX_TEXT) {
                        v.invalid(&["description"], format!("at most {MAX_TEXT} characters"));
                    }
                    Some(AgendaItem {
                        title: title?,
                        description,
                    })
                })
            })
            .collect();
        if !crate::calendar::is_supported(self.starts_at.date_naive()) {
            v.invalid(&["startsAt"], "a day from 2000 to 2100");
        }
        v.finish(|| {
            Some(MeetingContent {
                body_id: self.body_id,
                starts_at: self.starts_at,
                place: place?,
                video_link: video_link?,
                agenda: agenda.into_iter().collect::<Option<Vec<_>>>()?,
                second_convocation_of: self.second_convocation_of,
            })
        })
    }
}

/// Whole days from `sent_at` to the meeting's day, both reckoned where the meeting is held (at its offset).
pub fn days_ahead(sent_at: DateTime<Utc>, starts_at: DateTime<FixedOffset>) -> i64 {
    let sent_day = sent_at.with_timezone(starts_at.offset()).date_naive();
    (starts_at.date_naive() - sent_day).num_days()
}

/// Refuses a convocation sent later than `rules` allow, unless it is urgent with a reason.
pub fn check_notice(rules: &Rules, days_ahead: i64, urgent_reason: Option<&str>) -> Result<(), FieldError> {
    let Some(notice) = rules.notice_days else {
        return Ok(());
    };
    if days_ahead >= i64::from(notice) || urgent_reason.is_some() {
        return Ok(());
    }
    Err(FieldError::new(
        &["sentAt"],
        FieldErrorCode::NoticeTooShort,
        format!(
            "the rulebook asks for {notice} days' notice and this convocation gives {days_ahead}: mark it urgent \
             with a reason to send it anyway"
        ),
    ))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttendanceDraft {
    pub member: MemberId,
    pub presence: Presence,
    pub proxy: Option<MemberId>,
}

impl MeetingData {
    /// A new meeting, planned under the rulebook in force on its day.
    pub fn planned(content: MeetingContent, body: &BodyData) -> MeetingData {
        let rulebook_version = body.rulebook_on(content.day()).map(|r| r.version);
        MeetingData {
            content,
            status: MeetingStatus::Planned,
            rulebook_version,
            convocation: None,
            attendance: Vec::new(),
            quorum: None,
            chair: None,
            secretary: None,
            minutes: None,
            cancellation_reason: None,
        }
    }

    fn rules<'b>(&self, body: &'b BodyData) -> Option<&'b Rules> {
        self.rulebook_version
            .and_then(|v| body.rulebooks.iter().find(|r| r.version == v))
            .map(|r| &r.rules)
    }

    /// Replaces the content of a meeting not convened yet.
    pub fn edit(&self, content: MeetingContent, body: &BodyData) -> Result<MeetingData, ValidationErrors> {
        if self.status != MeetingStatus::Planned {
            return Err(StateError {
                state: "convened",
                what: "changing a meeting's date, place or agenda".to_owned(),
            }
            .on(&["id"]));
        }
        Ok(MeetingData {
            rulebook_version: body.rulebook_on(content.day()).map(|r| r.version),
            content,
            ..self.clone()
        })
    }

    /// Sends the convocation at `sent_at` to the members sitting on the meeting's day; refused when later than
    /// the rulebook's notice unless `urgent_reason` says why.
    pub fn convene(
        &self,
        body: &BodyData,
        sent_at: DateTime<Utc>,
        urgent_reason: Option<&str>,
    ) -> Result<MeetingData, ValidationErrors> {
        let status = self.status.apply(MeetingEvent::Convene).map_err(|e| e.on(&["id"]))?;
        let urgent_reason = non_blank(urgent_reason).map(str::to_owned);
        let days_ahead = days_ahead(sent_at, self.content.starts_at);
        if days_ahead < 0 {
            return Err(ValidationErrors::single(FieldError::new(
                &["sentAt"],
                FieldErrorCode::Invalid,
                "the meeting's day is past",
            )));
        }
        let rulebook_version = body.rulebook_on(self.content.day()).map(|r| r.version);
        let this = MeetingData {
            rulebook_version,
            ..self.clone()
        };
        if let Some(rules) = this.rules(body) {
            check_notice(rules, days_ahead, urgent_reason.as_deref()).map_err(ValidationErrors::single)?;
        }
        let recipients = body
            .content
            .members_on(self.content.day())
            .map(|m| Recipient {
                member: m.id,
                name: m.name.clone(),
                email: m.email.clone(),
            })
            .collect();
        Ok(MeetingData {
            status,
            convocation: Some(Convocation {
                sent_at,
                days_ahead,
                urgent_reason,
                recipients,
            }),
            ..this
        })
    }

    /// Records who attended (a member not listed was absent), who chaired and took the minutes, and counts the
    /// quorum: the meeting is then held. Again while held, to correct the record.
    pub fn hold(
        &self,
        body: &BodyData,
        attendance: Vec<AttendanceDraft>,
        chair: Option<MemberId>,
        secretary: Option<MemberId>,
    ) -> Result<MeetingData, ValidationErrors> {
        let status = match self.status {
            MeetingStatus::Held => MeetingStatus::Held,
            other => other.apply(MeetingEvent::Hold).map_err(|e| e.on(&["id"]))?,
        };
        let day = self.content.day();
        let rules = self.rules(body);
        let mut v = Validator::new();
        if attendance.len() > MAX_ITEMS {
            v.invalid(&["attendance"], format!("at most {MAX_ITEMS} lines"));
        }
        let sits = |id: MemberId| body.content.member(id).filter(|m| m.sits_on(day));
        for (i, line) in attendance.iter().enumerate() {
            let at = i.to_string();
            let Some(member) = sits(line.member) else {
                v.invalid(
                    &["attendance", &at, "memberId"],
                    "not a member of this body on the meeting's day",
                );
                continue;
            };
            if attendance[..i].iter().any(|o| o.member == line.member) {
                v.invalid(&["attendance", &at, "memberId"], "this member is listed twice");
            }
            match (line.presence, line.proxy) {
                (Presence::Represented, None) => v.invalid(
                    &["attendance", &at, "proxyId"],
                    "a represented member names who holds the proxy",
                ),
                (Presence::Represented, Some(holder)) => {
                    if !member.voting {
                        v.invalid(&["attendance", &at, "presence"], "only a voting member gives a proxy");
                    }
                    let holder_present = attendance
                        .iter()
                        .any(|o| o.member == holder && o.presence == Presence::Present);
                    if holder == line.member || !holder_present || !sits(holder).is_some_and(|h| h.voting) {
                        v.invalid(
                            &["attendance", &at, "proxyId"],
                            "the proxy holder is another voting member, present",
                        );
                    }
                }
                (_, Some(_)) => v.invalid(&["attendance", &at, "proxyId"], "only a represented member has a proxy"),
                (_, None) => {}
            }
        }
        if let Some(cap) = rules.and_then(|r| r.proxy_cap) {
            for (i, line) in attendance.iter().enumerate() {
                let Some(holder) = line.proxy else { continue };
                let held = 1 + attendance[..=i].iter().filter(|o| o.proxy == Some(holder)).count();
                if held > cap as usize {
                    v.push(FieldError::new(
                        &["attendance", &i.to_string(), "proxyId"],
                        FieldErrorCode::ProxyCapExceeded,
                        format!("the rulebook lets one member hold at most {cap} votes, their own included"),
                    ));
                }
            }
        }
        for (field, id) in [("chairId", chair), ("secretaryId", secretary)] {
            if let Some(id) = id
                && !attendance
                    .iter()
                    .any(|o| o.member == id && o.presence == Presence::Present)
            {
                v.invalid(&[field], "a member present at the meeting");
            }
        }
        let attendance: Vec<Attendance> = attendance
            .into_iter()
            .map(|a| Attendance {
                member: a.member,
                presence: a.presence,
                proxy: a.proxy,
            })
            .collect();
        let waivable = self.content.second_convocation_of.is_some();
        let quorum = count_quorum(body, day, &attendance, rules, waivable);
        v.finish(|| {
            Some(MeetingData {
                status,
                attendance,
                quorum: Some(quorum),
                chair,
                secretary,
                ..self.clone()
            })
        })
    }

    /// Writes (or rewrites) the minutes of a held meeting; approved minutes no longer change.
    pub fn draft_minutes(&self, text: &str) -> Result<MeetingData, ValidationErrors> {
        let status = match self.status {
            MeetingStatus::MinutesDrafted => MeetingStatus::MinutesDrafted,
            other => other.apply(MeetingEvent::DraftMinutes).map_err(|e| e.on(&["id"]))?,
        };
        let Some(text) = non_blank(Some(text)) else {
            return Err(ValidationErrors::single(FieldError::new(
                &["text"],
                FieldErrorCode::Invalid,
                "the minutes have a text",
            )));
        };
        if text.chars().count() > MAX_TEXT * 10 {
            return Err(ValidationErrors::single(FieldError::new(
                &["text"],
                FieldErrorCode::Invalid,
                format!("at most {} characters", MAX_TEXT * 10),
            )));
        }
        Ok(MeetingData {
            status,
            minutes: Some(Minutes {
                text: text.to_owned(),
                approved_by: None,
            }),
            ..self.clone()
        })
    }

    /// The minutes approved by `decision`, adopted at a later meeting of the same body.
    pub fn approve_minutes(&self, decision: DecisionId) -> Result<MeetingData, TransitionError> {
        let status = self.status.apply(MeetingEvent::ApproveMinutes)?;
        Ok(MeetingData {
            status,
            minutes: self.minutes.clone().map(|m| Minutes {
                approved_by: Some(decision),
                ..m
            }),
            ..self.clone()
        })
    }

    pub fn cancel(&self, reason: Option<&str>) -> Result<MeetingData, ValidationErrors> {
        let status = self.status.apply(MeetingEvent::Cancel).map_err(|e| e.on(&["id"]))?;
        Ok(MeetingData {
            status,
            cancellation_reason: non_blank(reason).map(str::to_owned),
            ..self.clone()
        })
    }

    /// Whether decisions may be recorded: held, minutes not approved yet.
    pub fn takes_decisions(&self) -> bool {
        matches!(self.status, MeetingStatus::Held | MeetingStatus::MinutesDrafted)
    }

    /// Voting members present, and those represented.
    pub fn voters(&self, body: &BodyData) -> (u32, u32) {
        voters(body, &self.attendance)
    }
}

fn voters(body: &BodyData, attendance: &[Attendance]) -> (u32, u32) {
    let voting = |id: MemberId| body.content.member(id).is_some_and(|m| m.voting);
    let count = |presence: Presence| {
        let n = attendance
            .iter()
            .filter(|a| a.presence == presence && voting(a.member))
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    };
    (count(Presence::Present), count(Presence::Represented))
}

fn count_quorum(
    body: &BodyData,
    day: NaiveDate,
    attendance: &[Attendance],
    rules: Option<&Rules>,
    waivable: bool,
) -> QuorumCount {
    let voting_members = body.content.voting_members_on(day);
    let (present, represented) = voters(body, attendance);
    let Some(quorum) = rules.and_then(|r| r.quorum) else {
        return QuorumCount {
            voting_members,
            present,
            represented,
            required: None,
            reached: true,
            waived: false,
        };
    };
    let counted = match quorum.counts {
        QuorumBasis::Present => present,
        QuorumBasis::PresentOrRepresented => present + represented,
    };
    let met = quorum.threshold.met(counted, voting_members);
    let waived = !met && waivable && quorum.waived_on_second_convocation;
    QuorumCount {
        voting_members,
        present,
        represented,
        required: Some(quorum.threshold.required(voting_members)),
        reached: met || waived,
        waived,
    }
}
