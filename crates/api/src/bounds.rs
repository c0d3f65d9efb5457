//! Arguments that size work, checked before any work starts: each one out of bounds is refused with
//! `INVALID_ARGUMENT` and reaches neither the database nor an allocation sized by it. Pages (`first`/`last`) are
//! bounded in `pagination`, ids in `nodes`.

use pactes_domain::calendar;

use crate::error::ErrorCode;

/// The furthest `expiringConventions(withinDays:)` looks ahead: ten years, longer than any convention runs.
pub const MAX_WITHIN_DAYS: u32 = 3_660;

fn invalid(message: impl Into<String>) -> async_graphql::Error {
    ErrorCode::InvalidArgument.error(message)
}

/// `list` holds no value twice: a grouping is a set, and a repeated group would only multiply the work.
pub fn distinct<T: PartialEq + std::fmt::Debug>(argument: &str, list: &[T]) -> async_graphql::Result<()> {
    for (i, item) in list.iter().enumerate() {
        if list[..i].contains(item) {
            return Err(invalid(format!("{argument} lists {item:?} twice")));
        }
    }
    Ok(())
}

/// `list` holds at most `max` items.
pub fn at_most(argument: &str, len: usize, max: usize) -> async_graphql::Result<()> {
    if len > max {
        return Err(invalid(format!("{argument} holds at most {max} items")));
    }
    Ok(())
}

/// A year of indicators.
pub fn indicator_year(argument: &str, year: i32) -> async_graphql::Result<i32> {
    calendar::indicator_year(year).map_err(|e| invalid(format!("{argument}: {e}")))
}

/// The years from `from` to `to`, as a count of years at most `max_points / codes` for `codes` indicators.
pub fn indicator_span(codes: usize, from: i32, to: i32, max_points: usize) -> async_graphql::Result<Vec<i32>> {
    let years = calendar::indicator_years(from, to).map_err(|e| invalid(format!("fromYear, toYear: {e}")))?;
    indicator_cells(codes, (years.end() - years.start() + 1) as usize, max_points)?;
    Ok(years.collect())
}

/// `codes` indicators over `years` years make at most `max` indicator-years.
pub fn indicator_cells(codes: usize, years: usize, max: usize) -> async_graphql::Result<()> {
    if codes.saturating_mul(years) > max {
        return Err(invalid(format!(
            "at most {max} indicator-years at once (codes × years)"
        )));
    }
    Ok(())
}

/// The points a series of `codes` indicators from `from` to `to` would hold, at most `max_points`: what the
/// complexity estimate counts (a request asking for more is refused before it runs, `INVALID_ARGUMENT`).
pub fn points(codes: usize, from: i32, to: i32, max_points: usize) -> usize {
    let span = (i64::from(to) - i64::from(from) + 1).clamp(0, max_points as i64) as usize;
    codes.saturating_mul(span).min(max_points)
}

/// `withinDays` of an expiry window.
pub fn within_days(days: u32) -> async_graphql::Result<u32> {
    if days > MAX_WITHIN_DAYS {
        return Err(invalid(format!("withinDays is at most {MAX_WITHIN_DAYS} (ten years)")));
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_span_is_counted_without_building_it() {
        assert_eq!(points(1, i32::MIN, i32::MAX, 400), 400);
        assert_eq!(points(3, 2020, 2024, 400), 15);
        assert_eq!(points(2, 2024, 2020, 400), 0);
        assert!(indicator_span(1, i32::MIN, i32::MAX, 400).is_err());
        assert!(indicator_span(1, 0, 300_000_000, 400).is_err());
        assert!(indicator_span(5, 2000, 2100, 400).is_err(), "505 points");
        assert_eq!(indicator_span(2, 2022, 2024, 400).unwrap(), vec![2022, 2023, 2024]);
    }

    #[test]
    fn groupings_are_sets() {
        assert!(distinct("groupBy", &[1, 2, 3]).is_ok());
        assert!(distinct("groupBy", &[1, 2, 1]).is_err());
    }
}
