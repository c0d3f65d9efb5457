//! How a body kept its rules over a year: meetings per period against the minimum (and which periods missed
//! it), convocations on time, quorum reached, minutes approved. A period not over yet is reported as ongoing,
//! never as missed.

use chrono::NaiveDate;

use super::meeting::MeetingStatus;
use super::rulebook::Frequency;

/// What the report needs of one meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeetingFacts {
    pub day: NaiveDate,
    pub status: MeetingStatus,
    /// `None` when not convened; else whether the convocation gave the notice asked (or was urgent, with a reason).
    pub convened_on_time: Option<bool>,
    /// `None` when not held.
    pub quorum_reached: Option<bool>,
}

impl MeetingFacts {
    fn held(&self) -> bool {
        matches!(
            self.status,
            MeetingStatus::Held | MeetingStatus::MinutesDrafted | MeetingStatus::MinutesApproved
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeriodConformity {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub required: u32,
    pub held: u32,
    /// The period is over and fewer meetings than required were held in it.
    pub missed: bool,
    /// The period is not over on the day of the report.
    pub ongoing: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conformity {
    pub year: i32,
    /// `None`: the rulebook sets no frequency, and no period is reported.
    pub frequency: Option<Frequency>,
    pub periods: Vec<PeriodConformity>,
    pub meetings: u32,
    pub held: u32,
    pub cancelled: u32,
    pub convened: u32,
    pub convened_on_time: u32,
    pub quorum_reached: u32,
    pub minutes_approved: u32,
}

impl Conformity {
    pub fn missed_periods(&self) -> impl Iterator<Item = &PeriodConformity> {
        self.periods.iter().filter(|p| p.missed)
    }
}

/// The report for `year` as it stands on `today`, from the year's meetings.
pub fn conformity(year: i32, today: NaiveDate, frequency: Option<Frequency>, meetings: &[MeetingFacts]) -> Conformity {
    let in_year: Vec<&MeetingFacts> = meetings
        .iter()
        .filter(|m| chrono::Datelike::year(&m.day) == year)
        .collect();
    let count =
        |f: &dyn Fn(&MeetingFacts) -> bool| u32::try_from(in_year.iter().filter(|m| f(m)).count()).unwrap_or(u32::MAX);
    let periods = frequency
        .map(|frequency| {
            frequency
                .per
                .of_year(year)
                .into_iter()
                .map(|(first_day, last_day)| {
                    let held = count(&|m| m.held() && first_day <= m.day && m.day <= last_day);
                    let ongoing = today <= last_day;
                    PeriodConformity {
                        first_day,
                        last_day,
                        required: frequency.meetings,
                        held,
                        missed: !ongoing && held < frequency.meetings,
                        ongoing,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Conformity {
        year,
        frequency,
        periods,
        meetings: count(&|_| true),
        held: count(&|m| m.held()),
        cancelled: count(&|m| m.status == MeetingStatus::Cancelled),
        convened: count(&|m| m.convened_on_time.is_some()),
        convened_on_time: count(&|m| m.convened_on_time == Some(true)),
        quorum_reached: count(&|m| m.quorum_reached == Some(true)),
        minutes_approved: count(&|m| m.status == MeetingStatus::MinutesApproved),
    }
}
