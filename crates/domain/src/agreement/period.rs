//! An agreement's period: the days it is in force.

use chrono::NaiveDate;

/// The dates an agreement (a pact, a convention) is in force, both inclusive; the end comes after the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    start: NaiveDate,
    end: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the period must end after it starts")]
pub struct PeriodError;

impl Period {
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Period, PeriodError> {
        if end <= start {
            return Err(PeriodError);
        }
        Ok(Period { start, end })
    }

    pub fn start(&self) -> NaiveDate {
        self.start
    }

    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// Whether the agreement is in force on `day`.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// Whether the period and the calendar year `year` share a day.
    pub fn overlaps_year(&self, year: i32) -> bool {
        use chrono::Datelike;
        self.start.year() <= year && year <= self.end.year()
    }
}

impl crate::stored::FromStored<(NaiveDate, NaiveDate)> for Period {
    fn from_stored((start, end): (NaiveDate, NaiveDate)) -> Period {
        Period { start, end }
    }
}
