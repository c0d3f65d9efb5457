//! Yearly collection campaigns: a federation opens one per year with the indicators it collects, its centres
//! fill in their values, staff validate them, and the campaign is closed and then published (what partners may
//! read). Each centre's submission has its own status; a validated one is frozen unless a federation admin
//! reopens it.

use chrono::NaiveDate;

use crate::audit::{AuditFields, Audited};
use crate::coded::coded_enum;
use crate::ids::{CampaignId, CentreId};
use crate::lifecycle::{Lifecycle, StateError};
use crate::record::{Record, RecordData};
use crate::validation::{ValidationErrors, Validator};

use super::catalogue::IndicatorCode;

coded_enum!(
    CampaignStatus {
        Draft => "DRAFT",
        Open => "OPEN",
        Closed => "CLOSED",
        Published => "PUBLISHED",
    }
);

coded_enum!(CampaignEvent {
    Open => "OPEN",
    Close => "CLOSE",
    Reopen => "REOPEN",
    Publish => "PUBLISH",
});

impl Lifecycle for CampaignStatus {
    type Event = CampaignEvent;
    const STEPS: &'static [(CampaignStatus, CampaignEvent, CampaignStatus)] = &[
        (CampaignStatus::Draft, CampaignEvent::Open, CampaignStatus::Open),
        (CampaignStatus::Open, CampaignEvent::Close, CampaignStatus::Closed),
        (CampaignStatus::Closed, CampaignEvent::Reopen, CampaignStatus::Open),
        (
            CampaignStatus::Closed,
            CampaignEvent::Publish,
            CampaignStatus::Published,
        ),
    ];
}

coded_enum!(
    /// Where a centre's figures for a campaign stand.
    SubmissionStatus {
        NotStarted => "NOT_STARTED",
        InProgress => "IN_PROGRESS",
        Submitted => "SUBMITTED",
        Validated => "VALIDATED",
        Rejected => "REJECTED",
    }
);

coded_enum!(SubmissionEvent {
    Start => "START",
    Submit => "SUBMIT",
    Validate => "VALIDATE",
    Reject => "REJECT",
    Reopen => "REOPEN",
});

impl Lifecycle for SubmissionStatus {
    type Event = SubmissionEvent;
    const STEPS: &'static [(SubmissionStatus, SubmissionEvent, SubmissionStatus)] = &[
        (
            SubmissionStatus::NotStarted,
            SubmissionEvent::Start,
            SubmissionStatus::InProgress,
        ),
        (
            SubmissionStatus::InProgress,
            SubmissionEvent::Submit,
            SubmissionStatus::Submitted,
        ),
        (
            SubmissionStatus::Submitted,
            SubmissionEvent::Validate,
            SubmissionStatus::Validated,
        ),
        (
            SubmissionStatus::Submitted,
            SubmissionEvent::Reject,
            SubmissionStatus::Rejected,
        ),
        (
            SubmissionStatus::Rejected,
            SubmissionEvent::Start,
            SubmissionStatus::InProgress,
        ),
        (
            SubmissionStatus::Validated,
            SubmissionEvent::Reopen,
            SubmissionStatus::InProgress,
        ),
    ];
}

impl SubmissionStatus {
    /// Whether the centre's values may be written: not while submitted or once validated (a federation admin
    /// reopens a validated submission first).
    pub fn accepts_values(self) -> Result<(), StateError> {
        match self {
            SubmissionStatus::NotStarted | SubmissionStatus::InProgress | SubmissionStatus::Rejected => Ok(()),
            SubmissionStatus::Submitted | SubmissionStatus::Validated => Err(StateError {
                state: self.code(),
                what: "a change of the centre's values".to_owned(),
            }),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CampaignContent {
    pub year: i32,
    pub indicators: Vec<IndicatorCode>,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
}

impl CampaignContent {
    /// A campaign for `year` collecting every collected indicator of `catalogue` (`core_only`: of its national
    /// core), from 15 January to 30 April of the next year, as the SENACS survey runs.
    pub fn collecting(year: i32, catalogue: &[super::catalogue::Indicator], core_only: bool) -> CampaignContent {
        let day = |month, day| NaiveDate::from_ymd_opt(year + 1, month, day).unwrap_or_default();
        CampaignContent {
            year,
            indicators: catalogue
                .iter()
                .filter(|i| i.kind == super::catalogue::IndicatorKind::Collected && (i.core || !core_only))
                .map(|i| i.code.clone())
                .collect(),
            opens_on: day(1, 15),
            closes_on: day(4, 30),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CampaignDraft {
    pub year: i32,
    pub indicators: Vec<String>,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
}

impl CampaignDraft {
    pub fn validate(self) -> Result<CampaignContent, ValidationErrors> {
        let mut v = Validator::new();
        if let Err(e) = crate::calendar::indicator_year(self.year) {
            v.invalid(&["year"], e.to_string());
        }
        if self.closes_on < self.opens_on {
            v.invalid(&["closesOn"], "a campaign closes after it opens");
        }
        if self.indicators.is_empty() {
            v.invalid(&["indicators"], "a campaign collects at least one indicator");
        }
        let mut codes: Vec<Option<IndicatorCode>> = Vec::new();
        for (i, raw) in self.indicators.iter().enumerate() {
            let code = v.check(&["indicators", &i.to_string()], IndicatorCode::parse(raw));
            if code.is_some() && codes.iter().flatten().any(|c| Some(c) == code.as_ref()) {
                v.invalid(&["indicators", &i.to_string()], "this indicator is listed twice");
            }
            codes.push(code);
        }
        v.finish(|| {
            Some(CampaignContent {
                year: self.year,
                indicators: codes.into_iter().collect::<Option<Vec<_>>>()?,
                opens_on: self.opens_on,
                closes_on: self.closes_on,
            })
        })
    }
}

/// A campaign as stored: what it collects, when, and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CampaignData {
    pub content: CampaignContent,
    pub status: CampaignStatus,
}

pub type Campaign = Record<CampaignId, CampaignData>;

impl RecordData for CampaignData {
    type Id = CampaignId;
}

impl AuditFields for CampaignData {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        let codes = self
            .content
            .indicators
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        vec![
            ("year", Some(self.content.year.to_string())),
            ("indicators", Some(codes)),
            ("opensOn", Some(self.content.opens_on.to_string())),
            ("closesOn", Some(self.content.closes_on.to_string())),
            ("status", Some(self.status.code().to_owned())),
        ]
    }
}

impl Audited for CampaignData {
    const ENTITY: &'static str = "Campaign";
}

/// A centre's submission to a campaign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
    pub campaign: CampaignId,
    pub centre: CentreId,
    pub status: SubmissionStatus,
    /// Why it was rejected, or what the centre says of its figures.
    pub comment: Option<String>,
}

impl AuditFields for Submission {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("centre", Some(self.centre.to_string())),
            ("status", Some(self.status.code().to_owned())),
            ("comment", self.comment.clone()),
        ]
    }
}

/// A submission's changes are recorded on its campaign's entry (`Campaign`), centre by centre.
impl Audited for Submission {
    const ENTITY: &'static str = "Campaign";
}
