//! The years Pactes reckons in, and the spans of years a request may ask for.
//!
//! Dates are stored as `YYYY-MM-DD` text on SQLite, where comparing them is comparing text: that holds only for
//! four-digit years, so a date's year is bounded here, for every date that enters (the API's `Date`, the
//! spreadsheets' dates). Indicator years are a campaign's. A span of years sizes work (a series holds a point per
//! year), so it is checked before anything is built from it.

use chrono::{Datelike, NaiveDate};

/// The first and last years of a date Pactes accepts: wide enough for the oldest charter and the longest
/// convention, four digits so that dates order the same as text and as dates.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2199;

/// The years an indicator value, a campaign or an aggregate may concern.
pub const FIRST_INDICATOR_YEAR: i32 = 2000;
pub const LAST_INDICATOR_YEAR: i32 = 2100;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("a date is written like 2024-01-31")]
    Format,
    #[error("a date's year is between {FIRST_YEAR} and {LAST_YEAR}")]
    OutOfRange,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum YearError {
    #[error("{0} is not a year of indicators: they run from {FIRST_INDICATOR_YEAR} to {LAST_INDICATOR_YEAR}")]
    OutOfRange(i32),
    #[error("the first year comes after the last")]
    Reversed,
}

/// Whether `date` lies in the years Pactes accepts.
pub fn is_supported(date: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

/// An ISO date, `2024-01-31` exactly (chrono alone takes `+10000-01-01` and unpadded fields), of a supported
/// year.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return Err(DateError::Format);
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| DateError::Format)?;
    if is_supported(date) {
        Ok(date)
    } else {
        Err(DateError::OutOfRange)
    }
}

/// `year`, if indicators may concern it.
pub fn indicator_year(year: i32) -> Result<i32, YearError> {
    if (FIRST_INDICATOR_YEAR..=LAST_INDICATOR_YEAR).contains(&year) {
        Ok(year)
    } else {
        Err(YearError::OutOfRange(year))
    }
}

/// The years from `from` to `to`, both indicator years, `from` first.
pub fn indicator_years(from: i32, to: i32) -> Result<std::ops::RangeInclusive<i32>, YearError> {
    let from = indicator_year(from)?;
    let to = indicator_year(to)?;
    if from > to {
        return Err(YearError::Reversed);
    }
    Ok(from..=to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_with_four_digit_years_in_range() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(parse_date("2024-01-31"), Ok(day(2024, 1, 31)));
        assert_eq!(parse_date("1900-01-01"), Ok(day(1900, 1, 1)));
        assert_eq!(parse_date("2199-12-31"), Ok(day(2199, 12, 31)));
        assert_eq!(parse_date("1899-12-31"), Err(DateError::OutOfRange));
        assert_eq!(parse_date("2200-01-01"), Err(DateError::OutOfRange));
        for malformed in [
            "+10000-01-01",
            "10000-01-01",
            "2024-1-31",
            "2024-01-32",
            "2023-02-29",
            "24-01-31",
            " 2024-01-31",
            "2024/01/31",
            "",
            "2024-01-3١",
        ] {
            assert_eq!(parse_date(malformed), Err(DateError::Format), "{malformed:?}");
        }
    }

    #[test]
    fn a_span_of_indicator_years_is_checked_before_it_is_counted() {
        assert_eq!(indicator_years(2020, 2024), Ok(2020..=2024));
        assert_eq!(indicator_years(2024, 2024), Ok(2024..=2024));
        assert_eq!(indicator_years(2024, 2020), Err(YearError::Reversed));
        assert_eq!(
            indicator_years(i32::MIN, i32::MAX),
            Err(YearError::OutOfRange(i32::MIN))
        );
        assert_eq!(indicator_years(0, 300_000_000), Err(YearError::OutOfRange(0)));
        assert_eq!(indicator_years(2000, 2101), Err(YearError::OutOfRange(2101)));
    }
}
