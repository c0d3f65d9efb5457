//! Yearly collection campaigns: a federation opens one per year with the indicators it collects, its centres
//! fill in their values, staff validate them, and the campaign is closed and then published (what partners may
//! read). Each centre's submission has its own status; a validated one is frozen unless a federation admin
//! reopens it.

use chrono::NaiveDate;

use crate::coded::coded_enum;
use crate::lifecycle::{Lifecycle, StateError};
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
        if !(2000..=2100).contains(&self.year) {
            v.invalid(&["year"], "a campaign's year is between 2000 and 2100");
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
