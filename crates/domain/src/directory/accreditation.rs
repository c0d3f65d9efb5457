//! The CAF accreditation (agrément) of a centre's social project: a period of at most four years.

use chrono::{Months, NaiveDate};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccreditationError {
    #[error("the accreditation must end after it starts")]
    EndBeforeStart,
    #[error("a CAF accreditation lasts at most 4 years (until {latest} for a start on {start})")]
    TooLong { start: NaiveDate, latest: NaiveDate },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccreditationDraft {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Both dates are inclusive: 2024-01-01 to 2027-12-31 is four years.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accreditation {
    start: NaiveDate,
    end: NaiveDate,
}

impl Accreditation {
    pub const MAX_YEARS: u32 = 4;

    pub fn new(draft: AccreditationDraft) -> Result<Accreditation, AccreditationError> {
        let AccreditationDraft { start, end } = draft;
        if end <= start {
            return Err(AccreditationError::EndBeforeStart);
        }
        let latest = start
            .checked_add_months(Months::new(12 * Self::MAX_YEARS))
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX);
        if end > latest {
            return Err(AccreditationError::TooLong { start, latest });
        }
        Ok(Accreditation { start, end })
    }

    pub fn start(&self) -> NaiveDate {
        self.start
    }

    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// In force on `day` (both bounds included).
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    pub fn draft(&self) -> AccreditationDraft {
        AccreditationDraft {
            start: self.start,
            end: self.end,
        }
    }
}

impl crate::stored::FromStored<(NaiveDate, NaiveDate)> for Accreditation {
    fn from_stored((start, end): (NaiveDate, NaiveDate)) -> Accreditation {
        Accreditation { start, end }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn four_full_years_are_allowed_one_more_day_is_not() {
        assert!(
            Accreditation::new(AccreditationDraft {
                start: date(2024, 1, 1),
                end: date(2027, 12, 31)
            })
            .is_ok()
        );
        assert_eq!(
            Accreditation::new(AccreditationDraft {
                start: date(2024, 1, 1),
                end: date(2028, 1, 1)
            }),
            Err(AccreditationError::TooLong {
                start: date(2024, 1, 1),
                latest: date(2027, 12, 31)
            })
        );
        // From 29 February the four years end on 28 February.
        assert!(
            Accreditation::new(AccreditationDraft {
                start: date(2024, 2, 29),
                end: date(2028, 2, 28)
            })
            .is_ok()
        );
        assert!(
            Accreditation::new(AccreditationDraft {
                start: date(2024, 2, 29),
                end: date(2028, 2, 29)
            })
            .is_err()
        );
    }

    #[test]
    fn the_end_must_follow_the_start() {
        let same = AccreditationDraft {
            start: date(2025, 6, 1),
            end: date(2025, 6, 1),
        };
        assert_eq!(Accreditation::new(same), Err(AccreditationError::EndBeforeStart));
    }

    #[test]
    fn covers_both_bounds() {
        let a = Accreditation::new(AccreditationDraft {
            start: date(2024, 1, 1),
            end: date(2027, 12, 31),
        })
        .unwrap();
        assert!(a.covers(date(2024, 1, 1)) && a.covers(date(2027, 12, 31)));
        assert!(!a.covers(date(2028, 1, 1)));
    }
}
